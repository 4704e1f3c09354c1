using System.Net;
using Akua.Sdk.Tests.Pipeline;
using static Akua.Sdk.Tests.Pipeline.WireAssert;

namespace Akua.Sdk.Tests.Offers;

/// <summary>The offers client sends what the contract describes (method, path, query, headers, body) and reads what comes back.</summary>
public class OffersClientTests
{
    private const string OfferList = """{"data": [], "has_more": false, "next_cursor": null}""";

    [Fact]
    public async Task Offers_create_posts_the_body_with_a_generated_idempotency_key()
    {
        using var fixture = new ClientFixture(o => o.WorkspaceContext = "ws_default");
        fixture.RespondWith(HttpStatusCode.Created, """{"id": "offer_1", "short_hash": "aB3xK9pQ"}""");

        var created = await fixture.Client.Offers.CreateAsync(new CreateOfferRequest { ProductId = "prod_1", MaxUses = OfferUsageLimit.Unlimited });

        Assert.Equal("aB3xK9pQ", created.ShortHash);
        var request = fixture.Single;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://api.akua.dev/v1/offers", request.Uri.AbsoluteUri);
        AssertCommonHeaders(request);
        Assert.Equal("ws_default", request.Header("akua-context"));
        Assert.Matches("^[0-9a-f]{32}$", request.Header("idempotency-key"));
        Assert.Null(request.Header("if-match"));
        Assert.Equal("application/json", request.ContentType);
        AssertJson("""{"product_id": "prod_1", "max_uses": null}""", request.Body);
    }

    [Fact]
    public async Task Offers_get_has_no_body_and_no_workspace_header()
    {
        using var fixture = new ClientFixture(o => o.WorkspaceContext = "ws_default");
        fixture.RespondWith(HttpStatusCode.OK, Payloads.Offer);

        var offer = await fixture.Client.Offers.GetAsync("offer_j572abc123def456");

        Assert.Equal("offer_j572abc123def456", offer.Id);
        var request = fixture.Single;
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("https://api.akua.dev/v1/offers/offer_j572abc123def456", request.Uri.AbsoluteUri);
        AssertCommonHeaders(request);
        Assert.Null(request.Header("akua-context"));
        Assert.Null(request.Header("idempotency-key"));
        Assert.Null(request.Body);
    }

    [Fact]
    public async Task Offers_resolve_uses_the_colon_verb_and_escapes_the_hash()
    {
        using var fixture = new ClientFixture();
        fixture.RespondWith(HttpStatusCode.OK, Payloads.Offer);

        await fixture.Client.Offers.ResolveAsync("aB3x K9&p=Q");

        Assert.Equal("https://api.akua.dev/v1/offers:resolve?short_hash=aB3x%20K9%26p%3DQ", fixture.Single.Uri.AbsoluteUri);
        Assert.Null(fixture.Single.Body);
    }

    [Fact]
    public async Task Offers_list_sends_limit_cursor_and_product_filter()
    {
        using var fixture = new ClientFixture(o => o.WorkspaceContext = "ws_default");
        fixture.RespondWith(HttpStatusCode.OK, OfferList);

        var page = await fixture.Client.Offers.ListPageAsync(new ListOffersOptions { Limit = 25, Cursor = "c/1+2", ProductId = "prod_1" });

        Assert.Empty(page.Data);
        Assert.Equal("https://api.akua.dev/v1/offers?cursor=c%2F1%2B2&limit=25&product_id=prod_1", fixture.Single.Uri.AbsoluteUri);
        Assert.Equal("ws_default", fixture.Single.Header("akua-context"));
        Assert.Null(fixture.Single.Header("idempotency-key"));
    }

    [Fact]
    public async Task Offers_list_without_options_sends_no_query()
    {
        using var fixture = new ClientFixture();
        fixture.RespondWith(HttpStatusCode.OK, OfferList);

        await fixture.Client.Offers.ListPageAsync();

        Assert.Equal("https://api.akua.dev/v1/offers", fixture.Single.Uri.AbsoluteUri);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Offers_archive_and_unarchive_send_if_match_and_no_body(bool archive)
    {
        using var fixture = new ClientFixture();
        fixture.RespondWith(HttpStatusCode.OK, Payloads.Offer);

        _ = archive
            ? await fixture.Client.Offers.ArchiveAsync("offer_1", "42")
            : await fixture.Client.Offers.UnarchiveAsync("offer_1", "42");

        var request = fixture.Single;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal($"https://api.akua.dev/v1/offers/offer_1:{(archive ? "archive" : "unarchive")}", request.Uri.AbsoluteUri);
        Assert.Equal("42", request.Header("if-match"));
        Assert.NotNull(request.Header("idempotency-key"));
        Assert.Null(request.Body);
    }

    [Fact]
    public async Task Offer_overloads_use_the_offers_id_and_etag()
    {
        using var fixture = new ClientFixture();
        fixture.RespondWith(HttpStatusCode.OK, Payloads.Offer);
        var offer = AkuaModelFactory.Offer(id: "offer_9", etag: "W/\"7\"");

        await fixture.Client.Offers.ArchiveAsync(offer);
        await fixture.Client.Offers.UnarchiveAsync(offer);

        Assert.All(fixture.Requests, r => Assert.Equal("W/\"7\"", r.Header("if-match")));
        Assert.EndsWith("offers/offer_9:archive", fixture.Requests[0].Uri.AbsoluteUri, StringComparison.Ordinal);
        Assert.EndsWith("offers/offer_9:unarchive", fixture.Requests[1].Uri.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sellers_offer_without_max_uses_reads_as_unlimited_and_a_customers_view_as_not_shown()
    {
        using var fixture = new ClientFixture();
        fixture.RespondWith(HttpStatusCode.OK, """{"id":"offer_1","short_hash":"aB3xK9pQ","package_id":"pkg_1","package_version_id":"pkgv_1","status":"active","created_at":1,"etag":"e1"}""");

        var seller = await fixture.Client.Offers.GetAsync("offer_1");
        var customer = await fixture.Client.Offers.ResolveAsync("aB3xK9pQ");

        Assert.Equal(OfferUsageLimit.Unlimited, seller.MaxUses);
        Assert.Null(customer.MaxUses);
    }
}
