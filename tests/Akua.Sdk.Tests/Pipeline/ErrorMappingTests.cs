using System.Net;
using System.Text;

namespace Akua.Sdk.Tests.Pipeline;

public class ErrorMappingTests
{
    private const string ErrorBody = """{"success": false, "errors": [{"code": 7002, "message": "Resource not found", "path": ["path", "id"]}], "result": {}}""";

    [Theory]
    [InlineData(400, typeof(AkuaValidationException))]
    [InlineData(422, typeof(AkuaValidationException))]
    [InlineData(401, typeof(AkuaAuthenticationException))]
    [InlineData(403, typeof(AkuaPermissionDeniedException))]
    [InlineData(404, typeof(AkuaNotFoundException))]
    [InlineData(409, typeof(AkuaConflictException))]
    [InlineData(429, typeof(AkuaRateLimitException))]
    [InlineData(418, typeof(AkuaApiException))]
    [InlineData(500, typeof(AkuaServerException))]
    [InlineData(503, typeof(AkuaServerException))]
    public async Task Status_codes_map_to_typed_exceptions(int status, Type expected)
    {
        using var fixture = new ClientFixture();
        fixture.RespondWith((HttpStatusCode)status, ErrorBody, configure: r => r.Headers.TryAddWithoutValidation("x-request-id", "req_123"));

        var error = await Assert.ThrowsAsync(expected, () => fixture.Client.Offers.GetAsync("offer_1"));

        var api = Assert.IsAssignableFrom<AkuaApiException>(error);
        Assert.Equal(status, api.StatusCode);
        Assert.Equal("req_123", api.RequestId);
        var entry = Assert.Single(api.Errors);
        Assert.Equal(7002, entry.Code);
        Assert.Equal("Resource not found", entry.Message);
        Assert.Equal(["path", "id"], entry.Path);
        Assert.StartsWith($"Akua offers.get failed with {status}", api.Message, StringComparison.Ordinal);
        Assert.Contains("7002", api.Message, StringComparison.Ordinal);
        Assert.Contains("req_123", api.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorBody, api.ResponseBody);
    }

    [Fact]
    public async Task Conflict_on_an_if_match_write_is_a_concurrency_exception_with_the_current_etag()
    {
        using var fixture = new ClientFixture();
        fixture.RespondWith(HttpStatusCode.Conflict, """{"success": false, "errors": [{"code": 10, "message": "ABORTED: etag mismatch", "metadata": {"current_etag": "43"}}], "result": {}}""");

        var error = await Assert.ThrowsAsync<AkuaConcurrencyException>(() => fixture.Client.Offers.ArchiveAsync("offer_1", "42"));

        Assert.Equal("43", error.CurrentEtag);
        Assert.Equal(409, error.StatusCode);
    }

    [Fact]
    public async Task Concurrency_exception_falls_back_to_the_etag_metadata_key()
    {
        using var fixture = new ClientFixture();
        fixture.RespondWith(HttpStatusCode.Conflict, """{"success": false, "errors": [{"code": 10, "message": "stale", "metadata": {"etag": "44"}}], "result": {}}""");

        var error = await Assert.ThrowsAsync<AkuaConcurrencyException>(() => fixture.Client.Products.UpdateAsync("prod_1", new UpdateProductRequest { Name = "Xy" }, "42"));

        Assert.Equal("44", error.CurrentEtag);
    }

    [Fact]
    public async Task Conflict_on_a_create_is_a_plain_conflict()
    {
        using var fixture = new ClientFixture();
        fixture.RespondWith(HttpStatusCode.Conflict, """{"success": false, "errors": [{"code": 11, "message": "idempotency key reused with a different body"}], "result": {}}""");

        var error = await Assert.ThrowsAsync<AkuaConflictException>(() => fixture.Client.Offers.CreateAsync(new CreateOfferRequest { ProductId = "prod_1" }));

        Assert.IsNotType<AkuaConcurrencyException>(error);
    }

    [Theory]
    [InlineData("120", 120)]
    [InlineData("0", 0)]
    public async Task Rate_limit_carries_retry_after_seconds(string header, int seconds)
    {
        using var fixture = new ClientFixture();
        fixture.RespondWith(HttpStatusCode.TooManyRequests, ErrorBody, configure: r => r.Headers.TryAddWithoutValidation("Retry-After", header));

        var error = await Assert.ThrowsAsync<AkuaRateLimitException>(() => fixture.Client.Offers.GetAsync("offer_1"));

        Assert.Equal(TimeSpan.FromSeconds(seconds), error.RetryAfter);
    }

