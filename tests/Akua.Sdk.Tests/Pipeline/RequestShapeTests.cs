using System.Net;
using static Akua.Sdk.Tests.Pipeline.WireAssert;

namespace Akua.Sdk.Tests.Pipeline;

/// <summary>Every operation sends exactly what Akua's contract describes: method, path, query, headers and body.</summary>
public class RequestShapeTests
{
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
