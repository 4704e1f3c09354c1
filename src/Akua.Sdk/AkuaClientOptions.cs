using Akua.Sdk.Contract;

namespace Akua.Sdk;

/// <summary>Settings for an <see cref="AkuaClient"/>. Validated when the client is created.</summary>
public sealed class AkuaClientOptions
{
    /// <summary>Akua's production API.</summary>
    public static readonly Uri DefaultBaseAddress = new("https://api.akua.dev/v1/");

    /// <summary>The longest <see cref="WorkspaceContext"/> the API accepts.</summary>
    public const int MaxWorkspaceContextLength = AkuaHeaderRules.AkuaContextMaxLength;

    /// <summary>The default <see cref="MaxResponseBytes"/>: 32 MiB (a page of 100 offers is about 180 KB).</summary>
    public const long DefaultMaxResponseBytes = 32L * 1024 * 1024;

    /// <summary>
    /// Where the API lives; must end with the version segment, such as <c>/v1/</c> (a missing
    /// trailing slash is added). HTTPS is required, except for loopback hosts such as a local emulator.
    /// </summary>
    public Uri BaseAddress { get; set; } = DefaultBaseAddress;

    /// <summary>
    /// A workspace API token (<c>sk_akua_...</c>) or an OAuth2 JWT, sent as a bearer token. Ignored
    /// when <see cref="TokenProvider"/> is set.
    /// </summary>
    public string? ApiToken { get; set; }

    /// <summary>
    /// Returns the bearer token for each request; use it for tokens that expire (OAuth2 JWTs). It
    /// is called once per attempt (retries ask again) and its result is never cached by the SDK. A
    /// provider that does not return within the attempt's timeout fails that attempt; an exception
    /// it throws reaches the caller unchanged.
    /// </summary>
    public Func<CancellationToken, ValueTask<string>>? TokenProvider { get; set; }

    /// <summary>Lets the client run without any token, e.g. to resolve offer links as an anonymous customer.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>
    /// The default workspace (<c>ws_...</c>) sent as the <c>akua-context</c> header. Only needed
    /// with tokens that span several workspaces. <see cref="AkuaRequestOptions.WorkspaceContext"/>
    /// overrides it for one call.
    /// </summary>
    public string? WorkspaceContext { get; set; }

    /// <summary>
    /// How long one attempt of a request may take, reading its body included. Default 30 seconds;
    /// 1 second to 10 minutes. <see cref="AkuaRequestOptions.Timeout"/> overrides it for one call.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An optional name of your application, added to the <c>User-Agent</c> header (at most 64 printable ASCII characters).</summary>
    public string? ApplicationId { get; set; }

    /// <summary>
    /// Use the SDK's resilience pipeline (retries, circuit breaker, per-attempt timeout), run by
    /// Microsoft.Extensions.Http.Resilience's <c>ResilienceHandler</c>. Turn it off when the host
    /// adds its own; <see cref="Timeout"/> then bounds each whole call.
    /// </summary>
    public bool EnableResilience { get; set; } = true;

    /// <summary>How failed attempts are retried.</summary>
    public AkuaRetryOptions Retry { get; set; } = new();

    /// <summary>When to stop calling a failing API for a while.</summary>
    public AkuaCircuitBreakerOptions CircuitBreaker { get; set; } = new();

    /// <summary>
    /// The largest response body read, counted after decompression (so a compressed "bomb" cannot
    /// grow past it): 64 KiB to 1 GiB, default <see cref="DefaultMaxResponseBytes"/>. A larger body
    /// fails the call with <see cref="AkuaInvalidResponseException"/> and is not retried.
    /// </summary>
    public long MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

    /// <summary>
    /// The innermost handler of <c>new AkuaClient(options)</c>, under the SDK's resilience
    /// pipeline and attempt handler (as Azure.Core's <c>ClientOptions.Transport</c>): a proxy, a
    /// test double, a handler with your certificates. The client does not dispose it. It must not
    /// follow redirects or keep cookies: a <see cref="SocketsHttpHandler"/> or
    /// <see cref="HttpClientHandler"/> with <c>AllowAutoRedirect</c> or <c>UseCookies</c> on is
    /// refused. Not used by <c>AddAkuaSdk</c>: there, call <c>ConfigurePrimaryHttpMessageHandler</c>
    /// on the builder it returns.
    /// </summary>
    public HttpMessageHandler? Transport { get; set; }

    /// <summary>The clock of retry delays, timeouts, the circuit breaker and polling; <see cref="System.TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Returns a copy whose later changes do not affect clients already created from this one.</summary>
    internal AkuaClientOptions Clone()
    {
        var copy = (AkuaClientOptions)MemberwiseClone();
        copy.Retry = Retry.Clone();
        copy.CircuitBreaker = CircuitBreaker.Clone();
        return copy;
    }
}
