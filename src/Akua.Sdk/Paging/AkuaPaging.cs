using System.Runtime.CompilerServices;
using Akua.Sdk.Contract;

namespace Akua.Sdk;

/// <summary>Follows <c>next_cursor</c> page by page, and ends even when the server's paging does not.</summary>
internal static class AkuaPaging
{
    /// <summary>How many empty pages in a row that claim <c>has_more</c> are believed.</summary>
    public const int MaxEmptyPagesInARow = 10;

    /// <summary>
    /// Enumerates items lazily, one page in memory at a time; with <paramref name="readAhead"/>, the
    /// next page is requested as soon as the current one arrives, so at most two are in memory.
    /// </summary>
    public static async IAsyncEnumerable<T> EnumerateAsync<T>(
        string operationId,
        Func<string?, CancellationToken, Task<AkuaPage<T>>> fetchPage,
        string? firstCursor,
        bool readAhead,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (firstCursor is not null)
        {
            seen.Add(firstCursor);
        }

        // Its own source, so a caller who stops early cancels the page read ahead without cancelling its token.
        using var aheadSource = readAhead ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken) : null;
        var token = aheadSource?.Token ?? cancellationToken;
        Task<AkuaPage<T>>? ahead = null;
        try
        {
            var cursor = firstCursor;
            var emptyInARow = 0;
            while (true)
            {
                var next = ahead ?? fetchPage(cursor, token);
                ahead = null;

                // A failure of the page read ahead surfaces here, where the caller reaches that page.
                var page = await next.ConfigureAwait(false);

                // No cursor means the last page, whatever has_more says: the document makes next_cursor null on the last one.
                var last = !page.HasMore || page.NextCursor is null;
                var problem = last ? null : Problem(operationId, page, seen, ref emptyInARow);
                if (!last && problem is null && readAhead)
                {
                    ahead = fetchPage(page.NextCursor, token);
                }

                foreach (var item in page.Data)
                {
                    yield return item;
                }

                if (last)
                {
                    yield break;
                }

                if (problem is not null)
                {
                    throw problem;
                }

                cursor = page.NextCursor;
            }
        }
        finally
        {
            if (ahead is not null)
            {
                // The caller stopped before reaching the page read ahead: cancel it and observe its outcome.
                await aheadSource!.CancelAsync().ConfigureAwait(false);
                try
                {
                    await ahead.ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // Nobody asked for that page: its failure (most often the cancellation) is nobody's error.
                }
            }
        }
    }

    /// <summary>Why the server's paging cannot be followed past this page, or null.</summary>
    private static AkuaInvalidResponseException? Problem<T>(string operationId, AkuaPage<T> page, HashSet<string> seen, ref int emptyInARow)
    {
        var status = page.GetRawResponse()?.StatusCode ?? 200;
        var requestId = page.GetRawResponse()?.RequestId;
        if (NextCursorProblem(page.NextCursor!) is { } problem)
        {
            return new AkuaInvalidResponseException($"Akua {operationId} answered a page with has_more but {problem}; stopping.", status, requestId);
        }

        if (!seen.Add(page.NextCursor!))
        {
            return new AkuaInvalidResponseException($"Akua {operationId} answered a next_cursor already seen in this enumeration; stopping to avoid an endless loop.", status, requestId);
        }

        emptyInARow = page.Data.Count == 0 ? emptyInARow + 1 : 0;
        return emptyInARow >= MaxEmptyPagesInARow
            ? new AkuaInvalidResponseException($"Akua {operationId} answered {MaxEmptyPagesInARow} empty pages in a row that each claimed more would follow; stopping.", status, requestId)
            : null;
    }

    /// <summary>What is wrong with a server's <c>next_cursor</c> for sending back, or null.</summary>
    private static string? NextCursorProblem(string cursor) => cursor switch
    {
        { Length: 0 } => "an empty next_cursor",
        _ when string.IsNullOrWhiteSpace(cursor) => "a blank next_cursor",
        { Length: > AkuaUri.MaxQueryValueLength } => $"a next_cursor longer than {AkuaUri.MaxQueryValueLength} characters",
        _ => null,
    };
}
