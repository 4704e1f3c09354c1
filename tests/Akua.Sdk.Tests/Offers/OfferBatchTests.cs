using System.Net;
using Akua.Sdk.Tests.Pipeline;

namespace Akua.Sdk.Tests.Offers;

/// <summary>Creating many offers: one entry per input, and item keys derived from the caller's key.</summary>
public sealed class OfferBatchTests : IDisposable
{
    private readonly ClientFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Create_many_returns_one_entry_per_input_and_keeps_going_after_failures()
    {
        using var fixture = new ClientFixture();
        fixture.Mock.Fallback.Respond(async request =>
        {
            var recorded = await RecordedRequest.FromAsync(request);
            lock (fixture.Requests)
            {
                fixture.Requests.Add(recorded);
            }

            return recorded.Body!.Contains("prod_bad", StringComparison.Ordinal)
                ? ClientFixture.Json(HttpStatusCode.UnprocessableEntity, """{"success": false, "errors": [{"code": 3, "message": "unknown product", "path": ["body", "product_id"]}], "result": {}}""")
                : ClientFixture.Json(HttpStatusCode.Created, """{"id": "offer_x", "short_hash": "aB3xK9pQ"}""");
        });
        var requests = new[]
        {
            new CreateOfferRequest { ProductId = "prod_1" },
            new CreateOfferRequest { ProductId = "prod_bad" },
            new CreateOfferRequest(),
            new CreateOfferRequest { ProductId = "prod_2" },
        };

        var result = await fixture.Client.Offers.CreateManyAsync(requests, maxConcurrency: 2, new AkuaRequestOptions { IdempotencyKey = "batch-7" });

        Assert.Equal(4, result.Items.Count);
        Assert.Equal([0, 1, 2, 3], result.Items.Select(i => i.Index));
        Assert.Equal(2, result.SucceededCount);
        Assert.Equal(2, result.FailedCount);
        Assert.IsType<AkuaValidationException>(result.Items[1].Exception);
        Assert.IsType<ArgumentException>(result.Items[2].Exception);
        Assert.Equal("offer_x", result.Items[3].Value!.Id);
        Assert.Equal(3, fixture.Requests.Count);
        Assert.Equal(["batch-7-0", "batch-7-1", "batch-7-3"], fixture.Requests.Select(r => r.Header("idempotency-key")!).Order());
    }

    [Fact]
    public async Task Create_many_checks_its_arguments()
    {
        using var fixture = new ClientFixture();

        await Assert.ThrowsAsync<ArgumentNullException>(() => fixture.Client.Offers.CreateManyAsync(null!));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => fixture.Client.Offers.CreateManyAsync([], maxConcurrency: 0));
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
