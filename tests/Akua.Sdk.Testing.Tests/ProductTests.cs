namespace Akua.Sdk.Testing.Tests;

public sealed class ProductTests
{
    [Fact]
    public async Task A_new_product_has_akua_style_ids_timestamps_and_an_html_url()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var emulator = await AkuaEmulator.StartAsync(new AkuaEmulatorOptions { TimeProvider = clock });
        using var api = new Api(emulator);

        var product = await api.CreateProduct(extra: ""","custom_description":"Managed Postgres","marketplace":{"published":true}""");

        var id = product.GetProperty("id").GetString()!;
        Assert.Matches("^prod_[a-z0-9]+$", id);
        Assert.InRange(id.Length, 6, 55);
        Assert.Equal("PostgreSQL Managed", product.GetProperty("name").GetString());
        Assert.Equal(api.PackageId, product.GetProperty("package").GetProperty("id").GetString());
        Assert.Equal("latest", product.GetProperty("package").GetProperty("version_pin").GetProperty("kind").GetString());
        Assert.Equal(await api.VersionId(), product.GetProperty("package").GetProperty("default_version_id").GetString());
        Assert.True(product.GetProperty("marketplace").GetProperty("published").GetBoolean());
        Assert.Equal("active", product.GetProperty("state").GetString());
        Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds(), product.GetProperty("created_at").GetInt64());
        Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds(), product.GetProperty("updated_at").GetInt64());
        Assert.True(Uri.IsWellFormedUriString(product.GetProperty("html_url").GetString(), UriKind.Absolute));
        Assert.EndsWith("/products/" + id, product.GetProperty("html_url").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(product.GetProperty("etag").GetString()));

        var read = await api.Get("products/" + id);
        Assert.Equal(200, read.Status);
        Assert.Equal(product.GetRawText(), read.Json.GetRawText());
    }

    [Fact]
    public async Task Update_changes_only_the_fields_sent_and_the_etag()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20000));
        await using var emulator = await AkuaEmulator.StartAsync(new AkuaEmulatorOptions { TimeProvider = clock });
        using var api = new Api(emulator);
        var product = await api.CreateProduct(extra: ""","custom_image":"https://example.com/logo.png","custom_description":"Old" """);
        var id = product.GetProperty("id").GetString()!;
        var etag = product.GetProperty("etag").GetString()!;
        clock.Advance(TimeSpan.FromMinutes(5));
        var older = emulator.AddPackageVersion(api.PackageId, "0.9.0");

        var updated = await api.Patch("products/" + id, """{"name":"Renamed","custom_image":null,"package_version_pin":{"kind":"pinned","version":"0.9.0"}}""", ("if-match", etag));

        Assert.Equal(200, updated.Status);
        Assert.Equal("Renamed", updated.Str("name"));
        Assert.False(updated.Json.TryGetProperty("custom_image", out _));
        Assert.Equal("Old", updated.Str("custom_description"));
        Assert.Equal("0.9.0", updated.Json.GetProperty("package").GetProperty("version_pin").GetProperty("version").GetString());
        Assert.Equal(older, updated.Json.GetProperty("package").GetProperty("default_version_id").GetString());
        Assert.NotEqual(etag, updated.Str("etag"));
        Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds(), updated.Json.GetProperty("updated_at").GetInt64());
        Assert.Equal(product.GetProperty("created_at").GetInt64(), updated.Json.GetProperty("created_at").GetInt64());
    }

    [Fact]
    public async Task A_stale_etag_gets_409_with_the_current_etag()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        var product = await api.CreateProduct();
        var id = product.GetProperty("id").GetString()!;
        var first = product.GetProperty("etag").GetString()!;
        var second = (await api.Patch("products/" + id, """{"name":"Second"}""", ("if-match", first))).Str("etag");

        var stale = await api.Patch("products/" + id, """{"name":"Third"}""", ("if-match", first));

        Assert.Equal(409, stale.Status);
        var error = stale.Json.GetProperty("errors")[0];
        Assert.Equal(second, error.GetProperty("metadata").GetProperty("current_etag").GetString());
        Assert.False(stale.Json.GetProperty("success").GetBoolean());
        Assert.Equal("Second", (await api.Get("products/" + id)).Str("name"));

        // Archive is guarded the same way.
        var archive = await api.Post($"products/{id}:archive", null, ("if-match", first));
        Assert.Equal(409, archive.Status);
        Assert.Equal(second, archive.Json.GetProperty("errors")[0].GetProperty("metadata").GetProperty("current_etag").GetString());
    }

    // These operations document 422 and no 400 for a request that breaks the document.
    [Theory]
    [InlineData("PATCH", "", """{"name":"New name"}""")]
    [InlineData("POST", ":archive", null)]
    [InlineData("POST", ":unarchive", null)]
    public async Task Writes_without_if_match_are_rejected_with_422(string method, string suffix, string? body)
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        var id = (await api.CreateProduct()).GetProperty("id").GetString()!;

        var answer = await api.Send(new HttpMethod(method), "products/" + id + suffix, body);

        Assert.Equal(422, answer.Status);
        Assert.Equal(["header/if-match"], answer.ErrorPaths);
    }

    [Fact]
    public async Task Archive_with_cascade_archives_the_products_offers_and_unarchive_leaves_them_archived()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        var product = await api.CreateProduct();
        var id = product.GetProperty("id").GetString()!;
        var other = (await api.CreateProduct("Other product")).GetProperty("id").GetString()!;
        var offer1 = (await api.CreateOffer(id)).GetProperty("id").GetString()!;
        var offer2 = (await api.CreateOffer(id)).GetProperty("id").GetString()!;
        var untouched = (await api.CreateOffer(other)).GetProperty("id").GetString()!;

        var archived = await api.Post($"products/{id}:archive", """{"cascade_offers":true,"archive_reason":"Discontinued"}""", ("if-match", product.GetProperty("etag").GetString()!));

        Assert.Equal(200, archived.Status);
        Assert.Equal("archived", archived.Str("state"));
        Assert.Equal("Discontinued", archived.Str("archive_reason"));
        Assert.True(archived.Json.GetProperty("archived_at").GetInt64() > 0);
        Assert.Equal("archived", (await api.Get("offers/" + offer1)).Str("status"));
        Assert.Equal("archived", (await api.Get("offers/" + offer2)).Str("status"));
        Assert.Equal("active", (await api.Get("offers/" + untouched)).Str("status"));
        Assert.Equal(422, (await api.Post("offers", $$"""{"product_id":"{{id}}"}""")).Status);

        var unarchived = await api.Post($"products/{id}:unarchive", null, ("if-match", archived.Str("etag")));

        Assert.Equal(200, unarchived.Status);
        Assert.Equal("active", unarchived.Str("state"));
        Assert.False(unarchived.Json.TryGetProperty("archived_at", out _));
        Assert.Equal("archived", (await api.Get("offers/" + offer1)).Str("status"));
    }

    [Fact]
    public async Task Archive_without_cascade_leaves_offers_alone()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        var product = await api.CreateProduct();
        var id = product.GetProperty("id").GetString()!;
        var offer = (await api.CreateOffer(id)).GetProperty("id").GetString()!;

        var archived = await api.Post($"products/{id}:archive", null, ("if-match", product.GetProperty("etag").GetString()!));

        Assert.Equal("archived", archived.Str("state"));
        Assert.Equal("active", (await api.Get("offers/" + offer)).Str("status"));
    }
}
