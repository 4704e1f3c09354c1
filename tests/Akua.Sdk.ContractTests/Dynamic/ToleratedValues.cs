using System.Net;
using System.Text;

namespace Akua.Sdk.ContractTests.Dynamic;

/// <summary>
/// Values that are valid under openapi/akua-v1.yaml and that Prism's dynamic mode generates, but that
/// a naive mapping to .NET types cannot hold. The SDK reads them instead of failing the response.
/// </summary>
public sealed class ToleratedValues
{
    private const string ProductTemplate = """
        {"id":"prod_1","html_url":"{{url}}","name":"PostgreSQL","workspace_id":"ws_1",
         "package":{"id":"pkg_1","version_pin":{"kind":"latest"},"default_version_id":null},
         "marketplace":null,"created_at":{{created}},"updated_at":1700000000,"etag":"e1","state":"active"}
        """;

    /// <summary>The first second after 9999-12-31T23:59:59Z: a valid int64 (`minimum: 0`, no maximum) that DateTimeOffset cannot hold.</summary>
    private const long BeyondYear9999 = 253402300799 + 1;

    /// <summary>
    /// An RFC 3986 URI (`+` is a sub-delim, allowed in a reg-name host) that ajv's `format: uri`
    /// accepts and System.Uri rejects (it wants DNS-style host names for http). Taken from a
    /// Prism dynamic response.
    /// </summary>
    private const string UriSystemUriRejects = "http://nZUrurHYDnTXGNMxxtbzRyEM.kkaerKpbD1TFZZDWSEyodwvnn+-E3Q3aDolSS2FklZNp-.kO+mVotJZyk.Q";

    [Fact]
    public async Task ATimestampBeyondYear9999StillReads()
    {
        using var akua = ClientAnswering(Product("https://app.akua.dev/p/1", BeyondYear9999));
        var product = await akua.Products.GetAsync("prod_1");
        Assert.Equal(DateTimeOffset.MaxValue, product.CreatedAt);
    }

    [Fact]
    public async Task AnHtmlUrlSystemUriRejectsStillReads()
    {
        Assert.False(Uri.TryCreate(UriSystemUriRejects, UriKind.RelativeOrAbsolute, out _));
        using var akua = ClientAnswering(Product(UriSystemUriRejects, 1700000000));
        var product = await akua.Products.GetAsync("prod_1");
        Assert.Equal(UriSystemUriRejects, product.HtmlUrl);
    }

    private static string Product(string url, long created) =>
        ProductTemplate.Replace("{{url}}", url, StringComparison.Ordinal).Replace("{{created}}", created.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static AkuaClient ClientAnswering(string json) =>
        new(new HttpClient(new CannedResponse(json)), new AkuaClientOptions { ApiToken = "sk_akua_contract_test_token", BaseAddress = new Uri("http://127.0.0.1:9/v1/") });

    private sealed class CannedResponse(string json) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
    }
}
