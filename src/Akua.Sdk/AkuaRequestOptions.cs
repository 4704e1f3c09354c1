namespace Akua.Sdk;

/// <summary>Per-call settings that override the client's defaults for one operation.</summary>
public sealed class AkuaRequestOptions
{
    /// <summary>The longest idempotency key the API accepts.</summary>
    public const int MaxIdempotencyKeyLength = 64;

    /// <summary>
    /// The workspace (<c>ws_...</c>) for this call, sent as <c>akua-context</c> instead of
    /// <see cref="AkuaClientOptions.WorkspaceContext"/>. Operations the API scopes by the resource
    /// itself (getting or resolving an offer) send no workspace header.
    /// </summary>
    public string? WorkspaceContext { get; set; }

    /// <summary>
    /// The <c>idempotency-key</c> for this write (1 to 64 printable ASCII characters). Leave it
    /// null and the SDK generates one per call, reused by every retry of that call. Ignored on reads.
    /// </summary>
    public string? IdempotencyKey { get; set; }
}
