namespace Akua.Sdk;

/// <summary>
/// The Akua API client. Create one per application (or register it with <c>AddAkuaSdk</c>) and
/// share it: it is thread-safe and keeps connections alive.
/// </summary>
public class AkuaClient : IAkuaClient, IDisposable
{
    private readonly HttpClient _httpClient;
    private readonly bool _ownsHttpClient;

    /// <summary>Creates a client that owns its connections; dispose it when done.</summary>
    /// <param name="options">The settings; validated here and copied, so later changes have no effect.</param>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    public AkuaClient(AkuaClientOptions options)
        : this(AkuaClientOptionsValidator.ValidatedCopy(options), httpClient: null)
    {
    }

    /// <summary>
    /// Creates a client over an <see cref="HttpClient"/> you own (and dispose). The client sends
    /// absolute URIs built from <see cref="AkuaClientOptions.BaseAddress"/>, so the HttpClient's own
    /// base address is not used.
    /// </summary>
    /// <param name="httpClient">The HttpClient to send through, e.g. one from <c>IHttpClientFactory</c>.</param>
    /// <param name="options">The settings; validated here and copied, so later changes have no effect.</param>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    public AkuaClient(HttpClient httpClient, AkuaClientOptions options)
        : this(AkuaClientOptionsValidator.ValidatedCopy(options), httpClient ?? throw new ArgumentNullException(nameof(httpClient)))
    {
    }

    // For callers that validated the options already (dependency injection validates them once).
    internal static AkuaClient FromValidatedOptions(AkuaClientOptions options, HttpClient httpClient) => new(options, httpClient);

    private AkuaClient(AkuaClientOptions validated, HttpClient? httpClient)
    {
        _ownsHttpClient = httpClient is null;
        _httpClient = httpClient ?? CreateHttpClient(validated);
        var pipeline = new AkuaPipeline(_httpClient, validated);
        Offers = new OffersClient(pipeline);
        Products = new ProductsClient(pipeline);
    }

    /// <inheritdoc />
    public virtual IOffersClient Offers { get; }

    /// <inheritdoc />
    public virtual IProductsClient Products { get; }

    /// <summary>Releases the connections, if this client created them.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the connections, if this client created them.</summary>
    /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing && _ownsHttpClient)
        {
            _httpClient.Dispose();
        }
    }

    private static HttpClient CreateHttpClient(AkuaClientOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            // Re-resolve DNS now and then, as IHttpClientFactory does for long-lived clients.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.All,
        };
        return new HttpClient(handler, disposeHandler: true) { Timeout = options.Timeout };
    }
}
