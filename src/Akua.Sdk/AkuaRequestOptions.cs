using Akua.Sdk.Contract;

namespace Akua.Sdk;

/// <summary>
/// Per-call settings that override the client's defaults for one operation (as Stripe.net's
/// <c>RequestOptions</c>): the workspace, the idempotency key, and the resilience of this call.
/// </summary>
public sealed class AkuaRequestOptions
{
    /// <summary>The longest idempotency key the API accepts.</summary>
    public const int MaxIdempotencyKeyLength = AkuaHeaderRules.IdempotencyKeyMaxLength;

    /// <summary>
    /// The workspace (<c>ws_...</c>) for this call, sent as <c>akua-context</c> instead of
    /// <see cref="AkuaClientOptions.WorkspaceContext"/>. Operations the API scopes by the resource
    /// itself (getting or resolving an offer) send no workspace header.
    /// </summary>
    public string? WorkspaceContext { get; set; }

    /// <summary>
    /// The <c>idempotency-key</c> for this write (1 to 64 printable ASCII characters, not only white
    /// space). Leave it null and the SDK generates one per call, reused by every retry of that call.
    /// Ignored on reads. Operations that send several writes derive one key per write from it
    /// (see the README's "Idempotency keys").
    /// </summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>
    /// How long each attempt of this call may take, instead of <see cref="AkuaClientOptions.Timeout"/>:
    /// 1 second to 10 minutes. Use it for one slow call (a long poll) without loosening all.
    /// </summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>
    /// How many times this call is retried, instead of <see cref="AkuaRetryOptions.MaxRetries"/>:
    /// 0 to 10. Only calls that are safe to retry are retried, whatever the number.
    /// </summary>
    public int? MaxRetries { get; set; }

    /// <summary>
    /// Applies to <c>ListAsync</c> (and the other auto-paging <c>List...Async</c> methods) only: when
    /// true, the next page is requested as soon as the current one arrives, while you consume it, so
    /// slow pages overlap with your work. At most two pages are held; the page read ahead is cancelled
    /// when you stop enumerating, and its failure is thrown when you reach it. Default false: each page
    /// is requested only once the previous one is consumed. Ignored by every other call.
    /// </summary>
    public bool ReadAhead { get; set; }

    /// <summary>Checks the per-call resilience settings; the headers are checked where they are used.</summary>
    internal void Validate()
    {
        if (Timeout is { } timeout && (timeout < AkuaClientOptionsValidator.MinTimeout || timeout > AkuaClientOptionsValidator.MaxTimeout))
        {
            throw new ArgumentOutOfRangeException("options.Timeout", timeout, $"options.Timeout must be between {AkuaClientOptionsValidator.MinTimeout} and {AkuaClientOptionsValidator.MaxTimeout}.");
        }

        if (MaxRetries is { } retries && (retries < 0 || retries > AkuaRetryOptions.MaxRetriesLimit))
        {
            throw new ArgumentOutOfRangeException("options.MaxRetries", retries, $"options.MaxRetries must be between 0 and {AkuaRetryOptions.MaxRetriesLimit}.");
        }
    }

    /// <summary>A copy whose attempt timeout is at least <paramref name="minimum"/> (a long poll outlasting the server's hold).</summary>
    internal AkuaRequestOptions WithAttemptTimeoutAtLeast(TimeSpan minimum, TimeSpan clientTimeout)
    {
        if ((Timeout ?? clientTimeout) >= minimum)
        {
            return this;
        }

        var copy = Copy();
        copy.Timeout = minimum;
        return copy;
    }

    /// <summary>A copy with another idempotency key (for writes the SDK derives from one call), or none (for the reads that follow a write).</summary>
    internal AkuaRequestOptions WithIdempotencyKey(string? key)
    {
        var copy = Copy();
        copy.IdempotencyKey = key;
        return copy;
    }

    // Every setting, so a copy can never drop one added later.
    private AkuaRequestOptions Copy() => (AkuaRequestOptions)MemberwiseClone();
}
