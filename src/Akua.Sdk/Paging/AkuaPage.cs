namespace Akua.Sdk;

/// <summary>One page of a list operation.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class AkuaPage<T> : IAkuaResponseCarrier
{
    private AkuaResponse? _rawResponse;

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

    /// <summary>The HTTP response this page was read from (status, request id, headers); null for a page you built.</summary>
    /// <returns>The response, or null.</returns>
    public AkuaResponse? GetRawResponse() => _rawResponse;

    void IAkuaResponseCarrier.SetRawResponse(AkuaResponse response) => _rawResponse = response;
}

/// <summary>The shape of every list response: a page of items, whether more follow, and the next cursor.</summary>
/// <typeparam name="T">The item type.</typeparam>
internal interface IAkuaList<T>
{
    IReadOnlyList<T> Data { get; }

    bool HasMore { get; }

    string? NextCursor { get; }

    AkuaResponse? GetRawResponse();
}
