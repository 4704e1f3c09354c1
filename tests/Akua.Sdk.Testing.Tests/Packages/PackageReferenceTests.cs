namespace Akua.Sdk.Testing.Tests.Packages;

/// <summary>Products and offers name real packages and versions, and offers' field values meet the version's input schema.</summary>
public sealed class PackageReferenceTests
{
    private const string Schema = """
        {"type":"object","required":["size"],
         "properties":{"replicas":{"type":"integer","minimum":1,"maximum":5},"size":{"$ref":"#/$defs/size"},"tls":{"type":"object","properties":{"enabled":{"type":"boolean"}}}},
         "$defs":{"size":{"type":"string","enum":["s","m","l"]}}}
        """;

    [Fact]
    public async Task Products_reject_a_package_the_workspace_does_not_have_and_a_pinned_version_it_lacks()
    {
        var options = new AkuaEmulatorOptions();
        options.AdditionalWorkspaceIds.Add("ws_second");
        await using var emulator = await AkuaEmulator.StartAsync(options);
        using var api = new Api(emulator);
        var elsewhere = emulator.AddPackage("Elsewhere", workspaceId: "ws_second");

        var unknown = await api.Post("products", """{"name":"Pg","package_id":"pkg_1","package_version_pin":{"kind":"latest"}}""");
        var otherWorkspace = await api.Post("products", $$$"""{"name":"Pg","package_id":"{{{elsewhere}}}","package_version_pin":{"kind":"latest"}}""");
        var noSuchVersion = await api.Post("products", $$$"""{"name":"Pg","package_id":"{{{api.PackageId}}}","package_version_pin":{"kind":"pinned","version":"9.9.9"}}""");
        var pinned = await api.Post("products", $$$"""{"name":"Pg","package_id":"{{{api.PackageId}}}","package_version_pin":{"kind":"pinned","version":"1.0.0"}}""");

        Assert.Equal((422, "body/package_id"), (unknown.Status, unknown.ErrorPaths.Single()));
        Assert.Equal((422, "body/package_id"), (otherWorkspace.Status, otherWorkspace.ErrorPaths.Single()));
        Assert.Equal((422, "body/package_version_pin/version"), (noSuchVersion.Status, noSuchVersion.ErrorPaths.Single()));
        Assert.Equal(201, pinned.Status);
        Assert.Equal(await api.VersionId(), pinned.Json.GetProperty("package").GetProperty("default_version_id").GetString());
        Assert.Equal(1, emulator.ProductCount());
    }

    [Fact]
    public async Task A_product_update_to_a_missing_version_changes_nothing()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        var product = await api.CreateProduct();

        var answer = await api.Patch("products/" + product.GetProperty("id").GetString(), """{"name":"Renamed","package_version_pin":{"kind":"pinned","version":"3.0.0"}}""", ("if-match", product.GetProperty("etag").GetString()!));
        var read = await api.Get("products/" + product.GetProperty("id").GetString());

