using System.Net;

namespace Akua.Sdk;

/// <summary>The base of every exception the SDK throws for a failed Akua call.</summary>
public class AkuaException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause, if any.</param>
    public AkuaException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>The API answered with an error status. Subclasses name the common cases.</summary>
public class AkuaApiException : AkuaException
{
    /// <summary>The longest response body kept in <see cref="ResponseBody"/>, in characters.</summary>
    public const int MaxResponseBodyLength = 4096;

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="errors">The error entries of the body.</param>
    /// <param name="requestId">The request id the server gave the call.</param>
    /// <param name="responseBody">The start of the response body.</param>
    public AkuaApiException(string message, int statusCode, IReadOnlyList<AkuaError>? errors = null, string? requestId = null, string? responseBody = null)
        : base(message)
    {
        StatusCode = statusCode;
        Errors = errors ?? [];
        RequestId = requestId;
        ResponseBody = responseBody is { Length: > MaxResponseBodyLength } ? responseBody[..MaxResponseBodyLength] : responseBody;
    }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The error entries of the response body; empty when the body had none (HTML, empty, …).</summary>
    public IReadOnlyList<AkuaError> Errors { get; }

    /// <summary>The request id the server gave this call; quote it when you contact Akua support.</summary>
    public string? RequestId { get; }

    /// <summary>The start of the response body (at most <see cref="MaxResponseBodyLength"/> characters).</summary>
    public string? ResponseBody { get; }
}

/// <summary>400 or 422: the request broke a rule of the API. <see cref="AkuaApiException.Errors"/> says which field.</summary>
public class AkuaValidationException : AkuaApiException
{
    /// <inheritdoc cref="AkuaApiException(string, int, IReadOnlyList{AkuaError}?, string?, string?)" />
    public AkuaValidationException(string message, int statusCode, IReadOnlyList<AkuaError>? errors = null, string? requestId = null, string? responseBody = null)
        : base(message, statusCode, errors, requestId, responseBody)
    {
    }
}

/// <summary>401: the token is missing, malformed, expired or revoked.</summary>
public class AkuaAuthenticationException : AkuaApiException
{
    /// <inheritdoc cref="AkuaApiException(string, int, IReadOnlyList{AkuaError}?, string?, string?)" />
    public AkuaAuthenticationException(string message, int statusCode = 401, IReadOnlyList<AkuaError>? errors = null, string? requestId = null, string? responseBody = null)
        : base(message, statusCode, errors, requestId, responseBody)
    {
    }
}

/// <summary>403: the token may not do this, in this workspace.</summary>
public class AkuaPermissionDeniedException : AkuaApiException
{
    /// <inheritdoc cref="AkuaApiException(string, int, IReadOnlyList{AkuaError}?, string?, string?)" />
    public AkuaPermissionDeniedException(string message, int statusCode = 403, IReadOnlyList<AkuaError>? errors = null, string? requestId = null, string? responseBody = null)
        : base(message, statusCode, errors, requestId, responseBody)
    {
    }
}

/// <summary>404: no such resource in this workspace.</summary>
public class AkuaNotFoundException : AkuaApiException
{
    /// <inheritdoc cref="AkuaApiException(string, int, IReadOnlyList{AkuaError}?, string?, string?)" />
    public AkuaNotFoundException(string message, int statusCode = 404, IReadOnlyList<AkuaError>? errors = null, string? requestId = null, string? responseBody = null)
        : base(message, statusCode, errors, requestId, responseBody)
    {
    }
}

/// <summary>409: the write conflicts with the current state, e.g. an idempotency key reused with another body.</summary>
public class AkuaConflictException : AkuaApiException
{
    /// <inheritdoc cref="AkuaApiException(string, int, IReadOnlyList{AkuaError}?, string?, string?)" />
    public AkuaConflictException(string message, int statusCode = 409, IReadOnlyList<AkuaError>? errors = null, string? requestId = null, string? responseBody = null)
        : base(message, statusCode, errors, requestId, responseBody)
    {
    }
}

/// <summary>
/// 409 on a write guarded by <c>if-match</c>: someone changed the resource since you read it.
/// Read it again (or use the read-modify-write <c>UpdateAsync</c> overload) and retry.
/// </summary>
public class AkuaConcurrencyException : AkuaConflictException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="currentEtag">The resource's current etag, when the server said.</param>
    /// <param name="errors">The error entries of the body.</param>
    /// <param name="requestId">The request id the server gave the call.</param>
    /// <param name="responseBody">The start of the response body.</param>
    public AkuaConcurrencyException(string message, string? currentEtag, IReadOnlyList<AkuaError>? errors = null, string? requestId = null, string? responseBody = null)
        : base(message, 409, errors, requestId, responseBody)
    {
        CurrentEtag = currentEtag;
    }

    /// <summary>The resource's current etag from the error metadata, when present.</summary>
    public string? CurrentEtag { get; }
}

/// <summary>429: too many requests. Wait <see cref="RetryAfter"/> before trying again.</summary>
public class AkuaRateLimitException : AkuaApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="retryAfter">How long the server asked to wait, when it said.</param>
    /// <param name="errors">The error entries of the body.</param>
    /// <param name="requestId">The request id the server gave the call.</param>
    /// <param name="responseBody">The start of the response body.</param>
    public AkuaRateLimitException(string message, TimeSpan? retryAfter, IReadOnlyList<AkuaError>? errors = null, string? requestId = null, string? responseBody = null)
        : base(message, 429, errors, requestId, responseBody)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>How long the server asked to wait (from <c>Retry-After</c>), when it said.</summary>
    public TimeSpan? RetryAfter { get; }
}

/// <summary>5xx: the service failed. Safe to retry later; the SDK already retried what it could.</summary>
public class AkuaServerException : AkuaApiException
{
    /// <inheritdoc cref="AkuaApiException(string, int, IReadOnlyList{AkuaError}?, string?, string?)" />
    public AkuaServerException(string message, int statusCode, IReadOnlyList<AkuaError>? errors = null, string? requestId = null, string? responseBody = null)
        : base(message, statusCode, errors, requestId, responseBody)
    {
    }
}

/// <summary>The API answered with a success status but a body that is not the JSON the operation returns.</summary>
public class AkuaInvalidResponseException : AkuaException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="requestId">The request id the server gave the call.</param>
    /// <param name="innerException">The parsing error, if any.</param>
    public AkuaInvalidResponseException(string message, int statusCode, string? requestId = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        RequestId = requestId;
    }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The request id the server gave this call.</summary>
    public string? RequestId { get; }
}

/// <summary>
/// The call never got an answer: the connection failed, broke, or timed out, or the circuit
/// breaker is open after repeated failures. Your own cancellation is never wrapped in this.
/// </summary>
public class AkuaConnectionException : AkuaException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="isTimeout">True when an attempt ran out of time.</param>
    /// <param name="innerException">The cause.</param>
    public AkuaConnectionException(string message, bool isTimeout, Exception? innerException = null)
        : base(message, innerException)
    {
        IsTimeout = isTimeout;
    }

    /// <summary>True when an attempt ran out of time rather than failing outright.</summary>
    public bool IsTimeout { get; }
}

internal static class HttpStatusText
{
    public static string Describe(int statusCode) =>
        Enum.IsDefined((HttpStatusCode)statusCode) ? $"{statusCode} {(HttpStatusCode)statusCode}" : statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
