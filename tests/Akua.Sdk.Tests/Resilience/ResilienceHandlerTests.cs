using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Akua.Sdk.Tests.Resilience;

public sealed class ResilienceHandlerTests : IDisposable
{
    private const string Token = "akua_sk_live_SUPERSECRET_TOKEN_123";
    private const string Url = "https://api.akua.test/v1/offers?cursor=c_secret_cursor";

    private readonly RecordingTimeProvider _time = new();
    private readonly FakeLogger _logger = new();
    private readonly Meter _meter = new("Akua.Sdk.Tests." + Guid.NewGuid().ToString("N"));
    private readonly List<HttpMessageInvoker> _invokers = [];

    public void Dispose()
    {
        foreach (var invoker in _invokers)
        {
            invoker.Dispose();
        }

        _meter.Dispose();
    }

    private static AkuaRetryOptions Retry(int maxRetries = 3, bool jitter = false) =>
        new() { MaxRetries = maxRetries, UseJitter = jitter };

    private static AkuaCircuitBreakerOptions NoBreaker() => new() { Enabled = false };

    private HttpMessageInvoker Invoker(
        HttpMessageHandler inner,
        AkuaRetryOptions? retry = null,
        AkuaCircuitBreakerOptions? breaker = null,
        TimeSpan? attemptTimeout = null,
        Counter<long>? counter = null)
    {
        var pipeline = AkuaResilience.CreatePipeline(
            retry ?? Retry(),
            breaker ?? NoBreaker(),
            attemptTimeout ?? Timeout.InfiniteTimeSpan,
            _time,
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance,
            _logger,
            counter ?? AkuaMetrics.CreateRetryCounter(_meter));
        // The SDK's chain: the card's ResilienceHandler over the SDK's attempt handler (which logs SDK calls).
        var attempts = new AkuaAttemptHandler(new AkuaAuthorization(new AkuaClientOptions { ApiToken = Token }), AkuaClientOptions.DefaultMaxResponseBytes, _time, _logger) { InnerHandler = inner };
        var handler = new Microsoft.Extensions.Http.Resilience.ResilienceHandler(pipeline) { InnerHandler = attempts };
        var invoker = new HttpMessageInvoker(handler);
        _invokers.Add(invoker);
        return invoker;
    }

    /// <summary>A call of the SDK (offers.list), which the attempt handler stamps, reads and logs.</summary>
    private static HttpRequestMessage SdkCall() =>
        new AkuaRequestMessage(new AkuaCall(Contract.AkuaOperations.OffersList.Info, "offers?cursor=c_secret_cursor"), new Uri(Url));

