namespace Akua.Sdk;

/// <summary>
/// How the SDK retries a request that failed transiently: transport errors, per-attempt timeouts and
/// the statuses 408, 429, 500, 502, 503 and 504. A request that is not idempotent (POST, PATCH, …) is
/// retried only when it carries an <c>idempotency-key</c> header.
/// </summary>
public sealed class AkuaRetryOptions
{
    /// <summary>The largest value <see cref="MaxRetries"/> accepts.</summary>
    public const int MaxRetriesLimit = 10;

    /// <summary>
    /// How many times a failed attempt is retried, in addition to the first attempt. 0 turns retries off.
    /// Between 0 and 10; the default is 3.
    /// </summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>
    /// The delay before the first retry; later retries back off exponentially from it. The default is 0.5 seconds.
    /// </summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The longest back-off delay between two attempts (a <c>Retry-After</c> sent by the API is not capped by
    /// it, see <see cref="MaxRetryAfter"/>). The default is 30 seconds.
    /// </summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest <c>Retry-After</c> the SDK waits for. When the API asks for a longer wait, the request is not
    /// retried: the response (typically a 429) is returned as it is, and the client reports it as a rate-limit
    /// error carrying the requested delay. The default is 60 seconds.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Whether back-off delays are randomised, so that many clients failing together do not retry together.
    /// The default is <see langword="true"/>.
    /// </summary>
    public bool UseJitter { get; set; } = true;

    /// <summary>
    /// Checks the settings and returns one message per invalid setting, each naming it as
    /// <c>{prefix}:{Setting}</c> (for example <c>Akua:Retry:MaxRetries must be between 0 and 10.</c>).
    /// </summary>
    /// <param name="prefix">The configuration path of these options, such as <c>Akua:Retry</c>; may be empty.</param>
    /// <returns>The error messages; empty when the settings are valid.</returns>
    internal IReadOnlyList<string> Validate(string prefix)
    {
        var errors = new List<string>();
        if (MaxRetries is < 0 or > MaxRetriesLimit)
        {
            errors.Add($"{Setting(prefix, nameof(MaxRetries))} must be between 0 and {MaxRetriesLimit}.");
        }

        if (BaseDelay < TimeSpan.Zero || BaseDelay > ResilienceLimits.MaxDelay)
        {
            errors.Add($"{Setting(prefix, nameof(BaseDelay))} must be between 00:00:00 and {ResilienceLimits.MaxDelay}.");
        }

        if (MaxDelay <= TimeSpan.Zero || MaxDelay > ResilienceLimits.MaxDelay)
        {
            errors.Add($"{Setting(prefix, nameof(MaxDelay))} must be greater than 00:00:00 and at most {ResilienceLimits.MaxDelay}.");
        }
        else if (MaxDelay < BaseDelay)
        {
            errors.Add($"{Setting(prefix, nameof(MaxDelay))} must not be less than {Setting(prefix, nameof(BaseDelay))}.");
        }

        if (MaxRetryAfter < TimeSpan.Zero || MaxRetryAfter > ResilienceLimits.MaxDelay)
        {
            errors.Add($"{Setting(prefix, nameof(MaxRetryAfter))} must be between 00:00:00 and {ResilienceLimits.MaxDelay}.");
        }

        return errors;
    }

    internal static string Setting(string prefix, string name) =>
        string.IsNullOrEmpty(prefix) ? name : prefix + ":" + name;

    internal AkuaRetryOptions Clone() => (AkuaRetryOptions)MemberwiseClone();

    /// <summary>True when every setting has its default value.</summary>
    internal bool IsDefault()
    {
        var defaults = new AkuaRetryOptions();
        return MaxRetries == defaults.MaxRetries && BaseDelay == defaults.BaseDelay && MaxDelay == defaults.MaxDelay
            && MaxRetryAfter == defaults.MaxRetryAfter && UseJitter == defaults.UseJitter;
    }
}

/// <summary>Bounds shared by the resilience options (those Polly accepts).</summary>
internal static class ResilienceLimits
{
    /// <summary>The longest delay, sampling window or break Polly accepts: one day.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(1);

    /// <summary>The shortest sampling window or break duration Polly accepts.</summary>
    public static readonly TimeSpan MinBreakerDuration = TimeSpan.FromMilliseconds(500);

    /// <summary>The shortest per-attempt timeout Polly accepts.</summary>
    public static readonly TimeSpan MinAttemptTimeout = TimeSpan.FromMilliseconds(10);
}
