using System.Globalization;
using System.Text;
using Akua.Sdk.Contract;

namespace Akua.Sdk.Testing;

/// <summary>A stored resource: its workspace, its place in creation order and its version.</summary>
internal interface IStoredRecord
{
    string WorkspaceId { get; }

    long Sequence { get; }

    string Etag { get; }
}

/// <summary>Cursor pagination, newest first, as every list operation answers it.</summary>
internal static class Paging
{
    /// <summary>The document's default for <c>limit</c> (the generated rules carry no defaults).</summary>
    public const int DefaultLimit = 50;

    /// <summary>
    /// One page of <paramref name="records"/>. The cursor is opaque, names the operation (a product
    /// cursor is refused by the offer list) and points after the last item, so items created
    /// between pages never shift the next one.
    /// </summary>
    /// <param name="request">The list request.</param>
    /// <param name="limitRule">Its <c>limit</c> parameter.</param>
    /// <param name="cursorRule">Its <c>cursor</c> parameter.</param>
    /// <param name="records">The records to page through, before the workspace filter.</param>
    /// <param name="model">What a record answers as.</param>
    /// <param name="visible">Whether a record shows in a workspace's list; by default, when it is the record's own.</param>
    public static Reply Page<TRecord, TModel>(EmulatorRequest request, AkuaValueRule limitRule, AkuaValueRule cursorRule, IEnumerable<TRecord> records, Func<TRecord, TModel> model, Func<TRecord, string?, bool>? visible = null)
        where TRecord : IStoredRecord
    {
        // A list without an akua-context header runs in the token's own workspace.
        var workspace = request.Workspace ?? request.Caller?.DefaultWorkspaceId;
        visible ??= static (record, workspace) => record.WorkspaceId == workspace;
        var kind = request.Operation.OperationId;
        var limit = (int)(request.QueryInteger(limitRule) ?? DefaultLimit);
        long? after = null;
        if (request.Query(cursorRule) is { Length: > 0 } cursor)
        {
            after = Decode(kind, cursor);
            if (after is null)
            {
                return request.Invalid(["query", cursorRule.Name], $"'{cursorRule.Name}' is not a cursor this list gave out.");
            }
        }

        var items = records
            .Where(r => visible(r, workspace) && (after is null || r.Sequence < after))
            .OrderByDescending(r => r.Sequence)
            .Take(limit + 1)
            .ToList();
        var hasMore = items.Count > limit;
        return Replies.Ok(200, new Page<TModel>
        {
            Data = [.. items.Take(limit).Select(model)],
            HasMore = hasMore,
            NextCursor = hasMore ? Encode(kind, items[limit - 1].Sequence) : null,
        });
    }

    private static string Encode(string kind, long sequence) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{kind}.{sequence.ToString(CultureInfo.InvariantCulture)}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static long? Decode(string kind, string cursor)
    {
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            return text.StartsWith(kind + ".", StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(kind.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
                ? sequence
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
