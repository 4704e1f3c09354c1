using System.Text.Json;
using System.Text.Json.Nodes;
using Akua.Sdk.Serialization;

namespace Akua.Sdk.Tests.Models;

public class RequestSerializationTests
{
    private static readonly AkuaJsonContext Json = AkuaJsonContext.Default;

    private static JsonObject Write(CreateOfferRequest request) =>
        JsonNode.Parse(JsonSerializer.Serialize(request, Json.CreateOfferRequest))!.AsObject();

    private static JsonObject Write(UpdateProductRequest request) =>
        JsonNode.Parse(JsonSerializer.Serialize(request, Json.UpdateProductRequest))!.AsObject();

    [Fact]
    public void Create_offer_sends_only_what_was_set()
    {
        var body = Write(new CreateOfferRequest { ProductId = "prod_1" });

        Assert.Equal("""{"product_id":"prod_1"}""", body.ToJsonString());
    }

    [Fact]
    public void Max_uses_has_three_meanings()
    {
        Assert.False(Write(new CreateOfferRequest { ProductId = "prod_1" }).ContainsKey("max_uses"));

        var five = Write(new CreateOfferRequest { ProductId = "prod_1", MaxUses = 5 });
        Assert.Equal(5, five["max_uses"]!.GetValue<int>());

        var unlimited = Write(new CreateOfferRequest { ProductId = "prod_1", MaxUses = OfferUsageLimit.Unlimited });
        Assert.True(unlimited.ContainsKey("max_uses"));
        Assert.Null(unlimited["max_uses"]);
    }

    [Fact]
    public void Create_offer_writes_every_field_with_wire_names_and_unix_seconds()
    {
        var request = new CreateOfferRequest
        {
            ProductId = "prod_1",
            PackageVersionId = "pkgv_1",
            TargetWorkspaceId = "ws_target",
            RegionId = "region_1",
            ClusterId = "cluster_1",
            AllowedEmails = ["jsmith@example.com"],
            FieldValues = new Dictionary<string, OfferFieldValueInput>
            {
                ["db_size"] = new() { Value = JsonSerializer.SerializeToElement("large", Json.String), Locked = true },
            },
            Customer = new OfferCustomer { DisplayName = "Example Corp" },
            InternalNote = "internal",
            CommercialMode = CommercialMode.NonBillableTest,
            PricingRequest = new OfferPricingRequest { Currency = Currency.Usd, UnitAmount = 4900, Interval = PricingInterval.Year },
            Notes = "hello",
            ExpiresAt = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero),
            MaxUses = 10,
            OrderTtlMinutes = 60,
            OfferChannelId = "och_1",
        };

        var expected = JsonNode.Parse("""
            {
              "product_id": "prod_1", "package_version_id": "pkgv_1", "target_workspace_id": "ws_target",
              "region_id": "region_1", "cluster_id": "cluster_1", "allowed_emails": ["jsmith@example.com"],
              "field_values": {"db_size": {"value": "large", "locked": true}},
              "customer": {"display_name": "Example Corp"}, "internal_note": "internal",
              "commercial_mode": "non_billable_test",
              "pricing_request": {"currency": "usd", "unit_amount": 4900, "interval": "year"},
              "notes": "hello", "expires_at": 1798761600, "max_uses": 10, "order_ttl_minutes": 60,
              "offer_channel_id": "och_1"
            }
            """);
        var body = Write(request);
        Assert.True(JsonNode.DeepEquals(expected, body), body.ToJsonString());
    }

    [Fact]
    public void Update_product_body_holds_only_touched_fields()
    {
        Assert.Equal("{}", Write(new UpdateProductRequest()).ToJsonString());
        Assert.True(new UpdateProductRequest().IsEmpty);

        var rename = Write(new UpdateProductRequest { Name = "New name" });
        Assert.Equal("""{"name":"New name"}""", rename.ToJsonString());
    }

    [Fact]
    public void Update_product_clears_with_null_and_sets_with_values()
    {
        var clear = new UpdateProductRequest().ClearCustomImage().ClearCustomDescription();
        Assert.True(clear.ClearsCustomImage);
        Assert.Equal("""{"custom_image":null,"custom_description":null}""", Write(clear).ToJsonString());

        var assignNull = new UpdateProductRequest { CustomDescription = null };
        Assert.Equal("""{"custom_description":null}""", Write(assignNull).ToJsonString());

        var set = new UpdateProductRequest
        {
            CustomImage = "https://cdn.example.com/a.png",
            CustomDescription = "Fresh",
            PackageVersionPin = PackageVersionPin.Latest,
            Marketplace = new ProductMarketplace { Published = false },
        };
        Assert.False(set.ClearsCustomImage);
        Assert.Equal(
            """{"package_version_pin":{"kind":"latest"},"marketplace":{"published":false},"custom_image":"https://cdn.example.com/a.png","custom_description":"Fresh"}""",
            Write(set).ToJsonString());
    }

    [Fact]
    public void Create_product_writes_the_pin_union()
    {
        var request = new CreateProductRequest { Name = "PostgreSQL Managed", PackageId = "pkg_1", PackageVersionPin = PackageVersionPin.Pinned("2.0.0-rc.1+build.5") };

        var body = JsonSerializer.Serialize(request, Json.CreateProductRequest);

        Assert.Equal("""{"name":"PostgreSQL Managed","package_id":"pkg_1","package_version_pin":{"kind":"pinned","version":"2.0.0-rc.1\u002Bbuild.5"}}""", body);
    }

    [Theory]
    [InlineData("1.2")]
    [InlineData("v1.2.3")]
    [InlineData("01.2.3")]
    [InlineData("1.2.3-")]
    [InlineData("")]
    public void Pinned_rejects_versions_that_are_not_semver(string version)
    {
        var error = Assert.Throws<ArgumentException>(() => PackageVersionPin.Pinned(version));
        Assert.Equal("version", error.ParamName);
    }

    [Fact]
    public void Archive_product_omits_unset_options()
    {
        Assert.Equal("{}", JsonSerializer.Serialize(new ArchiveProductRequest(), Json.ArchiveProductRequest));
        Assert.Equal(
            """{"cascade_offers":true,"archive_reason":"eol"}""",
            JsonSerializer.Serialize(new ArchiveProductRequest { CascadeOffers = true, ArchiveReason = "eol" }, Json.ArchiveProductRequest));
    }
}
