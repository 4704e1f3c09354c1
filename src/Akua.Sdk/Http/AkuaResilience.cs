using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Akua.Sdk;

/// <summary>
/// The Akua policy as a Polly pipeline on Microsoft.Extensions.Http.Resilience's HTTP strategies:
/// retry only what is safe, honour <c>Retry-After</c> up to a cap, back off with jitter, time out
/// each attempt, and break the circuit when the API keeps failing. The SDK runs it in
/// Microsoft.Extensions.Http.Resilience's <c>ResilienceHandler</c>, both under <c>AddAkuaSdk</c>
/// (<c>AddResilienceHandler</c>) and in <c>new AkuaClient(options)</c>.
/// </summary>
/// <remarks>
/// The pipeline finds the request of an outcome through the resilience context
/// (<see cref="RequestMessageKey"/>, which <c>ResilienceHandler</c> sets) or the response; an outcome
/// whose request it cannot find is not retried. The same <see cref="HttpRequestMessage"/> is sent on
/// every attempt, so its content must be re-readable (buffered, such as <see cref="ByteArrayContent"/>).
/// </remarks>
public static class AkuaResilience
{
    /// <summary>The header that makes a non-idempotent request safe to retry.</summary>
    public const string IdempotencyKeyHeader = "idempotency-key";

    /// <summary>The logger category of the SDK's attempt and retry log lines: <c>Akua.Sdk</c>.</summary>
    public const string LoggerCategory = "Akua.Sdk";

    /// <summary>
    /// The <see cref="ResilienceContext"/> property holding the request being sent
    /// (<c>Resilience.Http.RequestMessage</c>, the key Microsoft.Extensions.Http.Resilience sets).
    /// </summary>
    public static ResiliencePropertyKey<HttpRequestMessage> RequestMessageKey { get; } = new("Resilience.Http.RequestMessage");

    /// <summary>
    /// Builds the pipeline: retry (outermost), then circuit breaker, then the per-attempt timeout (innermost),
    /// with Polly's standard telemetry. Run it in Microsoft.Extensions.Http.Resilience's <c>ResilienceHandler</c>.
    /// </summary>
    /// <param name="retry">The retry settings; <see cref="AkuaRetryOptions.MaxRetries"/> 0 turns retries off.</param>
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
        CreatePipeline(retry, circuitBreaker, attemptTimeout, timeProvider ?? TimeProvider.System, NullLoggerFactory.Instance);

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

