using System.Net;
using System.Text.Json.Nodes;

namespace Akua.Sdk.Tests.Clients;

public class PagingAndBatchTests
{
    private static string OfferPage(int from, int count, string? nextCursor)
    {
        var data = new JsonArray();
        for (var i = from; i < from + count; i++)
        {
            var offer = JsonNode.Parse(Payloads.Offer)!.AsObject();
            offer["id"] = $"offer_{i}";
            data.Add(offer);
        }

        return new JsonObject { ["data"] = data, ["has_more"] = nextCursor is not null, ["next_cursor"] = nextCursor }.ToJsonString();
    }

    [Fact]
    public async Task List_async_follows_cursors_lazily_and_keeps_the_query()
    {
        using var fixture = new ClientFixture();
        fixture.RespondInTurn(
            () => ClientFixture.Json(HttpStatusCode.OK, OfferPage(0, 2, "cur_2")),
            () => ClientFixture.Json(HttpStatusCode.OK, OfferPage(2, 2, "cur_4")),
            () => ClientFixture.Json(HttpStatusCode.OK, OfferPage(4, 1, null)));

        var ids = new List<string>();
        await foreach (var offer in fixture.Client.Offers.ListAsync(new ListOffersOptions { Limit = 2, ProductId = "prod_1" }))
        {
            ids.Add(offer.Id);
            // Lazy: the second page is fetched only after the first is consumed.
            Assert.Equal(ids.Count <= 2 ? 1 : ids.Count <= 4 ? 2 : 3, fixture.Requests.Count);
        }

        Assert.Equal(["offer_0", "offer_1", "offer_2", "offer_3", "offer_4"], ids);
        Assert.Equal("https://api.akua.dev/v1/offers?limit=2&product_id=prod_1", fixture.Requests[0].Uri.AbsoluteUri);
        Assert.Equal("https://api.akua.dev/v1/offers?cursor=cur_2&limit=2&product_id=prod_1", fixture.Requests[1].Uri.AbsoluteUri);
        Assert.Equal("https://api.akua.dev/v1/offers?cursor=cur_4&limit=2&product_id=prod_1", fixture.Requests[2].Uri.AbsoluteUri);
    }

    [Fact]
    public async Task List_async_stops_when_has_more_is_false_even_with_a_cursor()
    {
        using var fixture = new ClientFixture();
        fixture.RespondWith(HttpStatusCode.OK, """{"data": [], "has_more": false, "next_cursor": "ignored"}""");

        var count = 0;
        await foreach (var _ in fixture.Client.Products.ListAsync())
        {
            count++;
        }

        Assert.Equal(0, count);
        Assert.Single(fixture.Requests);
    }

    [Fact]
    public async Task List_async_refuses_a_cursor_that_does_not_move()
    {
        using var fixture = new ClientFixture();
        fixture.RespondWith(HttpStatusCode.OK, OfferPage(0, 1, "same"));

        await Assert.ThrowsAsync<AkuaInvalidResponseException>(async () =>
        {
            await foreach (var _ in fixture.Client.Offers.ListAsync(new ListOffersOptions { Cursor = "start" }))
            {
            }
        });
        Assert.Equal(2, fixture.Requests.Count);
    }

    [Fact]
    public async Task List_async_honours_cancellation_between_pages()
    {
        using var fixture = new ClientFixture();
        fixture.RespondWith(HttpStatusCode.OK, OfferPage(0, 3, "next"));
        using var cts = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in fixture.Client.Offers.ListAsync(cancellationToken: cts.Token))
            {
                await cts.CancelAsync();
            }
        });
        Assert.Single(fixture.Requests);
    }

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
}
