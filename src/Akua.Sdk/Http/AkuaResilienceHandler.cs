using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Polly;

namespace Akua.Sdk;

/// <summary>
/// Sends requests to the Akua API through the SDK's resilience pipeline (see <see cref="AkuaResilience"/>):
/// retries with backoff and <c>Retry-After</c>, a circuit breaker, and a per-attempt timeout.
/// </summary>
/// <remarks>
/// <para>
/// The same <see cref="HttpRequestMessage"/> (and so the same <c>idempotency-key</c>) is sent on every attempt.
/// Its content must be re-readable: <see cref="ByteArrayContent"/> and <see cref="StringContent"/> are; any other
/// content of a request that may be retried is buffered in memory (<see cref="HttpContent.LoadIntoBufferAsync()"/>)
/// before the first attempt. The response of a failed attempt is disposed before the next attempt.
/// </para>
/// <para>
/// What the caller sees: the final response (including a 429 whose <c>Retry-After</c> is above
/// <see cref="AkuaRetryOptions.MaxRetryAfter"/>); an <see cref="OperationCanceledException"/> when the caller's token
/// is cancelled (delays included); Polly's <c>TimeoutRejectedException</c> when the last attempt timed out
/// (<see cref="AkuaResilience.IsTimeout"/>); Polly's <c>BrokenCircuitException</c> when the circuit is open
/// (<see cref="AkuaResilience.IsBrokenCircuit"/>); or the transport exception of the last attempt.
/// </para>
/// <para>
/// Leave <see cref="HttpClient.Timeout"/> longer than the whole pipeline can take (or infinite): its expiry
/// cancels the request like the caller's token and is not retried.
/// </para>
/// </remarks>
internal sealed class AkuaResilienceHandler : DelegatingHandler
{
    private static readonly ResiliencePropertyKey<int> AttemptKey = new("Akua.Attempt");

    // The largest success body buffered (a 100-offer page is about 200 KB); larger bodies fail the attempt.
    private const long MaxSuccessBodyBytes = 32L * 1024 * 1024;

    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Creates a handler with its own pipeline (and so its own circuit breaker state).</summary>
    /// <param name="retry">The retry settings.</param>
    /// <param name="circuitBreaker">The circuit breaker settings.</param>
    /// <param name="perAttemptTimeout">The timeout of each attempt, or <see cref="Timeout.InfiniteTimeSpan"/>.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">Where attempts and retries are logged.</param>
    /// <param name="retryCounter">The retry counter; <see cref="AkuaMetrics.Retries"/> when null.</param>
    public AkuaResilienceHandler(
        AkuaRetryOptions retry,
        AkuaCircuitBreakerOptions circuitBreaker,
        TimeSpan perAttemptTimeout,
        TimeProvider timeProvider,
        ILogger logger,
        Counter<long>? retryCounter = null)
        : this(
            AkuaResilience.CreatePipeline(retry, circuitBreaker, perAttemptTimeout, timeProvider, logger, retryCounter ?? AkuaMetrics.Retries),
            timeProvider,
            logger)
    {
    }

    /// <summary>
    /// Creates a handler over an existing pipeline, e.g. one kept for the client's lifetime so that the circuit
    /// breaker's state survives handler rotation by <c>IHttpClientFactory</c>.
    /// </summary>
    /// <param name="pipeline">The pipeline, from <see cref="AkuaResilience.CreatePipeline(AkuaRetryOptions, AkuaCircuitBreakerOptions, TimeSpan, TimeProvider?)"/>.</param>
    /// <param name="timeProvider">The clock used to time attempts.</param>
    /// <param name="logger">Where attempts are logged.</param>
    public AkuaResilienceHandler(ResiliencePipeline<HttpResponseMessage> pipeline, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _pipeline = pipeline;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        if (request.Content is { } content and not ByteArrayContent && AkuaResilience.IsSafeToRetry(request))
        {
#if NET9_0_OR_GREATER
            await content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
#else
            await content.LoadIntoBufferAsync().ConfigureAwait(false);
#endif
        }

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(AkuaResilience.RequestMessageKey, request);
            context.Properties.Set(AttemptKey, 0);
            return await _pipeline.ExecuteAsync(
                static (ctx, state) => state.Handler.SendAttemptAsync(state.Request, ctx),
                context,
                (Handler: this, Request: request)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async ValueTask<HttpResponseMessage> SendAttemptAsync(HttpRequestMessage request, ResilienceContext context)
    {
        var attempt = context.Properties.GetValue(AttemptKey, 0) + 1;
        context.Properties.Set(AttemptKey, attempt);
        var started = _timeProvider.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, context.CancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                // Read a success body inside the attempt, so a connection that breaks mid-body is
                // retried like one that breaks before the headers. Error bodies stay unread here:
                // the error mapper reads a bounded prefix of them.
                await BufferAsync(response, context.CancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (LogFailedAttempt(request, exception, started, attempt))
        {
            throw; // Not reached: the filter logs and returns false.
        }

        if (_logger.IsEnabled(LogLevel.Debug))
        {
            AkuaResilienceLog.AttemptCompleted(
                _logger, request.Method.Method, AkuaResilience.GetPath(request), (int)response.StatusCode, ElapsedMs(started), attempt, AkuaHeaders.RequestId(response));
        }

        return response;
    }

    private static async Task BufferAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
#if NET9_0_OR_GREATER
            await response.Content.LoadIntoBufferAsync(MaxSuccessBodyBytes, cancellationToken).ConfigureAwait(false);
#else
            await response.Content.LoadIntoBufferAsync(MaxSuccessBodyBytes).ConfigureAwait(false);
#endif
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private bool LogFailedAttempt(HttpRequestMessage request, Exception exception, long started, int attempt)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            AkuaResilienceLog.AttemptFailed(
                _logger, request.Method.Method, AkuaResilience.GetPath(request), exception.GetType().Name, ElapsedMs(started), attempt);
        }

        return false;
    }

    private long ElapsedMs(long started) => (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds;
}
