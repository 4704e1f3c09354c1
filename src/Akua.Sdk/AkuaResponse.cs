using System.Net.Http.Headers;

namespace Akua.Sdk;

/// <summary>
/// The HTTP response a result was read from: its status, the request id Akua gave it and its
/// headers. Every model the SDK returns carries it (<c>GetRawResponse()</c>), as do pages.
/// </summary>
public sealed class AkuaResponse
{
    private readonly HttpResponseHeaders? _headers;
    private readonly HttpContentHeaders? _contentHeaders;
    private IReadOnlyDictionary<string, IReadOnlyList<string>>? _headerView;

    /// <summary>Creates a response description, e.g. for a model your test doubles return.</summary>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="requestId">The request id.</param>
    /// <param name="headers">The headers; none when null.</param>
    public AkuaResponse(int statusCode, string? requestId = null, IReadOnlyDictionary<string, IReadOnlyList<string>>? headers = null)
    {
        StatusCode = statusCode;
        RequestId = requestId;
        _headerView = headers is null
            ? new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, IReadOnlyList<string>>(headers, StringComparer.OrdinalIgnoreCase);
    }

    internal AkuaResponse(HttpResponseMessage response, string? requestId)
    {
        StatusCode = (int)response.StatusCode;
        RequestId = requestId;
        _headers = response.Headers;
        _contentHeaders = response.Content.Headers;
    }

    /// <summary>The HTTP status code, such as 200 or 201.</summary>
    public int StatusCode { get; }

    /// <summary>The request id the server gave the call (control characters removed, at most 200 characters); quote it to Akua support.</summary>
    public string? RequestId { get; }

    /// <summary>The response and content headers by name (case-insensitive), as received.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers => _headerView ??= CopyHeaders();

    /// <summary>The first value of a header, or null when the response had none.</summary>
    /// <param name="name">The header name, in any case.</param>
    /// <returns>The value, or null.</returns>
    public string? GetHeader(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Headers.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;
    }

    /// <summary>The status and request id.</summary>
    /// <returns>Text such as <c>200 (request id req_123)</c>.</returns>
    public override string ToString() => RequestId is null ? StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{StatusCode} (request id {RequestId})";

    // Copied on first use only: most callers never look.
    private Dictionary<string, IReadOnlyList<string>> CopyHeaders()
    {
        var copy = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in (IEnumerable<KeyValuePair<string, HeaderStringValues>>?)_headers?.NonValidated ?? [])
        {
            copy[name] = values.ToArray();
        }

        foreach (var (name, values) in (IEnumerable<KeyValuePair<string, HeaderStringValues>>?)_contentHeaders?.NonValidated ?? [])
        {
            copy[name] = values.ToArray();
        }

        return copy;
    }
}

/// <summary>A result that remembers the response it was read from.</summary>
internal interface IAkuaResponseCarrier
{
    void SetRawResponse(AkuaResponse response);
}