    [Fact]
    public async Task Rate_limit_carries_retry_after_dates()
    {
        using var fixture = new ClientFixture();
        var at = DateTimeOffset.UtcNow.AddMinutes(5);
        fixture.RespondWith(HttpStatusCode.TooManyRequests, "", configure: r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(at));

        var error = await Assert.ThrowsAsync<AkuaRateLimitException>(() => fixture.Client.Offers.GetAsync("offer_1"));

        Assert.InRange(error.RetryAfter!.Value, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
    }

    [Theory]
    [InlineData(502, "<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html", typeof(AkuaServerException))]
    [InlineData(500, "", "application/json", typeof(AkuaServerException))]
    [InlineData(404, "not json {", "application/json", typeof(AkuaNotFoundException))]
    [InlineData(401, "Unauthorized", "text/plain", typeof(AkuaAuthenticationException))]
    public async Task Error_bodies_that_are_not_akua_json_still_give_the_typed_exception(int status, string body, string contentType, Type expected)
    {
        using var fixture = new ClientFixture();
        fixture.RespondWith((HttpStatusCode)status, body, contentType);

        var error = (AkuaApiException)await Assert.ThrowsAsync(expected, () => fixture.Client.Offers.GetAsync("offer_1"));

        Assert.Empty(error.Errors);
        Assert.Equal(body.Length == 0 ? null : body, error.ResponseBody);
    }

    [Fact]
    public async Task Huge_error_bodies_are_capped()
    {
        using var fixture = new ClientFixture();
        fixture.RespondWith(HttpStatusCode.InternalServerError, new string('x', 1_000_000), "text/plain");

        var error = await Assert.ThrowsAsync<AkuaServerException>(() => fixture.Client.Offers.GetAsync("offer_1"));

        Assert.Equal(AkuaApiException.MaxResponseBodyLength, error.ResponseBody!.Length);
    }

    [Theory]
    [InlineData("<html>ok</html>", "text/html")]
    [InlineData("{\"id\": 5}", "application/json")]
    [InlineData("{\"id\": \"offer_1\"", "application/json")]
    [InlineData("null", "application/json")]
    [InlineData("[]", "application/json")]
    public async Task A_success_with_the_wrong_body_is_an_invalid_response(string body, string contentType)
    {
        using var fixture = new ClientFixture();
        fixture.RespondWith(HttpStatusCode.OK, body, contentType, r => r.Headers.TryAddWithoutValidation("x-request-id", "req_9"));

        var error = await Assert.ThrowsAsync<AkuaInvalidResponseException>(() => fixture.Client.Offers.GetAsync("offer_1"));

        Assert.Equal(200, error.StatusCode);
        Assert.Equal("req_9", error.RequestId);
    }

    [Fact]
    public async Task Transport_failures_are_connection_exceptions()
    {
        using var client = ClientThrowing(new HttpRequestException("Connection refused", new System.Net.Sockets.SocketException(111)));

        var error = await Assert.ThrowsAsync<AkuaConnectionException>(() => client.Offers.GetAsync("offer_1"));

        Assert.False(error.IsTimeout);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task Timeouts_are_connection_exceptions_marked_as_timeouts()
    {
        using var client = ClientThrowing(new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout", new TimeoutException()));

        var error = await Assert.ThrowsAsync<AkuaConnectionException>(() => client.Offers.GetAsync("offer_1"));

        Assert.True(error.IsTimeout);
    }

    [Fact]
    public async Task The_callers_cancellation_is_never_wrapped()
    {
        using var fixture = new ClientFixture();
        using var cts = new CancellationTokenSource();
        fixture.Mock.Fallback.Respond(async () =>
        {
            await cts.CancelAsync();
            await Task.Delay(Timeout.Infinite, cts.Token);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fixture.Client.Offers.GetAsync("offer_1", cancellationToken: cts.Token));
    }

    [Fact]
    public async Task An_already_cancelled_token_sends_nothing()
    {
        using var fixture = new ClientFixture();
        fixture.RespondWith(HttpStatusCode.OK, Payloads.Offer);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fixture.Client.Offers.GetAsync("offer_1", cancellationToken: new CancellationToken(canceled: true)));

        Assert.Empty(fixture.Requests);
    }

    [Fact]
    public async Task Messages_and_to_string_never_contain_the_token()
    {
        using var fixture = new ClientFixture();
        fixture.RespondWith(HttpStatusCode.Unauthorized, """{"success": false, "errors": [{"code": 1, "message": "bad token"}], "result": {}}""");

        var error = await Assert.ThrowsAsync<AkuaAuthenticationException>(() => fixture.Client.Offers.GetAsync("offer_1"));

        Assert.DoesNotContain(ClientFixture.Token, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ClientFixture.Token, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ClientFixture.Token, fixture.Client.ToString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_body_stream_is_a_connection_exception()
    {
        using var fixture = new ClientFixture();
        fixture.Mock.Fallback.Respond(() => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new FailingStream(Encoding.UTF8.GetBytes("{\"id\": \"off"))) { Headers = { { "Content-Type", "application/json" } } },
        }));

        await Assert.ThrowsAsync<AkuaConnectionException>(() => fixture.Client.Offers.GetAsync("offer_1"));
    }

    private static AkuaClient ClientThrowing(Exception exception) =>
        new(new HttpClient(new ThrowingHandler(exception)), new AkuaClientOptions { ApiToken = ClientFixture.Token });

    private sealed class ThrowingHandler(Exception exception) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromException<HttpResponseMessage>(exception);
    }

    private sealed class FailingStream(byte[] prefix) : MemoryStream(prefix)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = base.Read(buffer, offset, count);
            return read > 0 ? read : throw new IOException("Connection reset by peer");
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            return read > 0 ? read : throw new IOException("Connection reset by peer");
        }
    }
}