        return request.Headers.NonValidated.TryGetValues(IdempotencyKeyHeader, out var values)
            && values.Count > 0
            && !string.IsNullOrWhiteSpace(values.ToString());
    }

    internal static bool IsTimeout(Exception exception) =>
        exception is TimeoutRejectedException || (exception is TaskCanceledException && exception.InnerException is TimeoutException);

    internal static bool IsBrokenCircuit(Exception exception) => exception is BrokenCircuitException;

    /// <summary>A transport failure or an attempt timeout: worth another attempt.</summary>
    internal static bool IsTransientException(Exception exception) =>
        exception is HttpRequestException or IOException or TimeoutRejectedException
        && exception is not AkuaException;

    /// <summary>
    /// Reads <c>Retry-After</c> (delta seconds, or an HTTP-date relative to <paramref name="now"/>; a past date is zero).
    /// </summary>
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

    /// <summary>Builds the pipeline with Polly's telemetry on <paramref name="loggerFactory"/> and the SDK's retry log and counter.</summary>
    internal static ResiliencePipeline<HttpResponseMessage> CreatePipeline(
        AkuaRetryOptions retry,
        AkuaCircuitBreakerOptions circuitBreaker,
        TimeSpan attemptTimeout,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory) =>
        CreatePipeline(retry, circuitBreaker, attemptTimeout, timeProvider, loggerFactory, loggerFactory.CreateLogger(LoggerCategory), AkuaMetrics.Retries);

    internal static ResiliencePipeline<HttpResponseMessage> CreatePipeline(
        AkuaRetryOptions retry,
        AkuaCircuitBreakerOptions circuitBreaker,
        TimeSpan attemptTimeout,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory,
        ILogger logger,
        Counter<long> retryCounter)
    {
        ArgumentNullException.ThrowIfNull(retry);
        ArgumentNullException.ThrowIfNull(circuitBreaker);
        ArgumentNullException.ThrowIfNull(timeProvider);
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

        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { Name = "Akua", TimeProvider = timeProvider };
        builder.ConfigureTelemetry(loggerFactory);
        AddStrategies(builder, retry, circuitBreaker, attemptTimeout, timeProvider, logger, retryCounter);
        return builder.Build();
    }

    /// <summary>Adds the Akua strategies to a builder (the SDK's own, or the one <c>AddResilienceHandler</c> gives).</summary>
    internal static void AddStrategies(
        ResiliencePipelineBuilder<HttpResponseMessage> builder,
        AkuaRetryOptions retry,
        AkuaCircuitBreakerOptions circuitBreaker,
        TimeSpan attemptTimeout,
        TimeProvider timeProvider,
        ILogger logger,
        Counter<long> retryCounter)
    {
        // Copied, so later changes to the options objects do not change the pipeline.
        var maxRetries = retry.MaxRetries;
        var maxRetryAfter = retry.MaxRetryAfter;

        // Always present (with the most retries any call may ask for), so a call's own MaxRetries can turn retries on.
        var retryOptions = new HttpRetryStrategyOptions
        {
            Name = "AkuaRetry",
            MaxRetryAttempts = AkuaRetryOptions.MaxRetriesLimit,
            BackoffType = DelayBackoffType.Exponential,
            Delay = retry.BaseDelay,
            MaxDelay = retry.MaxDelay,
            UseJitter = retry.UseJitter,
            ShouldRetryAfterHeader = false,
            ShouldHandle = args => new ValueTask<bool>(ShouldRetryOutcome(args.Context, args.Outcome, args.AttemptNumber, maxRetries, maxRetryAfter, timeProvider)),
            OnRetry = args =>
            {
                var request = GetRequest(args.Context, args.Outcome);
                var method = request?.Method.Method ?? "";
                var operation = request is AkuaRequestMessage message ? message.Call.Operation.OperationId : AkuaHeaders.Sanitize(request?.RequestUri?.AbsolutePath ?? "");
                retryCounter.Add(1, new KeyValuePair<string, object?>(AkuaMetrics.MethodTag, method), new KeyValuePair<string, object?>(AkuaMetrics.OperationTag, operation));
                var outcome = args.Outcome.Exception is { } exception
                    ? exception.GetType().Name
                    : ((int)args.Outcome.Result!.StatusCode).ToString(CultureInfo.InvariantCulture);
                AkuaActivity.Retrying(args.AttemptNumber + 1, outcome, args.RetryDelay);
                if (logger.IsEnabled(LogLevel.Warning))
                {
                    AkuaLog.RetryingAttempt(logger, operation, method, args.AttemptNumber + 1, outcome, (long)args.RetryDelay.TotalMilliseconds);
                }

                return default;
            },
        };

        // After the options' own Retry-After handling is off: the SDK's honours the cap.
        retryOptions.DelayGenerator = args => new ValueTask<TimeSpan?>(
            args.Outcome.Result is { } response && TryGetRetryAfter(response, timeProvider.GetUtcNow(), out var wait) ? wait : null);
        builder.AddRetry(retryOptions);

        if (circuitBreaker.Enabled)
        {
            builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
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
            builder.AddTimeout(new HttpTimeoutStrategyOptions
            {
                Name = "AkuaAttemptTimeout",
                Timeout = attemptTimeout,
                // A call may ask for a longer (or shorter) attempt, e.g. a long poll.
                TimeoutGenerator = args => new ValueTask<TimeSpan>(
                    args.Context.GetRequestMessage() is AkuaRequestMessage { AttemptTimeout: { } callTimeout } ? callTimeout : attemptTimeout),
            });
        }
    }

    private static HttpRequestMessage? GetRequest(ResilienceContext context, Outcome<HttpResponseMessage> outcome) =>
        context.GetRequestMessage() ?? (context.Properties.TryGetValue(RequestMessageKey, out var request) ? request : null) ?? outcome.Result?.RequestMessage;

    private static bool ShouldRetryOutcome(
        ResilienceContext context, Outcome<HttpResponseMessage> outcome, int attemptNumber, int maxRetries, TimeSpan maxRetryAfter, TimeProvider timeProvider)
    {
        if (context.CancellationToken.IsCancellationRequested)
        {
            return false;
        }

        var request = GetRequest(context, outcome);
        var limit = request is AkuaRequestMessage { MaxRetries: { } callLimit } ? callLimit : maxRetries;
        if (request is null || attemptNumber >= limit || !IsSafeToRetry(request))
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
