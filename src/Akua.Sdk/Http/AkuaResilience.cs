using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Akua.Sdk;

/// <summary>
/// The SDK's resilience strategy (retry, circuit breaker, per-attempt timeout) as a Polly pipeline, for hosts
/// that put their own resilience handler (for example Microsoft.Extensions.Http.Resilience) in front of the
/// Akua API and want it to behave like the SDK's.
/// </summary>
/// <remarks>
/// The pipeline needs the request to decide whether it may be retried. It reads it from the context property
/// <see cref="RequestMessageKey"/> (<c>Resilience.Http.RequestMessage</c>, the key
/// Microsoft.Extensions.Http.Resilience sets) and otherwise from <see cref="HttpResponseMessage.RequestMessage"/>;
/// an outcome whose request it cannot find is not retried. The same <see cref="HttpRequestMessage"/> is sent on
/// every attempt, so its content must be re-readable (buffered, such as <see cref="ByteArrayContent"/> or
/// <see cref="StringContent"/>).
/// </remarks>
public static class AkuaResilience
{
    /// <summary>The header that makes a non-idempotent request safe to retry.</summary>
    public const string IdempotencyKeyHeader = "idempotency-key";

    /// <summary>The logger category of the SDK's attempt and retry log lines: <c>Akua.Sdk</c>.</summary>
    public const string LoggerCategory = "Akua.Sdk";

    /// <summary>
    /// The <see cref="ResilienceContext"/> property holding the request being sent
    /// (<c>Resilience.Http.RequestMessage</c>, the same key as Microsoft.Extensions.Http.Resilience).
    /// </summary>
    public static ResiliencePropertyKey<HttpRequestMessage> RequestMessageKey { get; } = new("Resilience.Http.RequestMessage");

