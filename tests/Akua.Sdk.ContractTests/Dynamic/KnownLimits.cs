using System.Net;
using System.Text;

namespace Akua.Sdk.ContractTests.Dynamic;

/// <summary>
/// Values that are valid under openapi/akua-v1.yaml, that Prism's dynamic mode generates, and that
/// the SDK cannot read today. The dynamic tests normalise them (<see cref="ResponseRecorder"/>) so
/// every other field is still checked; the tests here pin down the current behaviour, and the
/// skipped ones state what should hold once the SDK or the document is changed.
/// </summary>
public sealed class KnownLimits
{
    private const string ProductTemplate = """
        {"id":"prod_1","html_url":"{{url}}","name":"PostgreSQL","workspace_id":"ws_1",
         "package":{"id":"pkg_1","version_pin":{"kind":"latest"},"default_version_id":null},
         "marketplace":null,"created_at":{{created}},"updated_at":1700000000,"etag":"e1","state":"active"}
        """;

    /// <summary>The first second after 9999-12-31T23:59:59Z: a valid int64 (`minimum: 0`, no maximum) that DateTimeOffset cannot hold.</summary>
    private const long BeyondYear9999 = ResponseRecorder.MaxUnixSeconds + 1;

    /// <summary>
    /// An RFC 3986 URI (`+` is a sub-delim, allowed in a reg-name host) that ajv's `format: uri`
    /// accepts and System.Uri rejects (it wants DNS-style host names for http). Taken from a
    /// Prism dynamic response.
    /// </summary>
    private const string UriSystemUriRejects = "http://nZUrurHYDnTXGNMxxtbzRyEM.kkaerKpbD1TFZZDWSEyodwvnn+-E3Q3aDolSS2FklZNp-.kO+mVotJZyk.Q";

    [Fact]
    public async Task TodayATimestampBeyondYear9999FailsTheWholeResponse()
    {
        using var akua = ClientAnswering(Product("https://app.akua.dev/p/1", BeyondYear9999));
        var error = await Assert.ThrowsAsync<AkuaInvalidResponseException>(() => akua.Products.GetAsync("prod_1"));
        Assert.Contains("outside the range a DateTimeOffset can hold", error.Message, StringComparison.Ordinal);
    }

    [Fact(Skip = "SDK/document gap: every timestamp (created_at, updated_at, archived_at, expires_at on Product and Offer) is `type: integer, format: int64, minimum: 0` with no maximum, so any value above 253402300799 is schema-valid, but the SDK maps them to DateTimeOffset, which ends at 9999-12-31, and the whole response then fails with AkuaInvalidResponseException. Prism's dynamic mode generates such values in nearly every response. Fix either the document (`maximum: 253402300799` on each x-akua-timestamp) or the SDK (a documented clamp or a clearer contract).")]
    public async Task ATimestampBeyondYear9999StillReads()
    {
        using var akua = ClientAnswering(Product("https://app.akua.dev/p/1", BeyondYear9999));
        var product = await akua.Products.GetAsync("prod_1");
        Assert.Equal("prod_1", product.Id);
    }

    [Fact]
    public async Task TodayAnHtmlUrlSystemUriRejectsFailsTheWholeResponse()
    {
        Assert.False(Uri.TryCreate(UriSystemUriRejects, UriKind.RelativeOrAbsolute, out _));
        using var akua = ClientAnswering(Product(UriSystemUriRejects, 1700000000));
        var error = await Assert.ThrowsAsync<AkuaInvalidResponseException>(() => akua.Products.GetAsync("prod_1"));
        Assert.Contains("html_url", error.Message, StringComparison.Ordinal);
    }

    [Fact(Skip = "SDK gap: Product.html_url is `format: uri` and generated as System.Uri. Prism generates RFC 3986-valid URIs whose host holds sub-delims such as '+' (ajv's `format: uri` accepts them); System.Uri rejects them, and the whole Product (and any ProductList page holding it) fails with AkuaInvalidResponseException. Akua's real dashboard URLs are plain https URLs, so this is unlikely in practice; the fix would be a lenient converter (or `string`) for response-side `format: uri` fields.")]
    public async Task AnHtmlUrlSystemUriRejectsStillReads()
    {
        using var akua = ClientAnswering(Product(UriSystemUriRejects, 1700000000));
        var product = await akua.Products.GetAsync("prod_1");
        Assert.Equal("prod_1", product.Id);
    }

    private static string Product(string url, long created) =>
        ProductTemplate.Replace("{{url}}", url, StringComparison.Ordinal).Replace("{{created}}", created.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static AkuaClient ClientAnswering(string json) =>
        new(new HttpClient(new CannedResponse(json)), new AkuaClientOptions { ApiToken = "sk_akua_contract_test_token", BaseAddress = new Uri("http://127.0.0.1:9/") });

    private sealed class CannedResponse(string json) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
    }
}
