using System.Net;
using System.Text;

namespace Akua.Sdk.Tests.Pipeline;

/// <summary>Per-call resilience settings, and the raw response of a successful call.</summary>
public sealed class PerCallOptionsTests
{
    private const string OfferBody = """{"id":"offer_1","short_hash":"aB3xK9pQ","package_id":"pkg_1","package_version_id":"pkgv_1","status":"active","created_at":1,"etag":"e1"}""";

    private static void Fast(AkuaClientOptions options)
    {
        options.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(1);
        options.Retry.UseJitter = false;
        options.CircuitBreaker.Enabled = false;
    }

    [Fact]
    public async Task A_call_can_turn_retries_on_when_the_client_has_none()
    {
        using var fixture = new ClientFixture(o => { Fast(o); o.Retry.MaxRetries = 0; }, fullChain: true);
        fixture.RespondInTurn(
            () => ClientFixture.Json(HttpStatusCode.ServiceUnavailable, "{}"),
            () => ClientFixture.Json(HttpStatusCode.ServiceUnavailable, "{}"),
            () => ClientFixture.Json(HttpStatusCode.OK, OfferBody));

        var offer = await fixture.Client.Offers.GetAsync("offer_1", new AkuaRequestOptions { MaxRetries = 2 });

        Assert.Equal("offer_1", offer.Id);
        Assert.Equal(3, fixture.Requests.Count);
    }

    [Fact]
    public async Task A_call_can_turn_retries_off_when_the_client_has_them()
    {
        using var fixture = new ClientFixture(o => { Fast(o); o.Retry.MaxRetries = 5; }, fullChain: true);
        fixture.RespondWith(HttpStatusCode.ServiceUnavailable, "{}");

        await Assert.ThrowsAsync<AkuaServerException>(() => fixture.Client.Offers.GetAsync("offer_1", new AkuaRequestOptions { MaxRetries = 0 }));

        Assert.Single(fixture.Requests);
    }

    [Fact]
    public async Task A_call_can_have_a_shorter_attempt_timeout()
    {
        using var fixture = new ClientFixture(o => { Fast(o); o.Timeout = TimeSpan.FromSeconds(30); o.Transport = new DelayedHandler(Timeout.InfiniteTimeSpan); }, fullChain: true);
        var started = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<AkuaConnectionException>(() =>
            fixture.Client.Offers.GetAsync("offer_1", new AkuaRequestOptions { Timeout = TimeSpan.FromSeconds(1), MaxRetries = 0 }).WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.True(error.IsTimeout);
        Assert.InRange(started.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_call_can_have_a_longer_attempt_timeout_than_the_client()
    {
        using var fixture = new ClientFixture(o => { Fast(o); o.Timeout = TimeSpan.FromSeconds(1); o.Retry.MaxRetries = 0; o.Transport = new DelayedHandler(TimeSpan.FromMilliseconds(1500), OfferBody); }, fullChain: true);

        var offer = await fixture.Client.Offers.GetAsync("offer_1", new AkuaRequestOptions { Timeout = TimeSpan.FromSeconds(10) }).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("offer_1", offer.Id);
    }

    [Fact]
    public async Task A_long_attempt_timeout_also_bounds_a_call_without_resilience()
    {
        using var fixture = new ClientFixture(o => { o.EnableResilience = false; o.Timeout = TimeSpan.FromSeconds(30); o.Transport = new DelayedHandler(Timeout.InfiniteTimeSpan); }, fullChain: true);

        var error = await Assert.ThrowsAsync<AkuaConnectionException>(() =>
            fixture.Client.Offers.GetAsync("offer_1", new AkuaRequestOptions { Timeout = TimeSpan.FromSeconds(1) }).WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.True(error.IsTimeout);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(601)]
    public async Task Per_call_timeouts_outside_the_range_are_refused(int seconds)
    {
        using var fixture = new ClientFixture();

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            fixture.Client.Offers.GetAsync("offer_1", new AkuaRequestOptions { Timeout = TimeSpan.FromSeconds(seconds) }));

        Assert.Equal("options.Timeout", error.ParamName);
        Assert.Empty(fixture.Requests);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public async Task Per_call_retry_counts_outside_the_range_are_refused(int retries)
    {
        using var fixture = new ClientFixture();

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            fixture.Client.Offers.GetAsync("offer_1", new AkuaRequestOptions { MaxRetries = retries }));

        Assert.Equal("options.MaxRetries", error.ParamName);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_successful_result_carries_its_status_request_id_and_headers(bool fullChain)
    {
        using var fixture = new ClientFixture(fullChain ? Fast : null, fullChain);
        HttpResponseMessage Answer(string body)
        {
            var response = ClientFixture.Json(HttpStatusCode.OK, body);
            response.Headers.TryAddWithoutValidation("x-request-id", "req_raw_1");
            response.Headers.TryAddWithoutValidation("x-ratelimit-remaining", "41");
            return response;
        }

        fixture.RespondInTurn(() => Answer(OfferBody), () => Answer("{\"data\":[" + OfferBody + "],\"has_more\":false,\"next_cursor\":null}"));

        var offer = await fixture.Client.Offers.GetAsync("offer_1");
        var page = await fixture.Client.Offers.ListPageAsync();

        var raw = offer.GetRawResponse();
        Assert.NotNull(raw);
        Assert.Equal(200, raw.StatusCode);
        Assert.Equal("req_raw_1", raw.RequestId);
        Assert.Equal("41", raw.GetHeader("X-RateLimit-Remaining"));
        Assert.Equal("application/json; charset=utf-8", raw.GetHeader("content-type"));
        Assert.Equal("req_raw_1", page.GetRawResponse()?.RequestId);
    }

    [Fact]
    public async Task A_created_result_carries_its_201()
    {
        using var fixture = new ClientFixture();
        fixture.RespondWith(HttpStatusCode.Created, """{"id": "offer_1", "short_hash": "aB3xK9pQ"}""");

        var created = await fixture.Client.Offers.CreateAsync(new CreateOfferRequest { ProductId = "prod_1" });

        Assert.Equal(201, created.GetRawResponse()?.StatusCode);
    }

    [Fact]
    public void Results_built_by_hand_have_no_raw_response_until_given_one()
    {
        var offer = AkuaModelFactory.Offer();
        var response = new AkuaResponse(200, "req_fake", new Dictionary<string, IReadOnlyList<string>> { ["X-Test"] = ["1"] });

        Assert.Null(offer.GetRawResponse());
        Assert.Equal("1", response.GetHeader("x-test"));
        Assert.Equal("200 (request id req_fake)", response.ToString());
    }

    [Fact]
    public async Task The_raw_response_stays_readable_after_the_call()
    {
        using var fixture = new ClientFixture();
        fixture.RespondWith(HttpStatusCode.OK, OfferBody, configure: r => r.Content = new StringContent(OfferBody, Encoding.UTF8, "application/json"));

        var offer = await fixture.Client.Offers.GetAsync("offer_1");
        GC.Collect();

        Assert.Contains("Content-Type", offer.GetRawResponse()!.Headers.Keys, StringComparer.OrdinalIgnoreCase);
    }
}

/// <summary>Answers after a delay (honouring cancellation), or never.</summary>
internal sealed class DelayedHandler(TimeSpan delay, string body = "{}") : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await Task.Delay(delay, cancellationToken);
        return ClientFixture.Json(HttpStatusCode.OK, body);
    }
}
