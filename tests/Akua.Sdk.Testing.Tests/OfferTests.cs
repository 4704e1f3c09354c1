namespace Akua.Sdk.Testing.Tests;

public sealed class OfferTests
{
    [Fact]
    public async Task An_offer_on_a_product_takes_the_products_package_and_version()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        var product = await api.CreateProduct();
        var productId = product.GetProperty("id").GetString()!;

        var created = await api.Post("offers", $$"""{"product_id":"{{productId}}","allowed_emails":["ana@example.com"],"internal_note":"VIP","notes":"Welcome","tier":"pro"}""");

        Assert.Equal(201, created.Status);
        var id = created.Str("id");
        Assert.Matches("^offer_[a-z0-9]+$", id);
        Assert.InRange(id.Length, 7, 56);
        Assert.Matches("^[0-9A-Za-z]{8}$", created.Str("short_hash"));
        var offer = (await api.Get("offers/" + id)).Json;
        Assert.Equal(productId, offer.GetProperty("product_id").GetString());
        Assert.Equal(product.GetProperty("package").GetProperty("id").GetString(), offer.GetProperty("package_id").GetString());
        Assert.Equal(product.GetProperty("package").GetProperty("default_version_id").GetString(), offer.GetProperty("package_version_id").GetString());
        Assert.Equal("active", offer.GetProperty("status").GetString());
        Assert.Equal(1, offer.GetProperty("max_uses").GetInt32());
        Assert.Equal(0, offer.GetProperty("used_count").GetInt32());
        Assert.Equal(120, offer.GetProperty("order_ttl_minutes").GetInt32());
        Assert.Equal("ana@example.com", offer.GetProperty("allowed_emails")[0].GetString());
        Assert.Equal("VIP", offer.GetProperty("internal_note").GetString());
        Assert.Equal("ws_emulator", offer.GetProperty("workspace_id").GetString());
        Assert.Equal("PostgreSQL Managed", offer.GetProperty("product_name").GetString());
        Assert.Equal(created.Str("short_hash"), offer.GetProperty("short_hash").GetString());
        Assert.True(offer.GetProperty("created_at").GetInt64() > 1_700_000_000);
        Assert.Equal(1, emulator.OfferCount());
    }

    [Fact]
    public async Task An_offer_can_name_a_package_version_alone()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);

        var versionId = await api.VersionId();
        var created = await api.Post("offers", $$"""{"package_version_id":"{{versionId}}","max_uses":null}""");

        Assert.Equal(201, created.Status);
        var offer = (await api.Get("offers/" + created.Str("id"))).Json;
        Assert.Equal(versionId, offer.GetProperty("package_version_id").GetString());
        Assert.Equal(api.PackageId, offer.GetProperty("package_id").GetString());
        Assert.False(offer.TryGetProperty("product_id", out _));
        Assert.False(offer.TryGetProperty("max_uses", out _));
    }

    [Fact]
    public async Task An_offer_on_an_unknown_product_is_unprocessable()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);

        var answer = await api.Post("offers", """{"product_id":"prod_doesnotexist"}""");

        Assert.Equal(422, answer.Status);
        Assert.Equal(["body/product_id"], answer.ErrorPaths);
        Assert.Equal(0, emulator.OfferCount());
    }

    [Fact]
    public async Task Unknown_ids_get_404_even_with_an_encoded_slash()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        var product = await api.CreateProduct();

        foreach (var answer in new[]
        {
            await api.Get("products/prod_missing"),
            await api.Get("offers/offer_missing"),
            await api.Get("offers/a%2Fb"),
            await api.Get("products/a%2Fb"),
            await api.Post("offers/a%2Fb:archive", null, ("if-match", "1")),
            await api.Patch("products/prod_missing", "{}", ("if-match", "1")),
            await api.Post("offers/offer_missing:unarchive", null, ("if-match", "1")),
            await api.Post("products/prod_missing:archive", null, ("if-match", "1")),
        })
        {
            Assert.Equal(404, answer.Status);
            Assert.False(answer.Json.GetProperty("success").GetBoolean());
        }

        // An encoded slash stays inside the one id: a missing resource (7003), not a missing route (7000).
        var slashed = await api.Get("offers/a%2Fb");
        Assert.Equal(7003, slashed.Json.GetProperty("errors")[0].GetProperty("code").GetInt32());
        Assert.Contains("'a/b'", slashed.Json.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(7000, (await api.Get("offers/a/b")).Json.GetProperty("errors")[0].GetProperty("code").GetInt32());

        // The id is percent-decoded before the lookup.
        var id = product.GetProperty("id").GetString()!;
        Assert.Equal(200, (await api.Get("products/" + Uri.EscapeDataString(id).Replace("_", "%5F", StringComparison.Ordinal))).Status);
    }

    [Fact]
    public async Task Archive_and_unarchive_follow_etags_and_archiving_twice_changes_nothing()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        var product = (await api.CreateProduct()).GetProperty("id").GetString()!;
        var offer = await api.CreateOffer(product);
        var id = offer.GetProperty("id").GetString()!;

        // offers.archive documents 422 and no 400.
        var missing = await api.Post($"offers/{id}:archive", null);
        Assert.Equal(422, missing.Status);
        Assert.Equal(["header/if-match"], missing.ErrorPaths);

        var archived = await api.Post($"offers/{id}:archive", null, ("if-match", offer.GetProperty("etag").GetString()!));
        Assert.Equal(200, archived.Status);
        Assert.Equal("archived", archived.Str("status"));
        Assert.NotEqual(offer.GetProperty("etag").GetString(), archived.Str("etag"));

        var again = await api.Post($"offers/{id}:archive", null, ("if-match", archived.Str("etag")));
        Assert.Equal(archived.Text, again.Text);

        var stale = await api.Post($"offers/{id}:unarchive", null, ("if-match", offer.GetProperty("etag").GetString()!));
        Assert.Equal(409, stale.Status);
        Assert.Equal(archived.Str("etag"), stale.Json.GetProperty("errors")[0].GetProperty("metadata").GetProperty("current_etag").GetString());

        var unarchived = await api.Post($"offers/{id}:unarchive", null, ("if-match", archived.Str("etag")));
        Assert.Equal("active", unarchived.Str("status"));
        Assert.False(unarchived.Json.TryGetProperty("archived_at", out _));

        var withBody = await api.Post($"offers/{id}:archive", """{"reason":"no"}""", ("if-match", unarchived.Str("etag")));
        Assert.Equal(422, withBody.Status);
        Assert.Equal(["body/reason"], withBody.ErrorPaths);
    }

    [Fact]
    public async Task Status_turns_expired_when_the_clock_passes_expires_at()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var emulator = await AkuaEmulator.StartAsync(new AkuaEmulatorOptions { TimeProvider = clock });
        using var api = new Api(emulator);
        var product = (await api.CreateProduct()).GetProperty("id").GetString()!;
        var expiry = clock.GetUtcNow().AddHours(1).ToUnixTimeSeconds();
        var id = (await api.CreateOffer(product, $$""","expires_at":{{expiry}}""")).GetProperty("id").GetString()!;

        Assert.Equal("active", (await api.Get("offers/" + id)).Str("status"));
        clock.Advance(TimeSpan.FromHours(2));
        var offer = await api.Get("offers/" + id);

        Assert.Equal("expired", offer.Str("status"));
        Assert.Equal(expiry, offer.Json.GetProperty("expires_at").GetInt64());
        Assert.Throws<InvalidOperationException>(() => emulator.RedeemOffer(id));
    }

    [Fact]
    public async Task Status_turns_redeemed_when_used_count_reaches_max_uses()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        var product = (await api.CreateProduct()).GetProperty("id").GetString()!;
        var offer = await api.CreateOffer(product, ""","max_uses":2""");
        var id = offer.GetProperty("id").GetString()!;

        emulator.RedeemOffer(id);
        var once = (await api.Get("offers/" + id)).Json;
        Assert.Equal("active", once.GetProperty("status").GetString());
        Assert.Equal(1, once.GetProperty("used_count").GetInt32());
        Assert.NotEqual(offer.GetProperty("etag").GetString(), once.GetProperty("etag").GetString());

        emulator.RedeemOffer(id);
        var twice = (await api.Get("offers/" + id)).Json;
        Assert.Equal("redeemed", twice.GetProperty("status").GetString());
        Assert.Equal(2, twice.GetProperty("used_count").GetInt32());
        Assert.Throws<InvalidOperationException>(() => emulator.RedeemOffer(id));
        Assert.Throws<KeyNotFoundException>(() => emulator.RedeemOffer("offer_missing"));
    }

    [Fact]
    public async Task Unlimited_offers_never_turn_redeemed()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        var product = (await api.CreateProduct()).GetProperty("id").GetString()!;
        var id = (await api.CreateOffer(product, ""","max_uses":null""")).GetProperty("id").GetString()!;

        for (var i = 0; i < 3; i++)
        {
            emulator.RedeemOffer(id);
        }

        Assert.Equal("active", (await api.Get("offers/" + id)).Str("status"));
    }
}
