namespace Akua.Sdk;

/// <summary>One page of a list operation.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class AkuaPage<T>
{
    /// <summary>Creates a page; the SDK builds these from responses, tests may build their own (see <see cref="AkuaModelFactory"/>).</summary>
    /// <param name="data">The items.</param>
    /// <param name="hasMore">True when another page follows.</param>
    /// <param name="nextCursor">The cursor of the next page, or null on the last one.</param>
    public AkuaPage(IReadOnlyList<T> data, bool hasMore, string? nextCursor)
    {
        ArgumentNullException.ThrowIfNull(data);
        Data = data;
        HasMore = hasMore;
        NextCursor = nextCursor;
    }

    /// <summary>The items on this page, in the API's order (offers: newest first).</summary>
    public IReadOnlyList<T> Data { get; }

    /// <summary>True when another page follows.</summary>
    public bool HasMore { get; }

    /// <summary>Pass as the list options' <c>Cursor</c> to get the next page; null on the last one.</summary>
    public string? NextCursor { get; }
}

/// <summary>Which page of offers to list.</summary>
public sealed class ListOffersOptions
{
    /// <summary>Items per page, 1 to 100; the API's default is 50.</summary>
    public int? Limit { get; set; }

    /// <summary>Only offers on this product.</summary>
    public string? ProductId { get; set; }

    /// <summary>The <see cref="AkuaPage{T}.NextCursor"/> of the page before; null for the first page.</summary>
    public string? Cursor { get; set; }
}

/// <summary>Which page of products to list.</summary>
public sealed class ListProductsOptions
{
    /// <summary>Items per page, 1 to 100; the API's default is 50.</summary>
    public int? Limit { get; set; }

    /// <summary>The <see cref="AkuaPage{T}.NextCursor"/> of the page before; null for the first page.</summary>
    public string? Cursor { get; set; }
}

internal static class AkuaPaging
{
    public const int MinLimit = 1;
    public const int MaxLimit = 100;

    // Cursors are opaque tokens the API hands out; the document sets no limit, so this one only
    // keeps an absurd value from being sent (and from making an over-long URL).
    public const int MaxCursorLength = 4096;

    /// <summary>Builds <c>resource?limit=..&amp;cursor=..</c> with every value escaped.</summary>
    public static string ListUri(string resource, int? limit, string? cursor, string? productId = null)
    {
        if (limit is { } value && (value < MinLimit || value > MaxLimit))
        {
            throw new ArgumentOutOfRangeException("query.Limit", value, $"Limit must be between {MinLimit} and {MaxLimit}.");
        }

        if (cursor is { Length: 0 } || cursor?.Length > MaxCursorLength)
        {
            throw new ArgumentException($"query.Cursor must be 1 to {MaxCursorLength} characters long (leave it null for the first page).", "query.Cursor");
        }

        if (limit is null && cursor is null && productId is null)
        {
            return resource;
        }

        var separator = '?';
        var uri = new System.Text.StringBuilder(resource);
        if (limit is { } l)
        {
            uri.Append(separator).Append("limit=").Append(l.ToString(System.Globalization.CultureInfo.InvariantCulture));
            separator = '&';
        }

        if (cursor is not null)
        {
            uri.Append(separator).Append("cursor=").Append(AkuaPath.Query(cursor));
            separator = '&';
        }

        if (productId is not null)
        {
            uri.Append(separator).Append("product_id=").Append(AkuaPath.Query(productId));
        }

        return uri.ToString();
    }

    /// <summary>Follows <c>next_cursor</c> page by page; holds one page in memory at a time.</summary>
    public static async IAsyncEnumerable<T> EnumerateAsync<T>(
        Func<string?, CancellationToken, Task<AkuaPage<T>>> fetchPage,
        string? firstCursor,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var cursor = firstCursor;
        while (true)
        {
            var page = await fetchPage(cursor, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Data)
            {
                yield return item;
            }

            if (!page.HasMore || page.NextCursor is null)
            {
                yield break;
            }

            if (page.NextCursor == cursor)
            {
                // A server bug would otherwise loop forever.
                throw new AkuaInvalidResponseException("The API returned the same next_cursor twice; stopping to avoid an endless loop.", 200);
            }

            cursor = page.NextCursor;
        }
    }
}
