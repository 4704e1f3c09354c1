using Akua.Sdk.Contract;

namespace Akua.Sdk.Testing.Tests;

/// <summary>Where the emulator follows the published document rather than a looser reading of it.</summary>
public sealed class FidelityTests
{
    [Theory]
    [InlineData("target_workspace_id", "ws_target")]
    [InlineData("region_id", "reg_1")]
    [InlineData("cluster_id", "cl_1")]
    public async Task Delivery_pins_are_unprocessable_unless_the_caller_is_a_trusted_partner(string property, string value)
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        var product = (await api.CreateProduct()).GetProperty("id").GetString()!;

        var answer = await api.Post("offers", $$"""{"product_id":"{{product}}","{{property}}":"{{value}}"}""");

        Assert.Equal(422, answer.Status);
        Assert.Equal(["body/" + property], answer.ErrorPaths);
        Assert.Equal(1006, answer.Json.GetProperty("errors")[0].GetProperty("code").GetInt32());
        Assert.Equal(0, emulator.OfferCount());
    }

    [Fact]
    public async Task A_trusted_partner_may_send_the_delivery_pins()
    {
        await using var emulator = await AkuaEmulator.StartAsync(new AkuaEmulatorOptions { TrustedPartner = true });
        using var api = new Api(emulator);
        var product = (await api.CreateProduct()).GetProperty("id").GetString()!;

        var offer = await api.CreateOffer(product, ""","target_workspace_id":"ws_target","region_id":"reg_1","cluster_id":"cl_1" """);

        Assert.Equal("ws_target", offer.GetProperty("target_workspace_id").GetString());
        Assert.Equal("reg_1", offer.GetProperty("region_id").GetString());
        Assert.Equal("cl_1", offer.GetProperty("cluster_id").GetString());
    }

    [Fact]
    public async Task Schema_failures_answer_the_status_each_operation_documents()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        var product = await api.CreateProduct();
        var id = product.GetProperty("id").GetString()!;
        var etag = product.GetProperty("etag").GetString()!;

        // products.create and offers.create document 400 (and 422 for other failures).
        Assert.Equal(400, (await api.Post("products", """{"name":"x"}""")).Status);
        Assert.Equal(400, (await api.Post("offers", """{"notes":1}""")).Status);

        // products.update and archive document 422 and no 400: the same kind of failure is 422.
        var update = await api.Patch("products/" + id, """{"name":"x"}""", ("if-match", etag));
        Assert.Equal(422, update.Status);
        Assert.Equal(["body/name"], update.ErrorPaths);
        Assert.Equal(422, (await api.Patch("products/" + id, "{not json", ("if-match", etag))).Status);
        Assert.Equal(422, (await api.Post($"products/{id}:archive", """{"cascade_offers":"yes"}""", ("if-match", etag))).Status);
        Assert.Equal(422, (await api.Post($"products/{id}:unarchive", """{"x":1}""", ("if-match", etag))).Status);
        Assert.Equal(etag, (await api.Get("products/" + id)).Str("etag"));

        // The rule, from the operation table.
        Assert.Equal(400, Replies.InvalidStatus(AkuaOperations.OffersCreate.Info));
        Assert.Equal(422, Replies.InvalidStatus(AkuaOperations.OffersArchive.Info));
    }

    [Fact]
    public async Task Integers_may_be_written_with_a_zero_fraction()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        var product = (await api.CreateProduct()).GetProperty("id").GetString()!;

        var offer = await api.CreateOffer(product, ""","max_uses":3.0,"order_ttl_minutes":6e1,"expires_at":4102444800.000""");
        var fraction = await api.Post("offers", $$"""{"product_id":"{{product}}","max_uses":2.5}""");

        Assert.Equal(3, offer.GetProperty("max_uses").GetInt32());
        Assert.Equal(60, offer.GetProperty("order_ttl_minutes").GetInt32());
        Assert.Equal(4102444800, offer.GetProperty("expires_at").GetInt64());
        Assert.Equal(400, fraction.Status);
        Assert.Equal(["body/max_uses"], fraction.ErrorPaths);
        Assert.Equal(200, (await api.Get("offers?limit=2.0")).Status);
        Assert.Equal(400, (await api.Get("offers?limit=2.5")).Status);
    }

    [Fact]
    public async Task Idempotent_replay_compares_what_the_body_means_not_its_bytes()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        var product = (await api.CreateProduct()).GetProperty("id").GetString()!;

        var first = await api.Post("offers", $$$"""{"product_id":"{{{product}}}","max_uses":3,"notes":"Hi","field_values":{"a":{"value":1,"locked":true} } }""", ("idempotency-key", "k"));
        var reordered = await api.Post("offers", $$$"""
            { "notes" : "H\u0069",
              "field_values": {"a": {"locked": true, "value": 1.0}},
              "max_uses": 3e0, "product_id": "{{{product}}}" }
            """, ("idempotency-key", "k"));
        var different = await api.Post("offers", $$$"""{"product_id":"{{{product}}}","max_uses":3,"notes":"Hello","field_values":{"a":{"value":1,"locked":true} } }""", ("idempotency-key", "k"));

        Assert.Equal(201, first.Status);
        Assert.Equal(201, reordered.Status);
        Assert.Equal(first.Text, reordered.Text);
        Assert.Equal(409, different.Status);
        Assert.Equal(1010, different.Json.GetProperty("errors")[0].GetProperty("code").GetInt32());
        Assert.Equal(1, emulator.OfferCount());
    }

    [Theory]
    [InlineData("https://example.com/logo.png", 201)]
    [InlineData("ftp://files.example.com/logo.png", 201)]
    [InlineData("urn:isbn:0451450523", 201)]
    [InlineData("data:image/png;base64,iVBORw0KGgo=", 201)]
    [InlineData("/logo.png", 400)]
    [InlineData("logo.png", 400)]
    [InlineData("not a url", 400)]
    public async Task Uris_are_any_absolute_uri_with_a_scheme(string uri, int status)
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);

        var answer = await api.Post("products", $$"""{"name":"Good","package_id":"{{api.PackageId}}","package_version_pin":{"kind":"latest"},"custom_image":"{{uri}}"}""");

        Assert.Equal(status, answer.Status);
    }

    [Fact]
    public async Task A_product_created_without_a_marketplace_reads_back_marketplace_null()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);

        var product = await api.CreateProduct();
        var read = (await api.Get("products/" + product.GetProperty("id").GetString())).Json;
        var listed = (await api.Get("products")).Json.GetProperty("data")[0];

        foreach (var answer in new[] { product, read, listed })
        {
            Assert.True(answer.TryGetProperty("marketplace", out var marketplace));
            Assert.Equal(System.Text.Json.JsonValueKind.Null, marketplace.ValueKind);
        }

        // Optional fields that are not set stay out.
        Assert.False(read.TryGetProperty("custom_image", out _));
        Assert.False(read.TryGetProperty("archived_at", out _));
    }

    [Fact]
    public async Task An_empty_patch_leaves_the_etag_and_updated_at_alone()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero));
        await using var emulator = await AkuaEmulator.StartAsync(new AkuaEmulatorOptions { TimeProvider = clock });
        using var api = new Api(emulator);
        var product = await api.CreateProduct();
        var id = product.GetProperty("id").GetString()!;
        var etag = product.GetProperty("etag").GetString()!;
        clock.Advance(TimeSpan.FromMinutes(10));

        var empty = await api.Patch("products/" + id, "{}", ("if-match", etag));
        var noBody = await api.Patch("products/" + id, null, ("if-match", etag));

        foreach (var answer in new[] { empty, noBody })
        {
            Assert.Equal(200, answer.Status);
            Assert.Equal(etag, answer.Str("etag"));
            Assert.Equal(product.GetProperty("updated_at").GetInt64(), answer.Json.GetProperty("updated_at").GetInt64());
        }

        // It is still a guarded write.
        Assert.Equal(409, (await api.Patch("products/" + id, "{}", ("if-match", "stale"))).Status);
        var renamed = await api.Patch("products/" + id, """{"name":"Renamed"}""", ("if-match", etag));
        Assert.NotEqual(etag, renamed.Str("etag"));
    }

    [Fact]
    public async Task Lengths_count_code_points_up_to_the_generated_limits()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        var product = (await api.CreateProduct()).GetProperty("id").GetString()!;
        const string Emoji = "\U0001F680";
        var limit = CreateOfferRequestRules.NotesMaxLength;

        var three = await api.Post("offers", $$"""{"product_id":"{{product}}","notes":"{{string.Concat(Enumerable.Repeat(Emoji, 300))}}"}""");
        var atLimit = await api.Post("offers", $$"""{"product_id":"{{product}}","notes":"{{string.Concat(Enumerable.Repeat(Emoji, limit))}}"}""");
        var over = await api.Post("offers", $$"""{"product_id":"{{product}}","notes":"{{string.Concat(Enumerable.Repeat(Emoji, limit + 1))}}"}""");
        var name = await api.Post("products", $$$"""{"name":"{{{string.Concat(Enumerable.Repeat(Emoji, CreateProductRequestRules.NameMaxLength))}}}","package_id":"{{{api.PackageId}}}","package_version_pin":{"kind":"latest"}}""");

        Assert.Equal(500, limit);
        Assert.Equal(201, three.Status);
        Assert.Equal(201, atLimit.Status);
        Assert.Equal(400, over.Status);
        Assert.Equal(["body/notes"], over.ErrorPaths);
        Assert.Equal(201, name.Status);
    }
}
