using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Akua.Sdk.ContractTests.Infrastructure;

namespace Akua.Sdk.ContractTests.Static;

/// <summary>
/// Proves the contract tests can fail: Prism rejects requests that break the document, both on
/// the wire and in its log, and the SDK reports Prism's rejection as an exception.
/// </summary>
[Collection(StaticPrismCollection.Name)]
public sealed class PrismValidatesTests(StaticPrismFixture fixture) : StaticContractTestBase(fixture)
{
    public static TheoryData<string, string, string?, string?> BadRequests => new()
    {
        // method, path, JSON body, if-match
        { "POST", "offers/offer_j572abc123def456:archive", null, null },
        { "POST", "products/prod_j572abc123def456:unarchive", null, null },
        { "POST", "offers", "{\"product_id\":\"prod_1\",\"notes\":\"" + new string('n', 501) + "\"}", null },
        { "POST", "offers", "{\"product_id\":\"prod_1\",\"surprise\":true}", null },
        { "POST", "offers", "{\"notes\":\"neither product_id nor package_version_id\"}", null },
        { "POST", "offers", "{\"package_version_id\":\"pv_1\",\"offer_channel_id\":\"och_1\"}", null },
        { "POST", "offers", "{\"product_id\":\"prod_1\",\"offer_channel_id\":\"och_1\",\"tier\":\"pro\"}", null },
        { "POST", "offers", "{\"product_id\":\"prod_1\",\"max_uses\":0}", null },
        { "POST", "products", "{\"name\":\"X\",\"package_id\":\"pkg_1\",\"package_version_pin\":{\"kind\":\"latest\"}}", null },
        { "POST", "products", "{\"name\":\"Postgres\",\"package_id\":\"pkg_1\",\"package_version_pin\":{\"kind\":\"pinned\",\"version\":\"v1\"}}", null },
        { "PATCH", "products/prod_j572abc123def456", "{\"name\":\"Postgres\",\"state\":\"archived\"}", "etag-1" },
        { "GET", "offers?limit=101", null, null },
        { "GET", "offers:resolve", null, null },
    };

    [PrismTheory]
    [MemberData(nameof(BadRequests))]
    public async Task PrismRejectsARequestThatBreaksTheDocument(string method, string path, string? body, string? ifMatch)
    {
        var from = Prism.LogLines().Count;
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), Prism.Url(path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("if-match", ifMatch);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized, HttpStatusCode.UnprocessableEntity });

        var violations = PrismServer.Violations(await Prism.FlushLogAsync(from));
        Assert.NotEmpty(violations);
    }

    [PrismFact]
    public async Task PrismRejectsAMissingToken()
    {
        var from = Prism.LogLines().Count;
        using var http = new HttpClient();
        using var response = await http.GetAsync(Prism.Url("products"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEmpty(PrismServer.Violations(await Prism.FlushLogAsync(from)));
    }

    [PrismFact]
    public async Task TheSdkSurfacesPrismsRejection()
    {
        // An anonymous client may call any operation; Prism demands a token for products.get.
        using var akua = CreateAnonymousClient();
        var from = Prism.LogLines().Count;
        var error = await Assert.ThrowsAsync<AkuaAuthenticationException>(() => akua.Products.GetAsync("prod_j572abc123def456"));
        Assert.Equal(401, error.StatusCode);
        Assert.NotEmpty(PrismServer.Violations(await Prism.FlushLogAsync(from)));
    }
}
