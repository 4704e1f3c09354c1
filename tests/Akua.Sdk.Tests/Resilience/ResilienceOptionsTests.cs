using System.Net;
using Microsoft.Extensions.Time.Testing;
using Polly;

namespace Akua.Sdk.Tests.Resilience;

public sealed class ResilienceOptionsTests
{
    [Fact]
    public void Defaults_are_the_documented_ones_and_valid()
    {
        var retry = new AkuaRetryOptions();
        var breaker = new AkuaCircuitBreakerOptions();

        Assert.Equal(3, retry.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(0.5), retry.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), retry.MaxDelay);
        Assert.Equal(TimeSpan.FromSeconds(60), retry.MaxRetryAfter);
        Assert.True(retry.UseJitter);
        Assert.True(breaker.Enabled);
        Assert.Equal(0.5, breaker.FailureRatio);
        Assert.Equal(20, breaker.MinimumThroughput);
        Assert.Equal(TimeSpan.FromSeconds(30), breaker.SamplingDuration);
        Assert.Equal(TimeSpan.FromSeconds(15), breaker.BreakDuration);
        Assert.Empty(retry.Validate("Akua:Retry"));
        Assert.Empty(breaker.Validate("Akua:CircuitBreaker"));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void MaxRetries_out_of_range_is_reported(int value)
    {
        var errors = new AkuaRetryOptions { MaxRetries = value }.Validate("Akua:Retry");

        Assert.Equal(["Akua:Retry:MaxRetries must be between 0 and 10."], errors);
    }

    [Fact]
    public void Retry_delays_are_checked()
    {
        var errors = new AkuaRetryOptions
        {
            BaseDelay = TimeSpan.FromSeconds(-1),
            MaxDelay = TimeSpan.Zero,
            MaxRetryAfter = TimeSpan.FromSeconds(-5),
        }.Validate("Akua:Retry");

        Assert.Equal(3, errors.Count);
        Assert.StartsWith("Akua:Retry:BaseDelay ", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("Akua:Retry:MaxDelay ", errors[1], StringComparison.Ordinal);
        Assert.StartsWith("Akua:Retry:MaxRetryAfter ", errors[2], StringComparison.Ordinal);
    }

    [Fact]
    public void MaxDelay_below_BaseDelay_is_reported()
    {
        var errors = new AkuaRetryOptions { BaseDelay = TimeSpan.FromSeconds(10), MaxDelay = TimeSpan.FromSeconds(5) }.Validate("");

        Assert.Equal(["MaxDelay must not be less than BaseDelay."], errors);
    }

    [Fact]
    public void Circuit_breaker_settings_are_checked()
    {
        var errors = new AkuaCircuitBreakerOptions
        {
            FailureRatio = 0,
            MinimumThroughput = 1,
            SamplingDuration = TimeSpan.FromMilliseconds(100),
            BreakDuration = TimeSpan.FromDays(2),
        }.Validate("Akua:CircuitBreaker");

        Assert.Equal(4, errors.Count);
        Assert.Equal("Akua:CircuitBreaker:FailureRatio must be greater than 0 and at most 1.", errors[0]);
        Assert.Equal("Akua:CircuitBreaker:MinimumThroughput must be at least 2.", errors[1]);
        Assert.StartsWith("Akua:CircuitBreaker:SamplingDuration ", errors[2], StringComparison.Ordinal);
        Assert.StartsWith("Akua:CircuitBreaker:BreakDuration ", errors[3], StringComparison.Ordinal);
    }

    [Fact]
    public void CreatePipeline_rejects_invalid_settings()
    {
        Assert.Throws<ArgumentException>(() =>
            AkuaResilience.CreatePipeline(new AkuaRetryOptions { MaxRetries = 20 }, new AkuaCircuitBreakerOptions(), TimeSpan.FromSeconds(10)));
        Assert.Throws<ArgumentException>(() =>
            AkuaResilience.CreatePipeline(new AkuaRetryOptions(), new AkuaCircuitBreakerOptions(), TimeSpan.FromMilliseconds(1)));
        Assert.Throws<ArgumentNullException>(() =>
            AkuaResilience.CreatePipeline(null!, new AkuaCircuitBreakerOptions(), TimeSpan.FromSeconds(10)));
    }

    [Theory]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(200, false)]
    [InlineData(400, false)]
    [InlineData(409, false)]
    [InlineData(501, false)]
    [InlineData(505, false)]
    public void Retryable_statuses(int status, bool retryable)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);

        Assert.Equal(retryable, AkuaResilience.IsRetryableStatusCode((HttpStatusCode)status));
        Assert.Equal(retryable, AkuaResilience.ShouldRetry(response));
    }

    [Fact]
    public void Safe_to_retry_needs_an_idempotent_method_or_a_key()
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, "https://x.test/");
        using var post = new HttpRequestMessage(HttpMethod.Post, "https://x.test/");
        using var keyed = new HttpRequestMessage(HttpMethod.Patch, "https://x.test/");
        keyed.Headers.Add("Idempotency-Key", "k1");

        Assert.True(AkuaResilience.IsSafeToRetry(get));
        Assert.False(AkuaResilience.IsSafeToRetry(post));
        Assert.True(AkuaResilience.IsSafeToRetry(keyed));
    }

    [Fact]
    public async Task Public_pipeline_works_for_a_host_that_publishes_the_request_in_the_context()
    {
        var time = new RecordingTimeProvider();
        var pipeline = AkuaResilience.CreatePipeline(
            new AkuaRetryOptions { UseJitter = false }, new AkuaCircuitBreakerOptions(), TimeSpan.FromSeconds(10), time);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.akua.test/v1/offers");
        request.Headers.Add("idempotency-key", "k-host");
        var calls = 0;
        var context = ResilienceContextPool.Shared.Get();
        context.Properties.Set(AkuaResilience.RequestMessageKey, request);
        try
        {
            using var response = await time.RunAsync(() => pipeline.ExecuteAsync(
                _ => ValueTask.FromResult(new HttpResponseMessage(++calls < 3 ? HttpStatusCode.BadGateway : HttpStatusCode.OK)),
                context).AsTask());

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(3, calls);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    [Fact]
    public async Task Public_pipeline_does_not_retry_when_it_cannot_find_the_request()
    {
        var pipeline = AkuaResilience.CreatePipeline(new AkuaRetryOptions(), new AkuaCircuitBreakerOptions(), Timeout.InfiniteTimeSpan, new FakeTimeProvider());
        var calls = 0;

        await Assert.ThrowsAsync<HttpRequestException>(async () =>
            await pipeline.ExecuteAsync<HttpResponseMessage>(_ => { calls++; throw new HttpRequestException("down"); }));

        Assert.Equal(1, calls);
    }
}
