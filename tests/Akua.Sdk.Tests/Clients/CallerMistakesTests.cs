using System.Net;
using System.Text.Json;

namespace Akua.Sdk.Tests.Clients;

/// <summary>Caller mistakes are refused before anything is sent; the SDK's own keys stay valid.</summary>
public sealed class CallerMistakesTests : IDisposable
{
    private readonly ClientFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Text_limits_count_code_points_as_json_schema_does()
    {
        _fixture.RespondWith(HttpStatusCode.Created, """{"id": "offer_1", "short_hash": "aB3xK9pQ"}""");
        var emoji = string.Concat(Enumerable.Repeat("😀", 300));
        Assert.Equal(600, emoji.Length);

        await _fixture.Client.Offers.CreateAsync(new CreateOfferRequest { ProductId = "prod_1", Notes = emoji });

        Assert.Equal(emoji, JsonDocument.Parse(_fixture.Single.Body!).RootElement.GetProperty("notes").GetString());
        var tooMany = string.Concat(Enumerable.Repeat("😀", 501));
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _fixture.Client.Offers.CreateAsync(new CreateOfferRequest { ProductId = "prod_1", Notes = tooMany }));
        Assert.Equal("request.Notes", error.ParamName);
        Assert.Contains("it has 501", error.Message, StringComparison.Ordinal);
        Assert.Single(_fixture.Requests);
    }

    [Fact]
    public async Task A_field_value_without_a_value_is_refused_naming_the_field()
    {
        var request = new CreateOfferRequest
        {
            ProductId = "prod_1",
            FieldValues = new Dictionary<string, OfferFieldValueInput> { ["region"] = new() { Locked = true } },
        };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _fixture.Client.Offers.CreateAsync(request));

        Assert.Equal("request.FieldValues[\"region\"].Value", error.ParamName);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task A_field_value_nested_deeper_than_can_be_sent_is_refused_naming_the_field()
    {
        var deep = string.Concat(Enumerable.Repeat("[", 100)) + string.Concat(Enumerable.Repeat("]", 100));
        using var document = JsonDocument.Parse(deep, new JsonDocumentOptions { MaxDepth = 200 });
        var request = new CreateOfferRequest
        {
            ProductId = "prod_1",
            FieldValues = new Dictionary<string, OfferFieldValueInput> { ["nested"] = new() { Value = document.RootElement, Locked = false } },
        };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _fixture.Client.Offers.CreateAsync(request));

        Assert.Equal("request.FieldValues[\"nested\"].Value", error.ParamName);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task A_field_value_within_the_depth_limit_is_sent()
    {
        _fixture.RespondWith(HttpStatusCode.Created, """{"id": "offer_1", "short_hash": "aB3xK9pQ"}""");
        var nested = string.Concat(Enumerable.Repeat("[", 60)) + string.Concat(Enumerable.Repeat("]", 60));
        using var document = JsonDocument.Parse(nested);
        var request = new CreateOfferRequest
        {
            ProductId = "prod_1",
            FieldValues = new Dictionary<string, OfferFieldValueInput> { ["nested"] = new() { Value = document.RootElement, Locked = false } },
        };

        await _fixture.Client.Offers.CreateAsync(request);

        Assert.Single(_fixture.Requests);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("   ")]
    [InlineData("\t")]
    public async Task A_white_space_idempotency_key_is_refused(string key)
    {
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            _fixture.Client.Offers.CreateAsync(new CreateOfferRequest { ProductId = "prod_1" }, new AkuaRequestOptions { IdempotencyKey = key }));

        Assert.Equal("options.IdempotencyKey", error.ParamName);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task Batch_item_keys_derived_from_a_long_caller_key_stay_valid_distinct_and_deterministic()
    {
        _fixture.RespondWith(HttpStatusCode.Created, """{"id": "offer_1", "short_hash": "aB3xK9pQ"}""");
        var key = new string('k', 62);
        var requests = Enumerable.Range(0, 12).Select(_ => new CreateOfferRequest { ProductId = "prod_1" }).ToList();

        var first = await _fixture.Client.Offers.CreateManyAsync(requests, maxConcurrency: 1, new AkuaRequestOptions { IdempotencyKey = key });
        var firstKeys = _fixture.Requests.Select(r => r.Header("idempotency-key")!).ToList();
        _fixture.Requests.Clear();
        await _fixture.Client.Offers.CreateManyAsync(requests, maxConcurrency: 1, new AkuaRequestOptions { IdempotencyKey = key });
        var secondKeys = _fixture.Requests.Select(r => r.Header("idempotency-key")!).ToList();

        Assert.Equal(12, first.SucceededCount);
        Assert.All(firstKeys, k => Assert.InRange(k.Length, 1, AkuaRequestOptions.MaxIdempotencyKeyLength));
        Assert.Equal(12, firstKeys.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(firstKeys.Order(StringComparer.Ordinal), secondKeys.Order(StringComparer.Ordinal));
        Assert.Contains(key + "-9", firstKeys);
        Assert.DoesNotContain(key + "-10", firstKeys);
    }

    [Fact]
    public void Derived_keys_follow_the_documented_rule()
    {
        Assert.Equal("order-7-3", AkuaIdempotencyKeys.Derive("order-7", 3));
        var hashed = AkuaIdempotencyKeys.Derive(new string('a', 63), 12);
        Assert.Equal(64, hashed.Length);
        Assert.StartsWith(new string('a', 40) + "~", hashed, StringComparison.Ordinal);
        Assert.NotEqual(hashed, AkuaIdempotencyKeys.Derive(new string('a', 63), 13));
        Assert.Equal(hashed, AkuaIdempotencyKeys.Derive(new string('a', 63), 12));
    }
}

/// <summary>A reused idempotency key is a conflict, never a stale etag, even on a guarded write.</summary>
public sealed class ConflictKindTests : IDisposable
{
    private const string ProductBody = """{"id":"prod_1","html_url":"https://akua.dev/p","name":"A","workspace_id":"ws_1","package":{"id":"pkg_1","version_pin":{"kind":"latest"},"default_version_id":null},"marketplace":null,"created_at":1,"updated_at":1,"etag":"e1","state":"active"}""";

    private readonly ClientFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

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
