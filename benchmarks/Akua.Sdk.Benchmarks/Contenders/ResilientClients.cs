using Akua.Sdk.Benchmarks.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Akua.Sdk.Benchmarks.Contenders;

/// <summary>
/// The HttpClients every contender calls through: named clients of one IHttpClientFactory, each
/// with <c>AddStandardResilienceHandler</c> (retry, attempt and total timeouts, circuit breaker,
/// rate limiter) over the shared transport, as the SDK's own chain has a resilience pipeline;
/// plus the SDK registered with <c>AddAkuaSdk</c> over the same transport.
/// </summary>
internal sealed class ResilientClients : IDisposable
{
    private readonly ServiceProvider _provider;

    /// <summary>The name <see cref="ResilientClients(Func{string, HttpMessageHandler}, Uri, string[])"/> passes for the SDK's transport.</summary>
    public const string SdkName = "sdk-di";

    /// <param name="transport">Creates the innermost handler of the client of that name (shared or one per client).</param>
    /// <param name="baseAddress">The API's base address.</param>
    /// <param name="names">The names of the raw clients to register.</param>
    public ResilientClients(Func<string, HttpMessageHandler> transport, Uri baseAddress, params string[] names)
    {
        var services = new ServiceCollection();
        foreach (var name in names)
        {
            // One handler for the whole run: a rotation would open new connections mid-measurement.
            services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(() => transport(name)).SetHandlerLifetime(Timeout.InfiniteTimeSpan).AddStandardResilienceHandler();
        }

        services.AddAkuaSdk(options =>
        {
            options.ApiToken = Inputs.Token;
            options.BaseAddress = baseAddress;
        }).ConfigurePrimaryHttpMessageHandler(() => transport(SdkName)).SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>The raw client of that name (headers set once, as a hand-written client does).</summary>
    public HttpClient Raw(string name)
    {
        var http = _provider.GetRequiredService<IHttpClientFactory>().CreateClient(name);
        HandWritten.DefaultHeaders(http);
        return http;
    }

    /// <summary>The SDK client <c>AddAkuaSdk</c> registered (a singleton, as injected).</summary>
    public IAkuaClient Sdk => _provider.GetRequiredService<IAkuaClient>();

    public void Dispose() => _provider.Dispose();
}

/// <summary>The headers the SDK sends, read off one of its requests, so the floor sends exactly them.</summary>
internal static class SdkHeaders
{
    private static readonly Lazy<string> LazyUserAgent = new(Capture);

    /// <summary>The SDK's User-Agent (its version and the runtime's), as sent.</summary>
    public static string UserAgent => LazyUserAgent.Value;

    private static string Capture()
    {
        var capture = new CapturingHandler();
        using (var client = new AkuaClient(new AkuaClientOptions { ApiToken = Inputs.Token, BaseAddress = Inputs.InMemoryBase, Transport = capture, EnableResilience = false }))
        {
            client.Offers.GetAsync(Payloads.OfferId).GetAwaiter().GetResult();
        }

        return capture.UserAgent ?? throw new InvalidOperationException("The SDK sent no User-Agent.");
    }

    private sealed class CapturingHandler : HttpMessageHandler
    {
        private readonly CannedHandler _canned = new(totalPages: 1);

        public string? UserAgent { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            UserAgent = request.Headers.NonValidated.TryGetValues("User-Agent", out var values) ? string.Join(' ', values) : null;
            return new HttpMessageInvoker(_canned, disposeHandler: false).SendAsync(request, cancellationToken);
        }
    }
}
