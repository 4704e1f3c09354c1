using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using RichardSzalay.MockHttp;

namespace Akua.Sdk.Tests.DependencyInjection;

/// <summary>The resilience pipeline as users get it: through AddAkuaSdk, in front of the typed exceptions.</summary>
public class ResilienceIntegrationTests
{
    private const string Token = "sk_akua_test_resilience";

    private sealed class Host : IDisposable
    {
        private readonly ServiceProvider _provider;

        public Host(Func<HttpRequestMessage, int, HttpResponseMessage> respond, Action<AkuaClientOptions>? configure = null, HttpMessageHandler? primary = null)
        {
            Mock.Fallback.Respond(request =>
            {
                lock (Requests)
                {
                    Requests.Add(request);
                    return Task.FromResult(respond(request, Requests.Count));
                }
            });
            var services = new ServiceCollection();
            services.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
            services.AddAkuaSdk(o =>
            {
                o.ApiToken = Token;
                o.Retry.BaseDelay = TimeSpan.Zero;
                configure?.Invoke(o);
            }).ConfigurePrimaryHttpMessageHandler(() => primary ?? Mock);
            _provider = services.BuildServiceProvider();
        }

        public MockHttpMessageHandler Mock { get; } = new();

        public List<HttpRequestMessage> Requests { get; } = [];

        public FakeLoggerProvider Logs { get; } = new();

        public IAkuaClient Client => _provider.GetRequiredService<IAkuaClient>();

        public void Dispose() => _provider.Dispose();
    }

    private static HttpResponseMessage Status(HttpStatusCode status, string body = "") =>
        new(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };

    [Fact]
    public async Task A_create_survives_503s_with_one_idempotency_key()
    {
        using var host = new Host((_, n) => n < 3 ? Status(HttpStatusCode.ServiceUnavailable) : Status(HttpStatusCode.Created, """{"id": "offer_1", "short_hash": "aB3xK9pQ"}"""));

        var created = await host.Client.Offers.CreateAsync(new CreateOfferRequest { ProductId = "prod_1" });

        Assert.Equal("offer_1", created.Id);
        Assert.Equal(3, host.Requests.Count);
        Assert.Single(host.Requests.Select(r => r.Headers.GetValues("idempotency-key").Single()).Distinct());
    }

    [Fact]
    public async Task Exhausted_retries_surface_as_the_typed_server_exception()
    {
        using var host = new Host((_, _) => Status(HttpStatusCode.BadGateway, "<html>bad gateway</html>"));

        await Assert.ThrowsAsync<AkuaServerException>(() => host.Client.Products.GetAsync("prod_1"));

        Assert.Equal(4, host.Requests.Count);
    }

    [Fact]
    public async Task Conflicts_are_never_retried()
    {
        using var host = new Host((_, _) => Status(HttpStatusCode.Conflict, """{"success": false, "errors": [{"code": 10, "message": "ABORTED", "metadata": {"current_etag": "9"}}], "result": {}}"""));

        var error = await Assert.ThrowsAsync<AkuaConcurrencyException>(() => host.Client.Offers.ArchiveAsync("offer_1", "8"));

        Assert.Equal("9", error.CurrentEtag);
        Assert.Single(host.Requests);
    }

    [Fact]
    public async Task Retry_after_above_the_cap_is_not_waited_for()
    {
        using var host = new Host((_, _) =>
        {
            var response = Status(HttpStatusCode.TooManyRequests);
            response.Headers.TryAddWithoutValidation("Retry-After", "120");
            return response;
        });

        var error = await Assert.ThrowsAsync<AkuaRateLimitException>(() => host.Client.Offers.GetAsync("offer_1"));

        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.Single(host.Requests);
    }

    [Fact]
    public async Task The_pipeline_can_be_switched_off_for_a_host_resilience_handler()
    {
        using var host = new Host((_, _) => Status(HttpStatusCode.ServiceUnavailable), o => o.EnableResilience = false);

        await Assert.ThrowsAsync<AkuaServerException>(() => host.Client.Offers.GetAsync("offer_1"));

        Assert.Single(host.Requests);
    }

    [Fact]
    public async Task An_open_circuit_is_a_connection_exception()
    {
        using var host = new Host((_, _) => Status(HttpStatusCode.InternalServerError), o =>
        {
            o.Retry.MaxRetries = 0;
            o.CircuitBreaker.MinimumThroughput = 2;
            o.CircuitBreaker.FailureRatio = 0.5;
        });

        await Assert.ThrowsAsync<AkuaServerException>(() => host.Client.Offers.GetAsync("offer_1"));
        await Assert.ThrowsAsync<AkuaServerException>(() => host.Client.Offers.GetAsync("offer_1"));
        var error = await Assert.ThrowsAsync<AkuaConnectionException>(() => host.Client.Offers.GetAsync("offer_1"));

        Assert.Contains("circuit breaker is open", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTimeout);
        Assert.Equal(2, host.Requests.Count);
    }

    [Fact]
    public async Task A_slow_attempt_times_out_as_a_connection_exception()
    {
        using var host = new Host(
            (_, _) => Status(HttpStatusCode.OK, Payloads.Offer),
            o =>
            {
                o.Retry.MaxRetries = 0;
                o.Timeout = TimeSpan.FromSeconds(1);
            },
            new SlowHandler());

        var error = await Assert.ThrowsAsync<AkuaConnectionException>(() => host.Client.Offers.GetAsync("offer_1"));

        Assert.True(error.IsTimeout);
    }

    [Fact]
    public async Task Attempts_are_logged_without_the_token_and_counted()
    {
        // The SDK's own meter is shared by every test: only this test's operation is looked at.
        using var durations = new MetricCollector<double>(null, "Akua.Sdk", "akua.client.operation.duration");
        using var host = new Host((_, n) => n == 1 ? Status(HttpStatusCode.ServiceUnavailable) : Status(HttpStatusCode.OK, Payloads.Product));

        await host.Client.Products.GetAsync("prod_logged");

        var entries = host.Logs.Collector.GetSnapshot();
        Assert.Contains(entries, e => e.Level == LogLevel.Warning && e.Message.Contains("products.get", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Level == LogLevel.Debug && e.Message.Contains("200", StringComparison.Ordinal));
        Assert.All(entries, e => Assert.DoesNotContain(Token, e.Message + string.Join(",", e.StructuredState ?? []), StringComparison.Ordinal));
        Assert.Contains(durations.GetMeasurementSnapshot(), m => Equals(m.Tags.GetValueOrDefault("akua.operation"), "products.get"));
    }

    private sealed class SlowHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
            return Status(HttpStatusCode.OK, Payloads.Offer);
        }
    }
}
