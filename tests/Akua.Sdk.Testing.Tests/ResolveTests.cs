namespace Akua.Sdk.Testing.Tests;

public sealed class ResolveTests
{
    private const string Extra = ""","allowed_emails":["ana@example.com"],"internal_note":"secret","customer":{"display_name":"Ana"},"field_values":{"size":{"value":"large","locked":true}},"notes":"Hi","tier":"pro" """;

    // Never on offers:resolve, whoever asks: the allowlist, the seller's own fields and bookkeeping.
    private static readonly string[] SellerOnly =
        ["allowed_emails", "internal_note", "customer", "created_by", "workspace_id", "target_workspace_id", "etag", "used_count", "max_uses", "updated_at", "archived_at", "approval_state"];

    // What only a signed-in customer the allowlist admits gets besides.
    private static readonly string[] AdmittedOnly = ["notes", "field_values"];

    [Fact]
    public async Task Anonymous_callers_get_the_public_subset_without_notes_or_prefilled_values()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        using var anonymous = new Api(emulator, token: null);
        var offer = await api.CreateOffer((await api.CreateProduct()).GetProperty("id").GetString()!, Extra);

        var resolved = await anonymous.Get("offers:resolve?short_hash=" + offer.GetProperty("short_hash").GetString());

        Assert.Equal(200, resolved.Status);
        Assert.Equal(offer.GetProperty("id").GetString(), resolved.Str("id"));
        Assert.Equal("active", resolved.Str("status"));
        Assert.Equal("pro", resolved.Str("tier"));
        Assert.Equal("PostgreSQL Managed", resolved.Str("product_name"));
        Assert.True(resolved.Json.TryGetProperty("seller_name", out _));
        Assert.True(resolved.Json.TryGetProperty("input_schema", out _));
        Lacks(resolved, SellerOnly.Concat(AdmittedOnly));
    }

    [Fact]
    public async Task An_admitted_customer_also_gets_the_note_and_prefilled_values_but_never_seller_fields()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var seller = new Api(emulator);
        using var ana = new Api(emulator, emulator.AddCustomer("ana@example.com"));
        using var anaShouting = new Api(emulator, emulator.AddCustomer("ANA@example.com"));
        var offer = await seller.CreateOffer((await seller.CreateProduct()).GetProperty("id").GetString()!, Extra);
        var path = "offers:resolve?short_hash=" + offer.GetProperty("short_hash").GetString();

        var asAna = await ana.Get(path);

        Assert.Equal(200, asAna.Status);
        Assert.Equal("large", asAna.Json.GetProperty("field_values").GetProperty("size").GetProperty("value").GetString());
        Assert.Equal("Hi", asAna.Str("notes"));
        Lacks(asAna, SellerOnly);

        // Emails match whatever their case.
        Assert.Equal(200, (await anaShouting.Get(path)).Status);
    }

    [Fact]
    public async Task The_sellers_token_gets_the_public_view_too()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var seller = new Api(emulator);
        var offer = await seller.CreateOffer((await seller.CreateProduct()).GetProperty("id").GetString()!, Extra + ""","max_uses":3""");

        var asSeller = await seller.Get("offers:resolve?short_hash=" + offer.GetProperty("short_hash").GetString());

        Assert.Equal(200, asSeller.Status);
        Assert.Equal("pro", asSeller.Str("tier"));
        Lacks(asSeller, SellerOnly.Concat(AdmittedOnly));
    }

    [Fact]
    public async Task A_customer_the_allowlist_leaves_out_gets_403_and_an_open_offer_admits_everyone()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var seller = new Api(emulator);
        using var bob = new Api(emulator, emulator.AddCustomer("bob@example.com"));
        var product = (await seller.CreateProduct()).GetProperty("id").GetString()!;
        var closed = await seller.CreateOffer(product, Extra);
        var open = await seller.CreateOffer(product, ""","notes":"For all" """);

        var refused = await bob.Get("offers:resolve?short_hash=" + closed.GetProperty("short_hash").GetString());
        var admitted = await bob.Get("offers:resolve?short_hash=" + open.GetProperty("short_hash").GetString());

        Assert.Equal(403, refused.Status);
        Assert.Equal(10001, refused.Json.GetProperty("errors")[0].GetProperty("code").GetInt32());
        Assert.Equal(200, admitted.Status);
        Assert.Equal("For all", admitted.Str("notes"));
    }

    [Fact]
    public async Task Customer_tokens_cannot_call_seller_operations()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var customer = new Api(emulator, emulator.AddCustomer("ana@example.com"));

        foreach (var answer in new[] { await customer.Get("products"), await customer.Get("offers/offer_x"), await customer.Post("offers", """{"package_version_id":"pkgv_1"}""") })
        {
            Assert.Equal(403, answer.Status);
        }

        Assert.Equal(0, emulator.OfferCount());
        Assert.Throws<ArgumentException>(() => emulator.AddCustomer("not an email"));
        Assert.NotEqual(emulator.AddCustomer("ana@example.com"), emulator.AddCustomer("ana@example.com"));
    }

    private static void Lacks(Answer answer, IEnumerable<string> fields)
    {
        Assert.Equal(200, answer.Status);
        foreach (var field in fields)
        {
            Assert.False(answer.Json.TryGetProperty(field, out _), field);
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
