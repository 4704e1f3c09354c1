using System.Net;
using Akua.Sdk.Tests.Pipeline;
using static Akua.Sdk.Tests.Pipeline.WireAssert;

namespace Akua.Sdk.Tests.Products;

/// <summary>The products client sends what the contract describes: method, path, query, headers and body.</summary>
public class ProductsClientTests
{
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

    [Fact]
    public void Package_version_pins_compare_by_value_with_operators()
    {
        Assert.True(PackageVersionPin.Pinned("1.2.3") == PackageVersionPin.Pinned("1.2.3"));
        Assert.False(PackageVersionPin.Pinned("1.2.3") != PackageVersionPin.Pinned("1.2.3"));
        Assert.True(PackageVersionPin.Pinned("1.2.3") != PackageVersionPin.Pinned("1.2.4"));
        Assert.True(PackageVersionPin.Latest == PackageVersionPin.Latest);
        Assert.False(PackageVersionPin.Latest == null);
        PackageVersionPin? none = null;
        Assert.True(none == null);
    }
}