    /// <summary>
    /// Builds the pipeline: retry (outermost), then circuit breaker, then the per-attempt timeout (innermost).
    /// Retries are counted on the <c>Akua.Sdk</c> meter's <c>akua.client.retries</c> counter.
    /// </summary>
    /// <param name="retry">The retry settings; <see cref="AkuaRetryOptions.MaxRetries"/> 0 leaves the retry out.</param>
    /// <param name="circuitBreaker">The circuit breaker settings; disabled leaves it out.</param>
    /// <param name="attemptTimeout">
    /// The timeout of each attempt, from 10 milliseconds to 24 hours, or <see cref="Timeout.InfiniteTimeSpan"/> for none.
    /// An attempt that times out throws <see cref="TimeoutRejectedException"/> (retried, then surfaced).
    /// </param>
    /// <param name="timeProvider">The clock for delays, timeouts and the circuit breaker; <see cref="TimeProvider.System"/> when null.</param>
    /// <returns>The pipeline. Share one instance to share the circuit breaker's state.</returns>
    /// <exception cref="ArgumentNullException">An options argument is null.</exception>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public static ResiliencePipeline<HttpResponseMessage> CreatePipeline(
        AkuaRetryOptions retry,
        AkuaCircuitBreakerOptions circuitBreaker,
        TimeSpan attemptTimeout,
        TimeProvider? timeProvider = null) =>
        CreatePipeline(retry, circuitBreaker, attemptTimeout, timeProvider ?? TimeProvider.System, NullLogger.Instance, AkuaMetrics.Retries);

    /// <summary>
    /// Whether a response has a status the SDK retries (408, 429, 500, 502, 503, 504). Whether the request may be
    /// retried at all is <see cref="IsSafeToRetry"/>.
    /// </summary>
    /// <param name="response">The response.</param>
    /// <returns>True when the status is transient.</returns>
    public static bool ShouldRetry(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return IsRetryableStatusCode(response.StatusCode);
    }

    /// <summary>Whether a status is transient: 408, 429, 500, 502, 503 or 504 (never 409, other 4xx, 501 or 505).</summary>
    /// <param name="statusCode">The status.</param>
    /// <returns>True when a request that got it may be retried.</returns>
    public static bool IsRetryableStatusCode(HttpStatusCode statusCode) => (int)statusCode switch
    {
        408 or 429 or 500 or 502 or 503 or 504 => true,
        _ => false,
    };

    /// <summary>
    /// Whether a request may be sent again: its method is idempotent (GET, HEAD, PUT, DELETE, OPTIONS, TRACE) or
    /// it carries an <c>idempotency-key</c> header.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <returns>True when a retry cannot apply the request twice.</returns>
    public static bool IsSafeToRetry(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var method = request.Method;
        if (method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put ||
            method == HttpMethod.Delete || method == HttpMethod.Options || method == HttpMethod.Trace)
        {
            return true;
        }

        return request.Headers.TryGetValues(IdempotencyKeyHeader, out var values) && values.Any(v => !string.IsNullOrWhiteSpace(v));
    }

    /// <summary>Whether an exception thrown by the pipeline is a per-attempt timeout (after the retries ran out).</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>True for <see cref="TimeoutRejectedException"/>.</returns>
    internal static bool IsTimeout(Exception exception) => exception is TimeoutRejectedException;

    /// <summary>Whether an exception thrown by the pipeline means the circuit is open (or isolated).</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>True for <see cref="BrokenCircuitException"/> and its subclasses.</returns>
    internal static bool IsBrokenCircuit(Exception exception) => exception is BrokenCircuitException;

    /// <summary>Whether an exception is a transient transport failure or a per-attempt timeout.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>True for <see cref="HttpRequestException"/>, <see cref="IOException"/> and <see cref="TimeoutRejectedException"/>.</returns>
    internal static bool IsTransientException(Exception exception) =>
        exception is HttpRequestException or IOException or TimeoutRejectedException;

    /// <summary>
    /// Reads <c>Retry-After</c> (delta seconds, or an HTTP-date relative to <paramref name="now"/>; a past date is zero).
    /// </summary>
    /// <param name="response">The response.</param>
    /// <param name="now">The current time.</param>
    /// <param name="retryAfter">The delay the API asks for.</param>
    /// <returns>True when the response has a usable <c>Retry-After</c>.</returns>
    internal static bool TryGetRetryAfter(HttpResponseMessage response, DateTimeOffset now, out TimeSpan retryAfter)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            retryAfter = delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            return true;
        }

        if (header?.Date is { } date)
        {
            var wait = date - now;
            retryAfter = wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            return true;
        }

        retryAfter = default;
        return false;
    }

    /// <summary>Finds the request an outcome belongs to: the context property, else the response's request.</summary>
    internal static HttpRequestMessage? GetRequest(ResilienceContext context, Outcome<HttpResponseMessage> outcome) =>
        context.Properties.TryGetValue(RequestMessageKey, out var request) && request is not null
            ? request
            : outcome.Result?.RequestMessage;

    /// <summary>The path of a request, without query or fragment (which may hold values that must not be logged).</summary>
    internal static string GetPath(HttpRequestMessage? request)
    {
        var uri = request?.RequestUri;
        if (uri is null)
        {
            return "";
        }

        if (uri.IsAbsoluteUri)
        {
            return uri.AbsolutePath;
        }

        var text = uri.OriginalString;
        var end = text.AsSpan().IndexOfAny('?', '#');
        return end < 0 ? text : text[..end];
    }

    /// <summary>Builds the pipeline, reporting retries to <paramref name="logger"/> and <paramref name="retryCounter"/>.</summary>
    internal static ResiliencePipeline<HttpResponseMessage> CreatePipeline(
        AkuaRetryOptions retry,
        AkuaCircuitBreakerOptions circuitBreaker,
        TimeSpan attemptTimeout,
        TimeProvider timeProvider,
        ILogger logger,
        Counter<long> retryCounter)
    {
        ArgumentNullException.ThrowIfNull(retry);
        ArgumentNullException.ThrowIfNull(circuitBreaker);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(retryCounter);

        var errors = retry.Validate("Retry").Concat(circuitBreaker.Validate("CircuitBreaker")).ToList();
        if (attemptTimeout != Timeout.InfiniteTimeSpan &&
            (attemptTimeout < ResilienceLimits.MinAttemptTimeout || attemptTimeout > ResilienceLimits.MaxDelay))
        {
            errors.Add($"The attempt timeout must be between {ResilienceLimits.MinAttemptTimeout} and {ResilienceLimits.MaxDelay}, or infinite.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid resilience settings: " + string.Join(" ", errors));
        }

        // Copy the settings so that later changes to the options objects do not change the pipeline.
        var maxRetryAfter = retry.MaxRetryAfter;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };

        if (retry.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "AkuaRetry",
                MaxRetryAttempts = retry.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                UseJitter = retry.UseJitter,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetryOutcome(args.Context, args.Outcome, maxRetryAfter, timeProvider)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(
                    args.Outcome.Result is { } response && TryGetRetryAfter(response, timeProvider.GetUtcNow(), out var wait)
                        ? wait
                        : null),
                OnRetry = args =>
                {
                    var request = GetRequest(args.Context, args.Outcome);
                    var method = request?.Method.Method ?? "";
                    retryCounter.Add(1, new KeyValuePair<string, object?>(AkuaMetrics.MethodTag, method));
                    if (logger.IsEnabled(LogLevel.Warning))
                    {
                        var outcome = args.Outcome.Exception is { } exception
                            ? exception.GetType().Name
                            : ((int)args.Outcome.Result!.StatusCode).ToString(CultureInfo.InvariantCulture);
                        AkuaResilienceLog.RetryingAttempt(
                            logger, method, GetPath(request), args.AttemptNumber + 1, outcome, (long)args.RetryDelay.TotalMilliseconds);
                    }

                    return default;
                },
            });
        }

        if (circuitBreaker.Enabled)
        {
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                Name = "AkuaCircuitBreaker",
                FailureRatio = circuitBreaker.FailureRatio,
                MinimumThroughput = circuitBreaker.MinimumThroughput,
                SamplingDuration = circuitBreaker.SamplingDuration,
                BreakDuration = circuitBreaker.BreakDuration,
                ShouldHandle = args => new ValueTask<bool>(IsBreakerFailure(args.Outcome)),
            });
        }

        if (attemptTimeout != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(new TimeoutStrategyOptions { Name = "AkuaAttemptTimeout", Timeout = attemptTimeout });
        }

        return builder.Build();
    }

    private static bool ShouldRetryOutcome(
        ResilienceContext context, Outcome<HttpResponseMessage> outcome, TimeSpan maxRetryAfter, TimeProvider timeProvider)
    {
        if (context.CancellationToken.IsCancellationRequested)
        {
            return false;
        }

        var request = GetRequest(context, outcome);
        if (request is null || !IsSafeToRetry(request))
        {
            return false;
        }

        if (outcome.Exception is { } exception)
        {
            return IsTransientException(exception);
        }

        if (outcome.Result is not { } response || !IsRetryableStatusCode(response.StatusCode))
        {
            return false;
        }

        // A wait longer than allowed is not waited for: the response goes back to the caller as it is.
        return !(TryGetRetryAfter(response, timeProvider.GetUtcNow(), out var wait) && wait > maxRetryAfter);
    }

    private static bool IsBreakerFailure(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is { } exception)
        {
            return IsTransientException(exception);
        }

        return outcome.Result is { } response && (int)response.StatusCode is 408 or 500 or 502 or 503 or 504;
    }
}
