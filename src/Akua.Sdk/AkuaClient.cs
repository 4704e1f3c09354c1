using Microsoft.Extensions.Logging;

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
        : this(AkuaClientOptionsValidator.ValidatedCopy(options), httpClient: null, loggerFactory: null)
    {
    }

    /// <summary>Creates a client that owns its connections and logs its attempts; dispose it when done.</summary>
    /// <param name="options">The settings; validated here and copied, so later changes have no effect.</param>
    /// <param name="loggerFactory">Where attempt and retry lines go (category <c>Akua.Sdk</c>).</param>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    public AkuaClient(AkuaClientOptions options, ILoggerFactory loggerFactory)
        : this(AkuaClientOptionsValidator.ValidatedCopy(options), httpClient: null, loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory)))
    {
    }

    /// <summary>
    /// Creates a client over an <see cref="HttpClient"/> you own (and dispose). The client sends
    /// absolute URIs built from <see cref="AkuaClientOptions.BaseAddress"/>, so the HttpClient's own
    /// base address is not used. The SDK's resilience pipeline is not added to a client you own: add
    /// your own handler (for example over <see cref="AkuaResilience.CreatePipeline(AkuaRetryOptions, AkuaCircuitBreakerOptions, TimeSpan, TimeProvider?)"/>),
    /// or use <c>AddAkuaSdk</c>, which does it for you.
    /// </summary>
    /// <param name="httpClient">The HttpClient to send through, e.g. one from <c>IHttpClientFactory</c>.</param>
    /// <param name="options">The settings; validated here and copied, so later changes have no effect.</param>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    public AkuaClient(HttpClient httpClient, AkuaClientOptions options)
        : this(AkuaClientOptionsValidator.ValidatedCopy(options), httpClient ?? throw new ArgumentNullException(nameof(httpClient)), loggerFactory: null)
    {
    }

    // For callers that validated the options already (dependency injection validates them once).
    internal static AkuaClient FromValidatedOptions(AkuaClientOptions options, HttpClient httpClient) => new(options, httpClient, loggerFactory: null);

    private AkuaClient(AkuaClientOptions validated, HttpClient? httpClient, ILoggerFactory? loggerFactory)
    {
        _ownsHttpClient = httpClient is null;
        _httpClient = httpClient ?? CreateHttpClient(validated, loggerFactory);
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

    private static HttpClient CreateHttpClient(AkuaClientOptions options, ILoggerFactory? loggerFactory)
    {
        HttpMessageHandler handler = new SocketsHttpHandler
        {
            // Re-resolve DNS now and then, as IHttpClientFactory does for long-lived clients.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.All,
        };
        if (!options.EnableResilience)
        {
            return new HttpClient(handler, disposeHandler: true) { Timeout = options.Timeout };
        }

        var logger = loggerFactory?.CreateLogger(AkuaResilience.LoggerCategory) ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        handler = new AkuaResilienceHandler(options.Retry, options.CircuitBreaker, options.Timeout, TimeProvider.System, logger) { InnerHandler = handler };

        // Each attempt has its own timeout in the pipeline; the caller's token bounds the whole call.
        return new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }
}
