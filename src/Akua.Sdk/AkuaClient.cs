using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Akua.Sdk;

/// <summary>
/// The Akua API client. Create one per application (or register it with <c>AddAkuaSdk</c>) and
/// share it: it is thread-safe and keeps connections alive.
/// </summary>
/// <remarks>
/// <para>
/// <c>new AkuaClient(options)</c> sends through the SDK's full chain: Microsoft.Extensions.Http.Resilience's
/// <c>ResilienceHandler</c> running the Akua policy (see <see cref="AkuaResilience"/>), the SDK's attempt
/// handler (a fresh <c>Authorization</c> per attempt, the body read within the attempt, bounded), and a
/// handler that never follows redirects and keeps no cookies, or your <see cref="AkuaClientOptions.Transport"/>.
/// </para>
/// <para>
/// <c>new AkuaClient(httpClient, options)</c> sends through an <see cref="HttpClient"/> you own and
/// skips the SDK's retries, circuit breaker and per-attempt timeout (your handlers decide those):
/// <see cref="AkuaClientOptions.Timeout"/> bounds each whole call instead, the token is asked once per
/// call, and bodies are still bounded. Changing <see cref="AkuaClientOptions.Retry"/> or
/// <see cref="AkuaClientOptions.CircuitBreaker"/> for it is an error, so no setting is silently dropped.
/// </para>
/// </remarks>
public class AkuaClient : IAkuaClient, IDisposable
{
    private readonly HttpClient _httpClient;
    private readonly bool _ownsHttpClient;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly AkuaResources _resources;
    private volatile bool _disposed;

    /// <summary>Creates a client that owns its connections; dispose it when done.</summary>
    /// <param name="options">The settings; validated here and copied, so later changes have no effect.</param>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    public AkuaClient(AkuaClientOptions options)
        : this(AkuaClientOptionsValidator.ValidatedCopy(options), httpClient: null, NullLoggerFactory.Instance)
    {
    }

