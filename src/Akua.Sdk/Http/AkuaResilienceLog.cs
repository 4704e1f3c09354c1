using Microsoft.Extensions.Logging;

namespace Akua.Sdk;

/// <summary>
/// The resilience pipeline's log lines. They hold the method, the path without its query, the status, the
/// duration, the attempt number and the API's request id: never headers (the API token) nor bodies.
/// </summary>
internal static partial class AkuaResilienceLog
{
    [LoggerMessage(EventId = 1001, EventName = "AkuaHttpAttempt", Level = LogLevel.Debug,
        Message = "Akua HTTP {Method} {Path} responded {StatusCode} in {DurationMs} ms (attempt {Attempt}, request id {RequestId})")]
    public static partial void AttemptCompleted(
        ILogger logger, string method, string path, int statusCode, long durationMs, int attempt, string? requestId);

    [LoggerMessage(EventId = 1002, EventName = "AkuaHttpAttemptFailed", Level = LogLevel.Debug,
        Message = "Akua HTTP {Method} {Path} failed with {ExceptionType} after {DurationMs} ms (attempt {Attempt})")]
    public static partial void AttemptFailed(
        ILogger logger, string method, string path, string exceptionType, long durationMs, int attempt);

    [LoggerMessage(EventId = 1003, EventName = "AkuaHttpRetry", Level = LogLevel.Warning,
        Message = "Akua HTTP {Method} {Path} attempt {Attempt} failed ({Outcome}); retrying in {DelayMs} ms")]
    public static partial void RetryingAttempt(
        ILogger logger, string method, string path, int attempt, string outcome, long delayMs);
}
