namespace Akua.Sdk;

/// <summary>How <see cref="IOrderDraftsClient.WatchAsync"/> polls.</summary>
public sealed class OrderDraftWatchOptions
{
    /// <summary>The shortest <see cref="PollInterval"/>: a watcher must not turn into a load test.</summary>
    public static readonly TimeSpan MinPollInterval = TimeSpan.FromSeconds(1);

    /// <summary>The longest <see cref="PollInterval"/>.</summary>
    public static readonly TimeSpan MaxPollInterval = TimeSpan.FromHours(1);

    /// <summary>The most offers polled at once.</summary>
    public const int MaxConcurrencyLimit = 32;

    /// <summary>
    /// The pause between the end of one round of polls (every offer listed once) and the start of
    /// the next, measured on the client's <see cref="AkuaClientOptions.TimeProvider"/>; 1 second to
    /// 1 hour, 15 seconds by default.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How many offers are listed at the same time, 1 to 32; 4 by default.</summary>
    public int MaxConcurrency { get; set; } = 4;

    internal void Validate(string paramName)
    {
        if (PollInterval < MinPollInterval || PollInterval > MaxPollInterval)
        {
            throw new ArgumentOutOfRangeException(paramName, PollInterval, $"{paramName}.PollInterval must be from {MinPollInterval} to {MaxPollInterval}.");
        }

        if (MaxConcurrency is < 1 or > MaxConcurrencyLimit)
        {
            throw new ArgumentOutOfRangeException(paramName, MaxConcurrency, $"{paramName}.MaxConcurrency must be from 1 to {MaxConcurrencyLimit}.");
        }
    }
}
