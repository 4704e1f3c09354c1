using System.Net;
using Akua.Sdk.Tests.Pipeline;

namespace Akua.Sdk.Tests.Products;

/// <summary>
/// Updating a product by read-modify-write: a stale etag is reread and retried, within bounds; a reused idempotency key
/// is a conflict, never a stale etag, even on a guarded write.
/// </summary>
public sealed class ProductReadModifyWriteTests : IDisposable
{
    private const string ProductBody = """{"id":"prod_1","html_url":"https://akua.dev/p","name":"A","workspace_id":"ws_1","package":{"id":"pkg_1","version_pin":{"kind":"latest"},"default_version_id":null},"marketplace":null,"created_at":1,"updated_at":1,"etag":"e1","state":"active"}""";

    private readonly ClientFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Read_modify_write_rereads_after_a_conflict_and_sends_the_fresh_etag()
    {
        using var fixture = new ClientFixture();
        const string conflict = """{"success": false, "errors": [{"code": 10, "message": "ABORTED", "metadata": {"current_etag": "8"}}], "result": {}}""";
        fixture.RespondInTurn(
            () => ClientFixture.Json(HttpStatusCode.OK, Payloads.Product.Replace("\"etag\": \"7\"", "\"etag\": \"7\"", StringComparison.Ordinal)),
            () => ClientFixture.Json(HttpStatusCode.Conflict, conflict),
            () => ClientFixture.Json(HttpStatusCode.OK, Payloads.Product.Replace("\"etag\": \"7\"", "\"etag\": \"8\"", StringComparison.Ordinal)),
            () => ClientFixture.Json(HttpStatusCode.OK, Payloads.Product.Replace("\"etag\": \"7\"", "\"etag\": \"9\"", StringComparison.Ordinal)));
        var seenEtags = new List<string>();

        var updated = await fixture.Client.Products.UpdateAsync("prod_1", product =>
        {
            seenEtags.Add(product.Etag);
            return new UpdateProductRequest { Name = product.Name + " v2" };
        });

        Assert.Equal("9", updated.Etag);
        Assert.Equal(["7", "8"], seenEtags);
        Assert.Equal(["GET", "PATCH", "GET", "PATCH"], fixture.Requests.Select(r => r.Method.Method));
        Assert.Equal("7", fixture.Requests[1].Header("if-match"));
        Assert.Equal("8", fixture.Requests[3].Header("if-match"));
        Assert.NotEqual(fixture.Requests[1].Header("idempotency-key"), fixture.Requests[3].Header("idempotency-key"));
    }

    [Fact]
    public async Task Read_modify_write_gives_up_after_max_attempts()
    {
        using var fixture = new ClientFixture();
        const string conflict = """{"success": false, "errors": [{"code": 10, "message": "ABORTED", "metadata": {"current_etag": "8"}}], "result": {}}""";
        fixture.Mock.Fallback.Respond(request => Task.FromResult(request.Method == HttpMethod.Get
            ? ClientFixture.Json(HttpStatusCode.OK, Payloads.Product)
            : ClientFixture.Json(HttpStatusCode.Conflict, conflict)));

        var error = await Assert.ThrowsAsync<AkuaConcurrencyException>(() =>
            fixture.Client.Products.UpdateAsync("prod_1", _ => new UpdateProductRequest { Name = "Renamed" }, maxAttempts: 2));

        Assert.Equal("8", error.CurrentEtag);
    }

    [Fact]
    public async Task Read_modify_write_with_nothing_to_change_writes_nothing()
    {
        using var fixture = new ClientFixture();
        fixture.RespondWith(HttpStatusCode.OK, Payloads.Product);

        var product = await fixture.Client.Products.UpdateAsync("prod_1", _ => null);

        Assert.Equal("7", product.Etag);
        Assert.Single(fixture.Requests);
    }

    [Fact]
    public async Task Read_modify_write_stops_at_a_reused_idempotency_key()
    {
        _fixture.RespondInTurn(
            () => ClientFixture.Json(HttpStatusCode.OK, ProductBody),
            () => ClientFixture.Json(HttpStatusCode.Conflict, """{"success":false,"errors":[{"code":1010,"message":"The idempotency key was used with another request."}],"result":{}}"""));

        var error = await Assert.ThrowsAsync<AkuaConflictException>(() =>
            _fixture.Client.Products.UpdateAsync("prod_1", _ => new UpdateProductRequest { Name = "Bb" }, maxAttempts: 3, new AkuaRequestOptions { IdempotencyKey = "rename-1" }));

        Assert.IsNotType<AkuaConcurrencyException>(error);
        Assert.Equal(2, _fixture.Requests.Count);
    }

    [Fact]
    public async Task Read_modify_write_retries_a_stale_etag()
    {
        _fixture.RespondInTurn(
            () => ClientFixture.Json(HttpStatusCode.OK, ProductBody),
            () => ClientFixture.Json(HttpStatusCode.Conflict, """{"success":false,"errors":[{"code":1009,"message":"The etag is stale.","metadata":{"current_etag":"e2"}}],"result":{}}"""),
            () => ClientFixture.Json(HttpStatusCode.OK, ProductBody.Replace("\"e1\"", "\"e2\"", StringComparison.Ordinal)),
            () => ClientFixture.Json(HttpStatusCode.OK, ProductBody.Replace("\"e1\"", "\"e3\"", StringComparison.Ordinal)));

        var product = await _fixture.Client.Products.UpdateAsync("prod_1", _ => new UpdateProductRequest { Name = "Bb" });

        Assert.Equal("e3", product.Etag);
        Assert.Equal(["GET", "PATCH", "GET", "PATCH"], _fixture.Requests.Select(r => r.Method.Method));
        Assert.Equal("e2", _fixture.Requests[3].Header("if-match"));
    }

    [Fact]
    public async Task A_stale_etag_on_a_guarded_write_is_a_concurrency_error_with_the_current_etag()
    {
        _fixture.RespondWith(HttpStatusCode.Conflict, """{"success":false,"errors":[{"code":1009,"message":"stale","metadata":{"current_etag":"e9"}}],"result":{}}""");

        var error = await Assert.ThrowsAsync<AkuaConcurrencyException>(() => _fixture.Client.Products.UnarchiveAsync("prod_1", "e1"));

        Assert.Equal("e9", error.CurrentEtag);
    }
}
