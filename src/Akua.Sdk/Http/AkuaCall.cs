using Akua.Sdk.Contract;

namespace Akua.Sdk;

/// <summary>One logical call: everything needed to build its HTTP request, whatever client sends it.</summary>
/// <param name="operation">The operation, from the generated table.</param>
/// <param name="relativeUri">Path and query relative to the base address, already checked and escaped.</param>
internal sealed class AkuaCall(AkuaOperationInfo operation, string relativeUri)
{
    public AkuaOperationInfo Operation { get; } = operation;

    public string RelativeUri { get; } = relativeUri;

    /// <summary>The UTF-8 JSON body, or null for none.</summary>
    public byte[]? Body { get; init; }

    /// <summary>The <c>if-match</c> value, for guarded writes.</summary>
    public string? IfMatch { get; init; }

    public AkuaRequestOptions? Options { get; init; }
}

/// <summary>
/// The request message of one call. It carries the call's per-attempt state to the handlers that
/// run inside the resilience pipeline (the retry predicate, the attempt timeout, the attempt
/// handler), so nothing is looked up by key on the hot path.
/// </summary>
internal sealed class AkuaRequestMessage(AkuaCall call, Uri uri) : HttpRequestMessage(call.Operation.Method, uri)
{
    public AkuaCall Call { get; } = call;

    /// <summary>How many attempts were sent so far.</summary>
    public int Attempts { get; set; }

    /// <summary>This call's retry limit, when its options override the client's.</summary>
    public int? MaxRetries => Call.Options?.MaxRetries;

    /// <summary>This call's attempt timeout, when its options override the client's.</summary>
    public TimeSpan? AttemptTimeout => Call.Options?.Timeout;
}