    private static HttpRequestMessage Request(HttpMethod? method = null, string? idempotencyKey = null, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, Url) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("idempotency-key", idempotencyKey);
        }

        return request;
    }

    private Task<HttpResponseMessage> Send(HttpMessageInvoker invoker, HttpRequestMessage request, CancellationToken cancellationToken = default) =>
        _time.RunAsync(() => invoker.SendAsync(request, cancellationToken));

    private static TrackingResponse WithRetryAfter(HttpStatusCode status, RetryConditionHeaderValue retryAfter)
    {
        var response = new TrackingResponse(status);
        response.Headers.RetryAfter = retryAfter;
        return response;
    }

    [Theory]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Transient_status_is_retried_MaxRetries_times_then_returned(int status)
    {
        var stub = StubHandler.Always((HttpStatusCode)status);

        using var response = await Send(Invoker(stub), Request());

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(4, stub.Calls.Count);
        Assert.Same(stub.Responses[^1], response);
        Assert.All(stub.Responses.Take(3), r => Assert.True(((TrackingResponse)r).IsDisposed));
        Assert.False(((TrackingResponse)response).IsDisposed);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(422)]
    [InlineData(501)]
    [InlineData(505)]
    public async Task Other_status_is_not_retried(int status)
    {
        var stub = StubHandler.Always((HttpStatusCode)status);

        using var response = await Send(Invoker(stub), Request());

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Single(stub.Calls);
        Assert.Empty(_time.ScheduledDelays);
    }

    [Fact]
    public async Task Success_after_transient_failures_is_returned()
    {
        var stub = StubHandler.Sequence(HttpStatusCode.ServiceUnavailable, HttpStatusCode.BadGateway, HttpStatusCode.OK);

        using var response = await Send(Invoker(stub), Request());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, stub.Calls.Count);
    }

    [Fact]
    public async Task MaxRetries_zero_sends_once()
    {
        var stub = StubHandler.Always(HttpStatusCode.ServiceUnavailable);

        using var response = await Send(Invoker(stub, Retry(maxRetries: 0)), Request());

        Assert.Single(stub.Calls);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("OPTIONS")]
    public async Task Idempotent_methods_are_retried_without_a_key(string method)
    {
        var stub = StubHandler.Always(HttpStatusCode.ServiceUnavailable);

        using var response = await Send(Invoker(stub), Request(new HttpMethod(method)));

        Assert.Equal(4, stub.Calls.Count);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PATCH")]
    [InlineData("PURGE")]
    public async Task Non_idempotent_method_without_key_is_not_retried(string method)
    {
        var stub = StubHandler.Always(HttpStatusCode.ServiceUnavailable);

        using var response = await Send(Invoker(stub), Request(new HttpMethod(method), content: new StringContent("{}")));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Single(stub.Calls);
    }

    [Fact]
    public async Task Post_without_key_is_not_retried_after_a_transport_error()
    {
        var stub = new StubHandler((_, _, _) => throw new HttpRequestException("connection reset"));

        await Assert.ThrowsAsync<HttpRequestException>(() => Send(Invoker(stub), Request(HttpMethod.Post, content: new StringContent("{}"))));

        Assert.Single(stub.Calls);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PATCH")]
    public async Task Non_idempotent_method_with_key_is_retried_with_the_same_key_and_body(string method)
    {
        var stub = StubHandler.Sequence(HttpStatusCode.ServiceUnavailable, HttpStatusCode.TooManyRequests, HttpStatusCode.Created);

        using var response = await Send(
            Invoker(stub), Request(new HttpMethod(method), "idem-42", new StringContent("{\"name\":\"x\"}", Encoding.UTF8, "application/json")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(3, stub.Calls.Count);
        Assert.All(stub.Calls, c => Assert.Equal("idem-42", c.IdempotencyKey));
        Assert.All(stub.Calls, c => Assert.Equal("{\"name\":\"x\"}", c.Body));
    }

    [Fact]
    public async Task Stream_content_is_buffered_so_a_retry_sends_the_same_body()
    {
        var stub = StubHandler.Sequence(HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK);
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("payload")));

        using var response = await Send(Invoker(stub), Request(HttpMethod.Post, "idem-1", content));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["payload", "payload"], stub.Calls.Select(c => c.Body));
    }

    [Fact]
    public async Task Transport_errors_are_retried()
    {
        var stub = new StubHandler((_, n, _) => n switch
        {
            0 => throw new HttpRequestException("connection refused"),
            1 => throw new IOException("broken pipe"),
            _ => Task.FromResult<HttpResponseMessage>(new TrackingResponse(HttpStatusCode.OK)),
        });

        using var response = await Send(Invoker(stub), Request());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, stub.Calls.Count);
    }

    [Fact]
    public async Task Transport_error_surfaces_when_retries_run_out()
    {
        var stub = new StubHandler((_, _, _) => throw new HttpRequestException("connection refused"));

        await Assert.ThrowsAsync<HttpRequestException>(() => Send(Invoker(stub), Request()));

        Assert.Equal(4, stub.Calls.Count);
    }

    private static StubHandler Hanging(int answerFromCall = int.MaxValue) => new(async (_, n, ct) =>
    {
        if (n >= answerFromCall)
        {
            return new TrackingResponse(HttpStatusCode.OK);
        }

        await Task.Delay(Timeout.InfiniteTimeSpan, ct);
        throw new InvalidOperationException("not reached");
    });

    [Fact]
    public async Task Attempt_timeout_is_retried_then_surfaces_as_TimeoutRejectedException()
    {
        var stub = Hanging();

        var exception = await Assert.ThrowsAsync<TimeoutRejectedException>(
            () => Send(Invoker(stub, Retry(maxRetries: 2), attemptTimeout: TimeSpan.FromSeconds(10)), Request()));

        Assert.True(AkuaResilience.IsTimeout(exception));
        Assert.False(AkuaResilience.IsBrokenCircuit(exception));
        Assert.Equal(3, stub.Calls.Count);
        // timeout, backoff 0.5 s, timeout, backoff 1 s, timeout
        Assert.Equal(
            [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)],
            _time.ScheduledDelays);
    }

    [Fact]
    public async Task Attempt_timeout_then_success_returns_the_response()
    {
        var stub = Hanging(answerFromCall: 1);

        using var response = await Send(Invoker(stub, attemptTimeout: TimeSpan.FromSeconds(10)), Request());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, stub.Calls.Count);
    }

    [Fact]
    public async Task Retry_after_seconds_is_waited_exactly()
    {
        var stub = new StubHandler(n => n == 0
            ? WithRetryAfter(HttpStatusCode.TooManyRequests, new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)))
            : new TrackingResponse(HttpStatusCode.OK));
        var started = _time.GetUtcNow();

        using var response = await Send(Invoker(stub, Retry(jitter: true)), Request());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([TimeSpan.FromSeconds(7)], _time.ScheduledDelays);
        Assert.Equal(TimeSpan.FromSeconds(7), _time.GetUtcNow() - started);
    }

    [Fact]
    public async Task Retry_after_date_is_waited_exactly_relative_to_the_time_provider()
    {
        var stub = new StubHandler(n => n == 0
            ? WithRetryAfter(HttpStatusCode.ServiceUnavailable, new RetryConditionHeaderValue(_time.GetUtcNow().AddSeconds(12)))
            : new TrackingResponse(HttpStatusCode.OK));

        using var response = await Send(Invoker(stub, Retry(jitter: true)), Request());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([TimeSpan.FromSeconds(12)], _time.ScheduledDelays);
    }

    [Fact]
    public async Task Retry_after_longer_than_MaxDelay_but_within_MaxRetryAfter_is_still_waited()
    {
        var stub = new StubHandler(n => n == 0
            ? WithRetryAfter(HttpStatusCode.TooManyRequests, new RetryConditionHeaderValue(TimeSpan.FromSeconds(45)))
            : new TrackingResponse(HttpStatusCode.OK));

        using var response = await Send(Invoker(stub), Request());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([TimeSpan.FromSeconds(45)], _time.ScheduledDelays);
    }

    [Fact]
    public async Task Retry_after_above_the_cap_returns_the_429_at_once()
    {
        var stub = new StubHandler(_ => WithRetryAfter(HttpStatusCode.TooManyRequests, new RetryConditionHeaderValue(TimeSpan.FromSeconds(61))));

        using var response = await Send(Invoker(stub), Request());

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(61), response.Headers.RetryAfter?.Delta);
        Assert.Single(stub.Calls);
        Assert.Empty(_time.ScheduledDelays);
        Assert.False(((TrackingResponse)response).IsDisposed);
    }

    [Fact]
    public async Task Backoff_grows_exponentially_and_is_capped_at_MaxDelay()
    {
        var stub = StubHandler.Always(HttpStatusCode.InternalServerError);
        var retry = new AkuaRetryOptions { MaxRetries = 6, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(5), UseJitter = false };

        using var response = await Send(Invoker(stub, retry), Request());

        Assert.Equal(
            new[] { 1, 2, 4, 5, 5, 5 }.Select(s => TimeSpan.FromSeconds(s)),
            _time.ScheduledDelays);
    }

    [Fact]
    public async Task Jittered_backoff_stays_positive_and_capped()
    {
        var stub = StubHandler.Always(HttpStatusCode.InternalServerError);
        var retry = new AkuaRetryOptions { MaxRetries = 10, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(3), UseJitter = true };

        using var response = await Send(Invoker(stub, retry), Request());

        Assert.Equal(10, _time.ScheduledDelays.Count);
        Assert.All(_time.ScheduledDelays, d => Assert.InRange(d, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task Circuit_opens_after_failures_and_closes_after_the_break()
    {
        var breaker = new AkuaCircuitBreakerOptions { FailureRatio = 0.5, MinimumThroughput = 2, BreakDuration = TimeSpan.FromSeconds(15) };
        var healthy = false;
        var stub = new StubHandler(_ => new TrackingResponse(healthy ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable));
        var invoker = Invoker(stub, Retry(maxRetries: 0), breaker);

        (await Send(invoker, Request())).Dispose();
        (await Send(invoker, Request())).Dispose();
        var exception = await Assert.ThrowsAsync<BrokenCircuitException>(() => Send(invoker, Request()));

        Assert.True(AkuaResilience.IsBrokenCircuit(exception));
        Assert.Equal(2, stub.Calls.Count);

        healthy = true;
        _time.Advance(TimeSpan.FromSeconds(15));
        using var response = await Send(invoker, Request());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, stub.Calls.Count);
    }

    [Fact]
    public async Task Circuit_opening_during_retries_stops_them_with_BrokenCircuitException()
    {
        var breaker = new AkuaCircuitBreakerOptions { FailureRatio = 0.5, MinimumThroughput = 2 };
        var stub = StubHandler.Always(HttpStatusCode.ServiceUnavailable);

        await Assert.ThrowsAsync<BrokenCircuitException>(() => Send(Invoker(stub, Retry(maxRetries: 5), breaker), Request()));

        Assert.Equal(2, stub.Calls.Count);
        Assert.All(stub.Responses, r => Assert.True(((TrackingResponse)r).IsDisposed));
    }

    [Fact]
    public async Task Rate_limiting_does_not_open_the_circuit()
    {
        var breaker = new AkuaCircuitBreakerOptions { FailureRatio = 0.5, MinimumThroughput = 2 };
        var stub = StubHandler.Always(HttpStatusCode.TooManyRequests);
        var invoker = Invoker(stub, Retry(maxRetries: 0), breaker);

        for (var i = 0; i < 5; i++)
        {
            (await Send(invoker, Request())).Dispose();
        }

        Assert.Equal(5, stub.Calls.Count);
    }

    [Fact]
    public async Task Caller_cancellation_during_a_delay_throws_OperationCanceledException()
    {
        var stub = new StubHandler(_ => WithRetryAfter(HttpStatusCode.ServiceUnavailable, new RetryConditionHeaderValue(TimeSpan.FromSeconds(10))));
        using var cts = new CancellationTokenSource();

        var sending = Invoker(stub).SendAsync(Request(), cts.Token);
        await _time.WhenTimerScheduled().WaitAsync(TimeSpan.FromSeconds(30));
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Single(stub.Calls);
        Assert.True(((TrackingResponse)stub.Responses[0]).IsDisposed);
    }

    [Fact]
    public async Task Caller_cancellation_during_an_attempt_is_not_retried()
    {
        var stub = Hanging();
        using var cts = new CancellationTokenSource();

        var sending = Invoker(stub, attemptTimeout: TimeSpan.FromSeconds(10)).SendAsync(Request(), cts.Token);
        await _time.WhenTimerScheduled().WaitAsync(TimeSpan.FromSeconds(30));
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Single(stub.Calls);
    }

    [Fact]
    public async Task Attempts_are_logged_without_headers_query_or_token()
    {
        var stub = new StubHandler(n =>
        {
            var response = new TrackingResponse(n == 0 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK);
            response.Headers.Add("x-request-id", $"req_{n}");
            return response;
        });

        using var response = await Send(Invoker(stub), SdkCall());

        var debug = _logger.Collector.GetSnapshot().Where(e => e.Level == LogLevel.Debug).ToList();
        Assert.Equal(2, debug.Count);
        Assert.Equal("Akua offers.list GET responded 503 in 0 ms (attempt 1, request id req_0)", debug[0].Message);
        Assert.Equal("Akua offers.list GET responded 200 in 0 ms (attempt 2, request id req_1)", debug[1].Message);
        var warning = Assert.Single(_logger.Collector.GetSnapshot(), e => e.Level == LogLevel.Warning);
        Assert.Equal("Akua offers.list GET attempt 1 failed (503); retrying in 500 ms", warning.Message);

        foreach (var entry in _logger.Collector.GetSnapshot())
        {
            var everything = entry.Message + string.Join("|", (entry.StructuredState ?? []).Select(kv => $"{kv.Key}={kv.Value}")) + entry.Exception;
            Assert.DoesNotContain(Token, everything, StringComparison.Ordinal);
            Assert.DoesNotContain("Bearer", everything, StringComparison.Ordinal);
            Assert.DoesNotContain("c_secret_cursor", everything, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Attempt_durations_and_failures_are_logged()
    {
        var stub = Hanging(answerFromCall: 1);

        using var response = await Send(Invoker(stub, attemptTimeout: TimeSpan.FromSeconds(10)), SdkCall());

        var debug = _logger.Collector.GetSnapshot().Where(e => e.Level == LogLevel.Debug).Select(e => e.Message).ToList();
        Assert.Equal(
            [
                "Akua offers.list GET failed with TaskCanceledException after 10000 ms (attempt 1)",
                "Akua offers.list GET responded 200 in 0 ms (attempt 2, request id (null))",
            ],
            debug);
        Assert.Contains(_logger.Collector.GetSnapshot(), e => e.Level == LogLevel.Warning && e.Message.Contains("failed (TimeoutRejectedException)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retries_are_counted_per_method()
    {
        var counter = AkuaMetrics.CreateRetryCounter(_meter);
        using var retries = new MetricCollector<long>(_meter, "akua.client.retries");

        using var response = await Send(Invoker(StubHandler.Always(HttpStatusCode.BadGateway), counter: counter), Request(HttpMethod.Delete));

        Assert.Equal(
            [(1L, (object?)"DELETE"), (1L, "DELETE"), (1L, "DELETE")],
            retries.GetMeasurementSnapshot().Select(m => (m.Value, m.Tags["http.request.method"])));
    }

    [Fact]
    public async Task Default_counter_is_on_the_Akua_Sdk_meter()
    {
        var method = new HttpMethod("AKUATEST");
        // The SDK's own meter is shared by every test: only this test's method is summed.
        using var retries = new MetricCollector<long>(null, "Akua.Sdk", "akua.client.retries");
        var handler = new Microsoft.Extensions.Http.Resilience.ResilienceHandler(AkuaResilience.CreatePipeline(Retry(maxRetries: 2), NoBreaker(), Timeout.InfiniteTimeSpan, _time))
        {
            InnerHandler = StubHandler.Always(HttpStatusCode.ServiceUnavailable),
        };
        using var invoker = new HttpMessageInvoker(handler);

        using var response = await Send(invoker, Request(method, "idem-metrics"));

        Assert.Equal(2, retries.GetMeasurementSnapshot().Where(m => Equals(m.Tags.GetValueOrDefault("http.request.method"), "AKUATEST")).Sum(m => m.Value));
    }

    [Fact]
    public async Task Retry_after_date_in_the_past_retries_at_once()
    {
        var stub = new StubHandler(n => n == 0
            ? WithRetryAfter(HttpStatusCode.TooManyRequests, new RetryConditionHeaderValue(_time.GetUtcNow().AddMinutes(-1)))
            : new TrackingResponse(HttpStatusCode.OK));

        using var response = await Send(Invoker(stub), Request());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, stub.Calls.Count);
        Assert.Empty(_time.ScheduledDelays);
    }

    [Fact]
    public async Task Handlers_over_one_pipeline_share_the_circuit_breaker()
    {
        using var provider = new FakeLoggerProvider();
        var pipeline = AkuaResilience.CreatePipeline(
            Retry(maxRetries: 0),
            new AkuaCircuitBreakerOptions { MinimumThroughput = 2 },
            Timeout.InfiniteTimeSpan,
            _time,
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance,
            provider.CreateLogger("Akua.Sdk"),
            AkuaMetrics.CreateRetryCounter(_meter));
        var first = StubHandler.Always(HttpStatusCode.InternalServerError);
        var second = StubHandler.Always(HttpStatusCode.OK);
        using var rotatedOut = new HttpMessageInvoker(new Microsoft.Extensions.Http.Resilience.ResilienceHandler(pipeline) { InnerHandler = first });
        using var rotatedIn = new HttpMessageInvoker(new Microsoft.Extensions.Http.Resilience.ResilienceHandler(pipeline) { InnerHandler = second });

        (await Send(rotatedOut, Request())).Dispose();
        (await Send(rotatedOut, Request())).Dispose();

        await Assert.ThrowsAsync<BrokenCircuitException>(() => Send(rotatedIn, Request()));
        Assert.Empty(second.Calls);
    }
}