        Assert.Equal(422, answer.Status);
        Assert.Equal("PostgreSQL Managed", read.Str("name"));
        Assert.Equal(product.GetProperty("etag").GetString(), read.Str("etag"));
    }

    [Fact]
    public async Task Latest_products_follow_a_newer_version()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        var product = await api.CreateProduct();

        var newer = emulator.AddPackageVersion(api.PackageId, "2.0.0");
        emulator.AddPackageVersion(api.PackageId, "1.5.0");

        var read = await api.Get("products/" + product.GetProperty("id").GetString());
        Assert.Equal(newer, read.Json.GetProperty("package").GetProperty("default_version_id").GetString());
    }

    [Fact]
    public async Task Offers_reject_a_version_the_workspace_does_not_have_or_of_another_package()
    {
        await using var journey = await Journey.StartAsync(o => o.AdditionalWorkspaceIds.Add("ws_second"));
        var api = journey.Api;
        var product = (await api.CreateProduct()).GetProperty("id").GetString()!;
        var otherPackage = journey.Emulator.AddPackage("Other");
        var otherVersion = (await journey.Akua.Packages.GetAsync(otherPackage)).LatestVersionId;
        var foreign = journey.Emulator.AddPackage("Foreign", workspaceId: "ws_second");
        var foreignVersion = (await api.Get("packages/" + foreign, ("akua-context", "ws_second"))).Str("latest_version_id");

        var unknown = await api.Post("offers", """{"package_version_id":"pkgv_1"}""");
        var fromElsewhere = await api.Post("offers", $$"""{"package_version_id":"{{foreignVersion}}"}""");
        var mismatch = await api.Post("offers", $$"""{"product_id":"{{product}}","package_version_id":"{{otherVersion}}"}""");
        var sdk = await Assert.ThrowsAsync<AkuaValidationException>(() => journey.Akua.Offers.CreateAsync(new CreateOfferRequest { PackageVersionId = "pkgv_1" }));

        Assert.All([unknown, fromElsewhere, mismatch], a => Assert.Equal((422, "body/package_version_id"), (a.Status, a.ErrorPaths.Single())));
        Assert.Equal(422, sdk.StatusCode);
        Assert.Equal(0, journey.Emulator.OfferCount());
    }

    [Fact]
    public async Task Offers_show_the_input_schema_of_their_version()
    {
        await using var journey = await Journey.StartAsync();

        var offer = await journey.NewOffer(Schema);

        Assert.Equal(["replicas", "size", "tls"], offer.InputSchema!["properties"].EnumerateObject().Select(p => p.Name));
    }

    public static TheoryData<string, string> BadFieldValues() => new()
    {
        { """{"colour":{"value":"red","locked":false}}""", "body/field_values/colour/value" },
        { """{"replicas":{"value":"three","locked":false}}""", "body/field_values/replicas/value" },
        { """{"replicas":{"value":9,"locked":true}}""", "body/field_values/replicas/value" },
        { """{"size":{"value":"xl","locked":true}}""", "body/field_values/size/value" },
        { """{"tls":{"value":{"enabled":"yes"},"locked":false}}""", "body/field_values/tls/value" },
    };

    [Theory]
    [MemberData(nameof(BadFieldValues))]
    public async Task Field_values_are_judged_by_the_versions_input_schema(string fieldValues, string path)
    {
        await using var journey = await Journey.StartAsync();
        var offer = await journey.NewOffer(Schema);

        var answer = await journey.Api.Post("offers", $$"""{"product_id":"{{offer.ProductId}}","field_values":{{fieldValues}}}""");

        Assert.Equal(422, answer.Status);
        Assert.Equal([path], answer.ErrorPaths);
        Assert.Contains(path.Split('/')[2], answer.Json.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Valid_field_values_may_leave_required_inputs_to_the_customer()
    {
        await using var journey = await Journey.StartAsync();
        var offer = await journey.NewOffer(Schema);

        var answer = await journey.Api.Post("offers", $$$$"""{"product_id":"{{{{offer.ProductId}}}}","field_values":{"replicas":{"value":3,"locked":true},"tls":{"value":{"enabled":true},"locked":false}}}""");

        Assert.Equal(201, answer.Status);
    }

    [Fact]
    public async Task Every_offending_field_is_named()
    {
        await using var journey = await Journey.StartAsync();
        var offer = await journey.NewOffer(Schema);

        var answer = await journey.Api.Post("offers", $$$$"""{"product_id":"{{{{offer.ProductId}}}}","field_values":{"colour":{"value":1,"locked":false},"size":{"value":"xl","locked":false}}}""");

        Assert.Equal(["body/field_values/colour/value", "body/field_values/size/value"], answer.ErrorPaths.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{"a":{"type":"integer"}},"additionalProperties":{"type":"string"}}""", 201)]
    [InlineData("""{"type":"object","properties":{"a":{"type":"integer"}},"additionalProperties":{"type":"integer"}}""", 422)]
    [InlineData("""{"type":"object","properties":{"a":{"type":"integer"}},"patternProperties":{"^x":{"type":"string"}}}""", 201)]
    [InlineData("""{"type":"object","properties":{"a":{"type":"integer"}},"additionalProperties":false}""", 422)]
    [InlineData("""{"type":"object","properties":{"a":{"type":"integer"}},"additionalProperties":true}""", 201)]
    public async Task Keys_beyond_the_properties_follow_what_the_schema_says_of_them(string schema, int status)
    {
        await using var journey = await Journey.StartAsync();
        var offer = await journey.NewOffer(schema);

        var answer = await journey.Api.Post("offers", $$$$"""{"product_id":"{{{{offer.ProductId}}}}","field_values":{"x1":{"value":"text","locked":false}}}""");

        Assert.Equal(status, answer.Status);
    }

    [Fact]
    public async Task A_version_without_inputs_takes_no_field_values()
    {
        await using var journey = await Journey.StartAsync();
        var offer = await journey.NewOffer(schema: null);

        var answer = await journey.Api.Post("offers", $$$$"""{"product_id":"{{{{offer.ProductId}}}}","field_values":{"any":{"value":1,"locked":false}}}""");

        Assert.Equal(422, answer.Status);
    }
}
