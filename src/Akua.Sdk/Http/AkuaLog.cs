using Microsoft.Extensions.Logging;

namespace Akua.Sdk;

/// <summary>
/// The SDK's log lines (category <c>Akua.Sdk</c>). They hold the operation, method, status,
/// duration, attempt and the API's request id: never headers (the token), query values or bodies.
/// </summary>
internal static partial class AkuaLog
{
    [LoggerMessage(EventId = 1001, EventName = "AkuaHttpAttempt", Level = LogLevel.Debug,
        Message = "Akua {Operation} {Method} responded {StatusCode} in {DurationMs} ms (attempt {Attempt}, request id {RequestId})")]
    public static partial void AttemptCompleted(
        ILogger logger, string operation, string method, int statusCode, long durationMs, int attempt, string? requestId);

    [LoggerMessage(EventId = 1002, EventName = "AkuaHttpAttemptFailed", Level = LogLevel.Debug,
        Message = "Akua {Operation} {Method} failed with {ExceptionType} after {DurationMs} ms (attempt {Attempt})")]
    public static partial void AttemptFailed(
        ILogger logger, string operation, string method, string exceptionType, long durationMs, int attempt);

    [LoggerMessage(EventId = 1003, EventName = "AkuaHttpRetry", Level = LogLevel.Warning,
        Message = "Akua {Operation} {Method} attempt {Attempt} failed ({Outcome}); retrying in {DelayMs} ms")]
    public static partial void RetryingAttempt(
        ILogger logger, string operation, string method, int attempt, string outcome, long delayMs);
}
