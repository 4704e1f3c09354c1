namespace Akua.Sdk;

/// <summary>
/// The circuit breaker in front of the Akua API: when too many attempts fail within
/// <see cref="SamplingDuration"/> it opens for <see cref="BreakDuration"/>, and requests fail at once
/// instead of adding load to an API that is struggling. Failures are transport errors, per-attempt
/// timeouts and the statuses 408, 500, 502, 503 and 504 (a 429 is the API's rate limiter doing its job
/// and does not count).
/// </summary>
public sealed class AkuaCircuitBreakerOptions
{
    /// <summary>Whether the circuit breaker is used. The default is <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The share of failed attempts, within the sampling window, that opens the circuit: greater than 0 and at
    /// most 1. The default is 0.5.
    /// </summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>
    /// How many attempts the sampling window must hold before the circuit may open: at least 2. The default is 20.
    /// </summary>
    public int MinimumThroughput { get; set; } = 20;

    /// <summary>The window over which failures are counted: 0.5 seconds to 1 day. The default is 30 seconds.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open before a trial attempt: 0.5 seconds to 1 day. The default is 15 seconds.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Checks the settings (also when <see cref="Enabled"/> is false) and returns one message per invalid
    /// setting, each naming it as <c>{prefix}:{Setting}</c>.
    /// </summary>
    /// <param name="prefix">The configuration path of these options, such as <c>Akua:CircuitBreaker</c>; may be empty.</param>
    /// <returns>The error messages; empty when the settings are valid.</returns>
    internal IReadOnlyList<string> Validate(string prefix)
    {
        var errors = new List<string>();
        if (!(FailureRatio > 0 && FailureRatio <= 1))
        {
            errors.Add($"{AkuaRetryOptions.Setting(prefix, nameof(FailureRatio))} must be greater than 0 and at most 1.");
        }

        if (MinimumThroughput < 2)
        {
            errors.Add($"{AkuaRetryOptions.Setting(prefix, nameof(MinimumThroughput))} must be at least 2.");
        }

        if (SamplingDuration < ResilienceLimits.MinBreakerDuration || SamplingDuration > ResilienceLimits.MaxDelay)
        {
            errors.Add($"{AkuaRetryOptions.Setting(prefix, nameof(SamplingDuration))} must be between {ResilienceLimits.MinBreakerDuration} and {ResilienceLimits.MaxDelay}.");
        }

        if (BreakDuration < ResilienceLimits.MinBreakerDuration || BreakDuration > ResilienceLimits.MaxDelay)
        {
            errors.Add($"{AkuaRetryOptions.Setting(prefix, nameof(BreakDuration))} must be between {ResilienceLimits.MinBreakerDuration} and {ResilienceLimits.MaxDelay}.");
        }

        return errors;
    }

    internal AkuaCircuitBreakerOptions Clone() => (AkuaCircuitBreakerOptions)MemberwiseClone();

    /// <summary>True when every setting has its default value.</summary>
    internal bool IsDefault()
    {
        var defaults = new AkuaCircuitBreakerOptions();
        return Enabled == defaults.Enabled && FailureRatio.Equals(defaults.FailureRatio) && MinimumThroughput == defaults.MinimumThroughput
            && SamplingDuration == defaults.SamplingDuration && BreakDuration == defaults.BreakDuration;
    }
}
