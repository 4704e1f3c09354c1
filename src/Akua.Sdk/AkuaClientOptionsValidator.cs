using System.Text.RegularExpressions;

namespace Akua.Sdk;

/// <summary>The rules every <see cref="AkuaClientOptions"/> must meet, shared by <c>new AkuaClient(...)</c> and dependency injection.</summary>
internal static partial class AkuaClientOptionsValidator
{
    public static readonly TimeSpan MinTimeout = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(10);
    public const long MinResponseBytes = 64 * 1024;
    public const long MaxResponseBytes = 1024L * 1024 * 1024;
    private const int MaxApplicationIdLength = 64;
    private const int MaxTokenLength = 8192;

    /// <summary>Every broken rule, each message naming its setting (prefixed, e.g. <c>Akua:</c>).</summary>
    public static List<string> Validate(AkuaClientOptions options, string prefix = "")
    {
        var errors = new List<string>();
        var baseAddress = options.BaseAddress;
        if (baseAddress is null || !baseAddress.IsAbsoluteUri)
        {
            errors.Add($"{prefix}BaseAddress must be an absolute URI such as https://api.akua.dev/v1/.");
        }
        else if (baseAddress.Scheme != Uri.UriSchemeHttps && !(baseAddress.Scheme == Uri.UriSchemeHttp && baseAddress.IsLoopback))
        {
            errors.Add($"{prefix}BaseAddress must use https (plain http is allowed only for loopback hosts such as a local emulator); got '{baseAddress.Scheme}://{baseAddress.Host}'.");
        }
        else if (!string.IsNullOrEmpty(baseAddress.Query) || !string.IsNullOrEmpty(baseAddress.Fragment))
        {
            errors.Add($"{prefix}BaseAddress must not have a query or fragment.");
        }
        else if (!VersionSegment().IsMatch(baseAddress.AbsolutePath))
        {
            errors.Add($"{prefix}BaseAddress must end with the API's version segment, such as https://api.akua.dev/v1/; got a path of '{baseAddress.AbsolutePath}'.");
        }

        if (options.TokenProvider is null)
        {
            if (options.ApiToken is null)
            {
                if (!options.AllowAnonymous)
                {
                    errors.Add($"{prefix}ApiToken or {prefix}TokenProvider is required (set {prefix}AllowAnonymous to call without a token).");
                }
            }
            else if (TokenProblem(options.ApiToken) is { } problem)
            {
                errors.Add($"{prefix}ApiToken {problem}");
            }
        }

        if (options.WorkspaceContext is { } workspace && AkuaHeaders.Problem(workspace, AkuaClientOptions.MaxWorkspaceContextLength) is { } workspaceProblem)
        {
            errors.Add($"{prefix}WorkspaceContext {workspaceProblem}");
        }

        if (options.Timeout < MinTimeout || options.Timeout > MaxTimeout)
        {
            errors.Add($"{prefix}Timeout must be between {MinTimeout} and {MaxTimeout}; got {options.Timeout}.");
        }

        if (options.ApplicationId is { } applicationId && AkuaHeaders.Problem(applicationId, MaxApplicationIdLength) is { } applicationProblem)
        {
            errors.Add($"{prefix}ApplicationId {applicationProblem}");
        }

        if (options.MaxResponseBytes < MinResponseBytes || options.MaxResponseBytes > MaxResponseBytes)
        {
            errors.Add($"{prefix}MaxResponseBytes must be between {MinResponseBytes} and {MaxResponseBytes}; got {options.MaxResponseBytes}.");
        }

        if (options.TimeProvider is null)
        {
            errors.Add($"{prefix}TimeProvider is required.");
        }

        if (options.Transport is { } transport && TransportProblem(transport) is { } transportProblem)
        {
            errors.Add($"{prefix}Transport {transportProblem}");
        }

        if (options.Retry is null)
        {
            errors.Add($"{prefix}Retry is required.");
        }
        else
        {
            errors.AddRange(options.Retry.Validate(prefix + "Retry"));
        }

        if (options.CircuitBreaker is null)
        {
            errors.Add($"{prefix}CircuitBreaker is required.");
        }
        else
        {
            errors.AddRange(options.CircuitBreaker.Validate(prefix + "CircuitBreaker"));
        }

        return errors;
    }

    /// <summary>
    /// Blank strings (as configuration binding produces for <c>Akua__WorkspaceContext=</c>) mean unset.
    /// </summary>
    public static void Normalize(AkuaClientOptions options)
    {
        options.ApiToken = Blank(options.ApiToken);
        options.WorkspaceContext = Blank(options.WorkspaceContext);
        options.ApplicationId = Blank(options.ApplicationId);

        static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
    }

    /// <summary>Validates and copies the options, so later changes by the caller do not reach the client.</summary>
    public static AkuaClientOptions ValidatedCopy(AkuaClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var copy = options.Clone();
        Normalize(copy);
        var errors = Validate(copy);
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid Akua client options: " + string.Join(" ", errors), nameof(options));
        }

        return copy;
    }

    public static void ValidateToken(string? token, string source)
    {
        if (token is null)
        {
            throw new InvalidOperationException($"{source} returned no token.");
        }

        if (TokenProblem(token) is { } problem)
        {
            // Never echo the token itself.
            throw new InvalidOperationException($"The token from {source} {problem}");
        }
    }

    private static string? TokenProblem(string token) =>
        token.Length == 0 ? "is empty." : AkuaHeaders.Problem(token, MaxTokenLength);

    private static string? TransportProblem(HttpMessageHandler transport) => transport switch
    {
        SocketsHttpHandler { AllowAutoRedirect: true } or HttpClientHandler { AllowAutoRedirect: true } =>
            "follows redirects: set AllowAutoRedirect = false (the SDK never sends a call's token, body or keys to another address).",
        SocketsHttpHandler { UseCookies: true } or HttpClientHandler { UseCookies: true } =>
            "keeps cookies: set UseCookies = false (nothing a server sets may be replayed on later calls).",
        _ => null,
    };

    [GeneratedRegex(@"/v[0-9]+/?$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionSegment();
}
