namespace Akua.Sdk.Testing.Tests;

public sealed class ResolveTests
{
    private const string Extra = ""","allowed_emails":["ana@example.com"],"internal_note":"secret","customer":{"display_name":"Ana"},"field_values":{"size":{"value":"large","locked":true}},"notes":"Hi","tier":"pro" """;

    private static readonly string[] SellerOnly = ["allowed_emails", "internal_note", "customer", "field_values", "created_by", "workspace_id", "etag", "used_count"];

    [Fact]
    public async Task Anonymous_callers_get_the_customer_safe_subset()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        using var anonymous = new Api(emulator, token: null);
        var offer = await api.CreateOffer((await api.CreateProduct()).GetProperty("id").GetString()!, Extra);

        var resolved = await anonymous.Get("offers:resolve?short_hash=" + offer.GetProperty("short_hash").GetString());

        Assert.Equal(200, resolved.Status);
        Assert.Equal(offer.GetProperty("id").GetString(), resolved.Str("id"));
        Assert.Equal("active", resolved.Str("status"));
        Assert.Equal("Hi", resolved.Str("notes"));
        Assert.Equal("pro", resolved.Str("tier"));
        Assert.Equal("PostgreSQL Managed", resolved.Str("product_name"));
        Assert.True(resolved.Json.TryGetProperty("seller_name", out _));
        foreach (var field in SellerOnly)
        {
            Assert.False(resolved.Json.TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public async Task Signed_in_callers_also_get_the_prefilled_values_but_never_the_allowlist()
    {
        var options = new AkuaEmulatorOptions();
        options.AdditionalTokens["sk_akua_test_customer"] = "ws_customer";
        await using var emulator = await AkuaEmulator.StartAsync(options);
        using var seller = new Api(emulator);
        using var customer = new Api(emulator, "sk_akua_test_customer");
        var offer = await seller.CreateOffer((await seller.CreateProduct()).GetProperty("id").GetString()!, Extra);
        var path = "offers:resolve?short_hash=" + offer.GetProperty("short_hash").GetString();

        var asCustomer = await customer.Get(path);
        var asSeller = await seller.Get(path);

        Assert.Equal("large", asCustomer.Json.GetProperty("field_values").GetProperty("size").GetProperty("value").GetString());
        Assert.False(asCustomer.Json.TryGetProperty("workspace_id", out _));
        Assert.Equal("ws_emulator", asSeller.Str("workspace_id"));
        foreach (var answer in new[] { asCustomer, asSeller })
        {
            Assert.False(answer.Json.TryGetProperty("allowed_emails", out _));
            Assert.False(answer.Json.TryGetProperty("internal_note", out _));
            Assert.False(answer.Json.TryGetProperty("customer", out _));
        }
    }

    [Fact]
    public async Task Unknown_or_missing_short_hashes_are_refused()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var anonymous = new Api(emulator, token: null);

        Assert.Equal(404, (await anonymous.Get("offers:resolve?short_hash=zzzzzzzz")).Status);
        var missing = await anonymous.Get("offers:resolve");
        Assert.Equal(400, missing.Status);
        Assert.Equal(["query/short_hash"], missing.ErrorPaths);
    }
}
