using System.Net;
using System.Text.Json.Nodes;

namespace Akua.Sdk.Tests.Pipeline;

/// <summary>Listing every item follows the server's cursors lazily, and stops where it must.</summary>
public class PagingTests
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
}
