namespace Akua.Sdk;

/// <summary>Settings for an <see cref="AkuaClient"/>. Validated when the client is created.</summary>
public sealed class AkuaClientOptions
{
    /// <summary>Akua's production API.</summary>
    public static readonly Uri DefaultBaseAddress = new("https://api.akua.dev/v1/");

    /// <summary>The longest <see cref="WorkspaceContext"/> the API accepts.</summary>
    public const int MaxWorkspaceContextLength = 53;

    /// <summary>
    /// Where the API lives; must end with the version segment (a missing trailing slash is added).
    /// HTTPS is required, except for loopback hosts such as a local emulator.
    /// </summary>
    public Uri BaseAddress { get; set; } = DefaultBaseAddress;

    /// <summary>
    /// A workspace API token (<c>sk_akua_...</c>) or an OAuth2 JWT, sent as a bearer token. Ignored
    /// when <see cref="TokenProvider"/> is set.
    /// </summary>
    public string? ApiToken { get; set; }

    /// <summary>
    /// Returns the bearer token for each request; use it for tokens that expire (OAuth2 JWTs). It
    /// is called once per attempt and its result is never cached by the SDK.
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

    /// <summary>How long one attempt of a request may take. Default 30 seconds; 1 second to 10 minutes.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An optional name of your application, added to the <c>User-Agent</c> header (at most 64 printable ASCII characters).</summary>
    public string? ApplicationId { get; set; }

    /// <summary>
    /// Use the SDK's own resilience pipeline (retries, circuit breaker, per-attempt timeout). Turn it
    /// off when the host adds its own, e.g. <c>AddStandardResilienceHandler()</c> from
    /// Microsoft.Extensions.Http.Resilience; <see cref="Timeout"/> then bounds the whole call.
    /// </summary>
    public bool EnableResilience { get; set; } = true;

    /// <summary>How failed attempts are retried.</summary>
    public AkuaRetryOptions Retry { get; set; } = new();

    /// <summary>When to stop calling a failing API for a while.</summary>
    public AkuaCircuitBreakerOptions CircuitBreaker { get; set; } = new();

    /// <summary>Returns a copy whose later changes do not affect clients already created from this one.</summary>
    internal AkuaClientOptions Clone()
    {
        var copy = (AkuaClientOptions)MemberwiseClone();
        copy.Retry = Retry.Clone();
        copy.CircuitBreaker = CircuitBreaker.Clone();
        return copy;
    }
}
