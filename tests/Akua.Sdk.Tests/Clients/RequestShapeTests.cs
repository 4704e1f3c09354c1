using System.Net;
using System.Text.Json.Nodes;

namespace Akua.Sdk.Tests.Clients;

/// <summary>Every operation sends exactly what Akua's contract describes: method, path, query, headers and body.</summary>
public class RequestShapeTests
{
    private const string OfferList = """{"data": [], "has_more": false, "next_cursor": null}""";

    private static void AssertCommonHeaders(RecordedRequest request)
    {
        Assert.Equal("Bearer " + ClientFixture.Token, request.Header("Authorization"));
        Assert.Equal("application/json", request.Header("Accept"));
        Assert.StartsWith("Akua.Sdk/0.1.0", request.Header("User-Agent"), StringComparison.Ordinal);
    }

    private static void AssertJson(string expected, string? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual!)), actual);

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
    public async Task Per_call_options_override_workspace_and_keep_the_callers_idempotency_key()
    {
        using var fixture = new ClientFixture(o => o.WorkspaceContext = "ws_default");
        fixture.RespondWith(HttpStatusCode.Created, """{"id": "offer_1", "short_hash": "aB3xK9pQ"}""");

        await fixture.Client.Offers.CreateAsync(
            new CreateOfferRequest { PackageVersionId = "pkgv_1" },
            new AkuaRequestOptions { WorkspaceContext = "ws_other", IdempotencyKey = "order-42" });

        Assert.Equal("ws_other", fixture.Single.Header("akua-context"));
        Assert.Equal("order-42", fixture.Single.Header("idempotency-key"));
    }

    [Fact]
    public async Task Every_call_generates_its_own_idempotency_key()
    {
        using var fixture = new ClientFixture();
        fixture.RespondWith(HttpStatusCode.Created, """{"id": "offer_1", "short_hash": "aB3xK9pQ"}""");

        await fixture.Client.Offers.CreateAsync(new CreateOfferRequest { ProductId = "prod_1" });
        await fixture.Client.Offers.CreateAsync(new CreateOfferRequest { ProductId = "prod_1" });

        Assert.NotEqual(fixture.Requests[0].Header("idempotency-key"), fixture.Requests[1].Header("idempotency-key"));
        Assert.Null(fixture.Requests[0].Header("akua-context"));
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
    public async Task Products_create_posts_the_body()
    {
        using var fixture = new ClientFixture();
        fixture.RespondWith(HttpStatusCode.Created, Payloads.Product);

        await fixture.Client.Products.CreateAsync(new CreateProductRequest { Name = "PostgreSQL Managed", PackageId = "pkg_1", PackageVersionPin = PackageVersionPin.Latest });

        var request = fixture.Single;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://api.akua.dev/v1/products", request.Uri.AbsoluteUri);
        AssertCommonHeaders(request);
        Assert.NotNull(request.Header("idempotency-key"));
        AssertJson("""{"name": "PostgreSQL Managed", "package_id": "pkg_1", "package_version_pin": {"kind": "latest"}}""", request.Body);
    }

    [Fact]
    public async Task Products_get_and_list_send_the_workspace()
    {
        using var fixture = new ClientFixture(o => o.WorkspaceContext = "ws_default");
        fixture.RespondInTurn(
            () => ClientFixture.Json(HttpStatusCode.OK, Payloads.Product),
            () => ClientFixture.Json(HttpStatusCode.OK, """{"data": [], "has_more": false, "next_cursor": null}"""));

        await fixture.Client.Products.GetAsync("prod_1");
        await fixture.Client.Products.ListPageAsync(new ListProductsOptions { Limit = 100 });

        Assert.Equal("https://api.akua.dev/v1/products/prod_1", fixture.Requests[0].Uri.AbsoluteUri);
        Assert.Equal("https://api.akua.dev/v1/products?limit=100", fixture.Requests[1].Uri.AbsoluteUri);
        Assert.All(fixture.Requests, r => Assert.Equal("ws_default", r.Header("akua-context")));
        Assert.All(fixture.Requests, r => Assert.Null(r.Body));
    }

    [Fact]
    public async Task Products_update_patches_only_touched_fields_with_if_match()
    {
        using var fixture = new ClientFixture();
        fixture.RespondWith(HttpStatusCode.OK, Payloads.Product);

        await fixture.Client.Products.UpdateAsync("prod_1", new UpdateProductRequest { Name = "Renamed" }.ClearCustomImage(), "7");

        var request = fixture.Single;
        Assert.Equal(HttpMethod.Patch, request.Method);
        Assert.Equal("https://api.akua.dev/v1/products/prod_1", request.Uri.AbsoluteUri);
        Assert.Equal("7", request.Header("if-match"));
        Assert.NotNull(request.Header("idempotency-key"));
        AssertJson("""{"name": "Renamed", "custom_image": null}""", request.Body);
    }

    [Fact]
    public async Task Products_archive_sends_its_options_only_when_given()
    {
        using var fixture = new ClientFixture();
        fixture.RespondWith(HttpStatusCode.OK, Payloads.Product);

        await fixture.Client.Products.ArchiveAsync("prod_1", "7");
        await fixture.Client.Products.ArchiveAsync("prod_1", "8", new ArchiveProductRequest { CascadeOffers = true, ArchiveReason = "eol" });

        Assert.Equal("https://api.akua.dev/v1/products/prod_1:archive", fixture.Requests[0].Uri.AbsoluteUri);
        Assert.Null(fixture.Requests[0].Body);
        Assert.Equal("7", fixture.Requests[0].Header("if-match"));
        AssertJson("""{"cascade_offers": true, "archive_reason": "eol"}""", fixture.Requests[1].Body);
    }

    [Fact]
    public async Task Products_unarchive_sends_if_match_and_no_body()
    {
        using var fixture = new ClientFixture();
        fixture.RespondWith(HttpStatusCode.OK, Payloads.Product);
        var product = AkuaModelFactory.Product(id: "prod_1", etag: "9");

        await fixture.Client.Products.UnarchiveAsync(product);

        Assert.Equal("https://api.akua.dev/v1/products/prod_1:unarchive", fixture.Single.Uri.AbsoluteUri);
        Assert.Equal("9", fixture.Single.Header("if-match"));
        Assert.Null(fixture.Single.Body);
    }

    [Theory]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("a?b#c", "a%3Fb%23c")]
    [InlineData("50%", "50%25")]
    [InlineData("x:archive", "x%3Aarchive")]
    [InlineData("a b", "a%20b")]
    [InlineData("../admin", "..%2Fadmin")]
    [InlineData("ñandú", "%C3%B1and%C3%BA")]
    [InlineData("a\r\nX-Injected: 1", "a%0D%0AX-Injected%3A%201")]
    public async Task Ids_stay_one_path_segment(string id, string escaped)
    {
        using var fixture = new ClientFixture();
        fixture.RespondWith(HttpStatusCode.OK, Payloads.Offer);

        await fixture.Client.Offers.GetAsync(id);

        Assert.Equal("https://api.akua.dev/v1/offers/" + escaped, fixture.Single.Uri.AbsoluteUri);
        Assert.Null(fixture.Single.Header("X-Injected"));
    }

    [Fact]
    public async Task A_base_address_without_trailing_slash_keeps_its_path()
    {
        using var fixture = new ClientFixture(o => o.BaseAddress = new Uri("https://eu.api.akua.dev/v1"));
        fixture.RespondWith(HttpStatusCode.OK, Payloads.Offer);

        await fixture.Client.Offers.GetAsync("offer_1");

        Assert.Equal("https://eu.api.akua.dev/v1/offers/offer_1", fixture.Single.Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Application_id_is_appended_to_the_user_agent()
    {
        using var fixture = new ClientFixture(o => o.ApplicationId = "billing-worker/2.1");
        fixture.RespondWith(HttpStatusCode.OK, Payloads.Offer);

        await fixture.Client.Offers.GetAsync("offer_1");

        Assert.Matches(@"^Akua\.Sdk/0\.1\.0 \(\.NET [0-9.]+; [^)]*\) billing-worker/2\.1$", fixture.Single.Header("User-Agent"));
    }

    [Fact]
    public async Task Token_provider_is_asked_on_every_call()
    {
        var issued = 0;
        using var fixture = new ClientFixture(o => o.TokenProvider = _ => ValueTask.FromResult($"jwt-{++issued}"));
        fixture.RespondWith(HttpStatusCode.OK, Payloads.Offer);

        await fixture.Client.Offers.GetAsync("offer_1");
        await fixture.Client.Offers.GetAsync("offer_1");

        Assert.Equal("Bearer jwt-1", fixture.Requests[0].Header("Authorization"));
        Assert.Equal("Bearer jwt-2", fixture.Requests[1].Header("Authorization"));
    }

    [Fact]
    public async Task Anonymous_clients_send_no_authorization()
    {
        using var fixture = new ClientFixture(o => { o.ApiToken = null; o.AllowAnonymous = true; });
        fixture.RespondWith(HttpStatusCode.OK, Payloads.Offer);

        await fixture.Client.Offers.ResolveAsync("aB3xK9pQ");

        Assert.Null(fixture.Single.Header("Authorization"));
    }
}