    /// <summary>Creates a client that owns its connections and logs its attempts; dispose it when done.</summary>
    /// <param name="options">The settings; validated here and copied, so later changes have no effect.</param>
    /// <param name="loggerFactory">Where attempt and retry lines go (category <c>Akua.Sdk</c>), and Polly's resilience events.</param>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    public AkuaClient(AkuaClientOptions options, ILoggerFactory loggerFactory)
        : this(AkuaClientOptionsValidator.ValidatedCopy(options), httpClient: null, loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory)))
    {
    }

    /// <summary>
    /// Creates a client over an <see cref="HttpClient"/> you own (and dispose). The client sends
    /// absolute URIs built from <see cref="AkuaClientOptions.BaseAddress"/>, so the HttpClient's own
    /// base address is not used. The SDK's resilience pipeline is not part of a client you own:
    /// <see cref="AkuaClientOptions.Timeout"/> bounds each whole call, and your handlers decide
    /// retries. To keep the SDK's policies with your own handler, set
    /// <see cref="AkuaClientOptions.Transport"/> and use <c>new AkuaClient(options)</c>, or use <c>AddAkuaSdk</c>.
    /// </summary>
    /// <param name="httpClient">The HttpClient to send through, e.g. one from <c>IHttpClientFactory</c>.</param>
    /// <param name="options">The settings; validated here and copied, so later changes have no effect.</param>
    /// <exception cref="ArgumentException">
    /// A setting is invalid, or it asks for what a caller-owned HttpClient cannot do (a changed
    /// <see cref="AkuaClientOptions.Retry"/> or <see cref="AkuaClientOptions.CircuitBreaker"/>, a <see cref="AkuaClientOptions.Transport"/>).
    /// </exception>
    public AkuaClient(HttpClient httpClient, AkuaClientOptions options)
        : this(CallerOwnedCopy(options), httpClient ?? throw new ArgumentNullException(nameof(httpClient)), NullLoggerFactory.Instance)
    {
    }

    private AkuaClient(AkuaClientOptions validated, HttpClient? httpClient, ILoggerFactory loggerFactory)
    {
        _ownsHttpClient = httpClient is null;
        _httpClient = httpClient ?? new HttpClient(CreateChain(validated, loggerFactory), disposeHandler: true)
        {
            // Each attempt has its own timeout inside the chain; the caller's token bounds the whole call.
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        var pipeline = new AkuaPipeline(() => _httpClient, () => validated, callerOwned: !_ownsHttpClient, () => _disposed, _lifetime.Token);
        _resources = new AkuaResources(pipeline);
    }

    /// <inheritdoc />
    public virtual IOffersClient Offers => _resources.Offers;

    /// <inheritdoc />
    public virtual IProductsClient Products => _resources.Products;

    /// <inheritdoc />
    public virtual IPackagesClient Packages => _resources.Packages;

    /// <inheritdoc />
    public virtual IOperationsClient Operations => _resources.Operations;

    /// <inheritdoc />
    public virtual IOrderDraftsClient OrderDrafts => _resources.OrderDrafts;

    /// <inheritdoc />
    public virtual IInstallsClient Installs => _resources.Installs;

    /// <summary>Cancels the calls in flight and releases the connections, if this client created them.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Cancels the calls in flight and releases the connections, if this client created them.</summary>
    /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (!disposing || _disposed)
        {
            return;
        }

        _disposed = true;
        _lifetime.Cancel();
        if (_ownsHttpClient)
        {
            _httpClient.Dispose();
        }

        _lifetime.Dispose();
    }

    /// <summary>The handler chain of a client that owns its connections.</summary>
    internal static HttpMessageHandler CreateChain(AkuaClientOptions options, ILoggerFactory loggerFactory)
    {
        var logger = loggerFactory.CreateLogger(AkuaResilience.LoggerCategory);
        HttpMessageHandler primary = options.Transport is { } transport ? new CallerTransport(transport) : AkuaTransport.CreatePrimaryHandler();
        HttpMessageHandler chain = new AkuaAttemptHandler(new AkuaAuthorization(options), options.MaxResponseBytes, options.TimeProvider, logger) { InnerHandler = primary };
        if (options.EnableResilience)
        {
            var pipeline = AkuaResilience.CreatePipeline(options.Retry, options.CircuitBreaker, options.Timeout, options.TimeProvider, loggerFactory);
            chain = new ResilienceHandler(pipeline) { InnerHandler = chain };
        }

        return chain;
    }

    private static AkuaClientOptions CallerOwnedCopy(AkuaClientOptions options)
    {
        var copy = AkuaClientOptionsValidator.ValidatedCopy(options);
        var dropped = new List<string>();
        if (!copy.Retry.IsDefault())
        {
            dropped.Add("options.Retry");
        }

        if (!copy.CircuitBreaker.IsDefault())
        {
            dropped.Add("options.CircuitBreaker");
        }

        if (copy.Transport is not null)
        {
            dropped.Add("options.Transport");
        }

        if (dropped.Count > 0)
        {
            throw new ArgumentException(
                $"{string.Join(" and ", dropped)} cannot be applied to an HttpClient you own: its handlers decide retries. Use new AkuaClient(options) (with options.Transport for your own handler) or AddAkuaSdk to keep the SDK's resilience pipeline.",
                nameof(options));
        }

        return copy;
    }

    /// <summary>A caller's transport under the SDK's chain: the client does not dispose it.</summary>
    private sealed class CallerTransport(HttpMessageHandler transport) : DelegatingHandler(transport)
    {
        protected override void Dispose(bool disposing)
        {
            // The caller owns the transport and disposes it.
        }
    }
}

/// <summary>The resource clients of one <see cref="IAkuaClient"/>, over one pipeline: the one table of areas.</summary>
internal sealed class AkuaResources
{
    public AkuaResources(AkuaPipeline pipeline)
    {
        Offers = new OffersClient(pipeline);
        Products = new ProductsClient(pipeline);
        Operations = new OperationsClient(pipeline);
        Packages = new PackagesClient(pipeline, Operations);
        OrderDrafts = new OrderDraftsClient(pipeline);
        Installs = new InstallsClient(pipeline);
    }

    public IOffersClient Offers { get; }

    public IProductsClient Products { get; }

    public IPackagesClient Packages { get; }

    public IOperationsClient Operations { get; }

    public IOrderDraftsClient OrderDrafts { get; }

    public IInstallsClient Installs { get; }
}

/// <summary>What every connection the SDK opens itself is like.</summary>
internal static class AkuaTransport
{
    /// <summary>
    /// Never follows redirects (a 3xx becomes an error naming its target), keeps no cookies, decompresses
    /// gzip/deflate/brotli (the size limit counts the decompressed bytes), and re-resolves DNS now and then.
    /// </summary>
    public static SocketsHttpHandler CreatePrimaryHandler() => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = System.Net.DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };
}
