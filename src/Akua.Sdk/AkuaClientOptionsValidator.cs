namespace Akua.Sdk;

/// <summary>The rules every <see cref="AkuaClientOptions"/> must meet, shared by <c>new AkuaClient(...)</c> and dependency injection.</summary>
internal static class AkuaClientOptionsValidator
{
    public static readonly TimeSpan MinTimeout = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(10);
    private const int MaxApplicationIdLength = 64;

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

    /// <summary>Validates and copies the options, so later changes by the caller do not reach the client.</summary>
    public static AkuaClientOptions ValidatedCopy(AkuaClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Validate(options);
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid Akua client options: " + string.Join(" ", errors), nameof(options));
        }

        return options.Clone();
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
        token.Length == 0 ? "is empty." : AkuaHeaders.Problem(token, 8192);
}
