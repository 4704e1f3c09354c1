using System.Runtime.CompilerServices;
using Akua.Sdk.Contract;

namespace Akua.Sdk;

/// <summary>Follows <c>next_cursor</c> page by page, and ends even when the server's paging does not.</summary>
internal static class AkuaPaging
{
    /// <summary>How many empty pages in a row that claim <c>has_more</c> are believed.</summary>
    public const int MaxEmptyPagesInARow = 10;

    /// <summary>Enumerates items lazily, one page in memory at a time.</summary>
    public static async IAsyncEnumerable<T> EnumerateAsync<T>(
        string operationId,
        Func<string?, CancellationToken, Task<AkuaPage<T>>> fetchPage,
        string? firstCursor,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (firstCursor is not null)
        {
            seen.Add(firstCursor);
        }

        var cursor = firstCursor;
        var emptyInARow = 0;
        while (true)
        {
            var page = await fetchPage(cursor, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Data)
            {
                yield return item;
            }

            // No cursor means the last page, whatever has_more says: the document makes next_cursor null on the last one.
            if (!page.HasMore || page.NextCursor is null)
            {
                yield break;
            }

            var status = page.GetRawResponse()?.StatusCode ?? 200;
            var requestId = page.GetRawResponse()?.RequestId;
            if (NextCursorProblem(page.NextCursor) is { } problem)
            {
                throw new AkuaInvalidResponseException($"Akua {operationId} answered a page with has_more but {problem}; stopping.", status, requestId);
            }

            if (!seen.Add(page.NextCursor!))
            {
                throw new AkuaInvalidResponseException($"Akua {operationId} answered a next_cursor already seen in this enumeration; stopping to avoid an endless loop.", status, requestId);
            }

            emptyInARow = page.Data.Count == 0 ? emptyInARow + 1 : 0;
            if (emptyInARow >= MaxEmptyPagesInARow)
            {
                throw new AkuaInvalidResponseException($"Akua {operationId} answered {MaxEmptyPagesInARow} empty pages in a row that each claimed more would follow; stopping.", status, requestId);
            }

            cursor = page.NextCursor;
        }
    }

    /// <summary>What is wrong with a server's <c>next_cursor</c> for sending back, or null.</summary>
    private static string? NextCursorProblem(string cursor) => cursor switch
    {
        { Length: 0 } => "an empty next_cursor",
        { Length: > AkuaUri.MaxQueryValueLength } => $"a next_cursor longer than {AkuaUri.MaxQueryValueLength} characters",
        _ => null,
    };
}
