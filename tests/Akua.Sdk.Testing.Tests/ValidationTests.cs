namespace Akua.Sdk.Testing.Tests;

public sealed class ValidationTests
{
    private const string Pin = "\"package_version_pin\":{\"kind\":\"latest\"}";

    [Theory]
    [InlineData("""{"name":"x","package_id":"pkg_1",PIN}""", "body/name")]
    [InlineData("""{"name":"NAME65","package_id":"pkg_1",PIN}""", "body/name")]
    [InlineData("""{"package_id":"pkg_1",PIN}""", "body/name")]
    [InlineData("""{"name":"Good","package_id":"",PIN}""", "body/package_id")]
    [InlineData("""{"name":"Good","package_id":"PKG55",PIN}""", "body/package_id")]
    [InlineData("""{"name":"Good","package_id":"pkg_1"}""", "body/package_version_pin")]
    [InlineData("""{"name":"Good","package_id":"pkg_1","package_version_pin":{"kind":"pinned","version":"1.2"}}""", "body/package_version_pin/version")]
    [InlineData("""{"name":"Good","package_id":"pkg_1","package_version_pin":{"kind":"pinned"}}""", "body/package_version_pin/version")]
    [InlineData("""{"name":"Good","package_id":"pkg_1","package_version_pin":{"kind":"latest","version":"1.2.3"}}""", "body/package_version_pin/version")]
    [InlineData("""{"name":"Good","package_id":"pkg_1","package_version_pin":{"kind":"newest"}}""", "body/package_version_pin/kind")]
    [InlineData("""{"name":"Good","package_id":"pkg_1",PIN,"custom_description":"DESC501"}""", "body/custom_description")]
    [InlineData("""{"name":"Good","package_id":"pkg_1",PIN,"custom_image":"not a url"}""", "body/custom_image")]
    [InlineData("""{"name":"Good","package_id":"pkg_1",PIN,"marketplace":{}}""", "body/marketplace/published")]
    [InlineData("""{"name":"Good","package_id":"pkg_1",PIN,"colour":"red"}""", "body/colour")]
    [InlineData("""{"name":42,"package_id":"pkg_1",PIN}""", "body/name")]
    public async Task Invalid_products_get_400_with_the_fields_path(string body, string path)
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);

        var answer = await api.Post("products", Expand(body));

        Assert.Equal(400, answer.Status);
        Assert.Contains(path, answer.ErrorPaths);
        Assert.Equal(0, emulator.ProductCount());
    }

    [Theory]
    [InlineData("""{}""", "body/product_id")]
    [InlineData("""{"tier":"pro"}""", "body/product_id")]
    [InlineData("""{PROD,"max_uses":0}""", "body/max_uses")]
    [InlineData("""{PROD,"max_uses":10001}""", "body/max_uses")]
    [InlineData("""{PROD,"max_uses":"3"}""", "body/max_uses")]
    [InlineData("""{PROD,"order_ttl_minutes":0}""", "body/order_ttl_minutes")]
    [InlineData("""{PROD,"order_ttl_minutes":1441}""", "body/order_ttl_minutes")]
    [InlineData("""{PROD,"notes":"DESC501"}""", "body/notes")]
    [InlineData("""{PROD,"internal_note":"DESC501"}""", "body/internal_note")]
    [InlineData("""{PROD,"tier":"TIER33"}""", "body/tier")]
    [InlineData("""{PROD,"allowed_emails":["not-an-email"]}""", "body/allowed_emails/0")]
    [InlineData("""{PROD,"allowed_emails":EMAILS51}""", "body/allowed_emails")]
    [InlineData("""{"package_version_id":"pkgv_1","offer_channel_id":"och_1"}""", "body/offer_channel_id")]
    [InlineData("""{PROD,"offer_channel_id":"och_1","tier":"pro"}""", "body/tier")]
    [InlineData("""{PROD,"customer":{"display_name":""}}""", "body/customer/display_name")]
    [InlineData("""{PROD,"pricing_request":{"currency":"gbp","unit_amount":100,"interval":"month"}}""", "body/pricing_request/currency")]
    [InlineData("""{PROD,"commercial_mode":"free"}""", "body/commercial_mode")]
    [InlineData("""{PROD,"expires_at":0}""", "body/expires_at")]
    [InlineData("""{PROD,"field_values":{"size":{"value":1}}}""", "body/field_values/size/locked")]
    [InlineData("""{PROD,"surprise":true}""", "body/surprise")]
    public async Task Invalid_offers_get_400_with_the_fields_path(string body, string path)
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        var product = (await api.CreateProduct()).GetProperty("id").GetString()!;

        var answer = await api.Post("offers", Expand(body).Replace("PROD", $"\"product_id\":\"{product}\"", StringComparison.Ordinal));

        Assert.Equal(400, answer.Status);
        Assert.Contains(path, answer.ErrorPaths);
        Assert.Equal(0, emulator.OfferCount());
    }

    [Fact]
    public async Task Every_problem_is_reported_at_once()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);

        var answer = await api.Post("products", """{"name":"x","package_id":"","extra":1}""");

        Assert.Equal(400, answer.Status);
        Assert.Equal(["body/extra", "body/name", "body/package_id", "body/package_version_pin"], answer.ErrorPaths.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("products", "{\"name\":")]
    [InlineData("offers", "not json")]
    [InlineData("offers", "[1,2]")]
    [InlineData("offers", "")]
    public async Task Malformed_bodies_get_400(string path, string body)
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);

        var answer = await api.Post(path, body);

        Assert.Equal(400, answer.Status);
        Assert.Equal(["body"], answer.ErrorPaths);
    }

    [Fact]
    public async Task Oversized_bodies_get_413()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);

        var answer = await api.Post("offers", "{\"notes\":\"" + new string('x', 1_100_000) + "\"}");

        Assert.Equal(413, answer.Status);
        Assert.False(answer.Json.GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task Valid_offers_with_every_field_are_accepted()
    {
        // The delivery pins are for trusted partners (see TrustedPartnerTests).
        await using var emulator = await AkuaEmulator.StartAsync(new AkuaEmulatorOptions { TrustedPartner = true });
        using var api = new Api(emulator);
        var product = (await api.CreateProduct()).GetProperty("id").GetString()!;
        var body = $$$"""
            {"product_id":"{{{product}}}","package_version_id":"{{{await api.VersionId()}}}","target_workspace_id":"ws_t","region_id":"reg_1","cluster_id":"cl_1",
             "allowed_emails":["a@example.com","b.c+d@sub.example.org"],"field_values":{"n":{"value":{"deep":[1]},"locked":false}},
             "customer":{"display_name":"Ana","external_id":"crm-1"},"internal_note":"{{{new string('i', 500)}}}","commercial_mode":"paid",
             "pricing_request":{"currency":"eur","unit_amount":100000000,"interval":"year"},"notes":"n","expires_at":4102444800,
             "max_uses":10000,"order_ttl_minutes":1440,"tier":"{{{new string('t', 32)}}}"}
            """;

        var answer = await api.Post("offers", body);

        Assert.Equal(201, answer.Status);
        var offer = (await api.Get("offers/" + answer.Str("id"))).Json;
        Assert.Equal(await api.VersionId(), offer.GetProperty("package_version_id").GetString());
        Assert.Equal(10000, offer.GetProperty("max_uses").GetInt32());
        Assert.Equal(1, offer.GetProperty("field_values").GetProperty("n").GetProperty("value").GetProperty("deep")[0].GetInt32());
        Assert.Equal("crm-1", offer.GetProperty("customer").GetProperty("external_id").GetString());
        Assert.Equal("paid", offer.GetProperty("commercial_mode").GetString());
    }

    private static string Expand(string body) => body
        .Replace("PIN", Pin, StringComparison.Ordinal)
        .Replace("NAME65", new string('n', 65), StringComparison.Ordinal)
        .Replace("PKG55", new string('p', 55), StringComparison.Ordinal)
        .Replace("DESC501", new string('d', 501), StringComparison.Ordinal)
        .Replace("TIER33", new string('t', 33), StringComparison.Ordinal)
        .Replace("EMAILS51", "[" + string.Join(',', Enumerable.Range(0, 51).Select(i => $"\"u{i}@example.com\"")) + "]", StringComparison.Ordinal);
}
