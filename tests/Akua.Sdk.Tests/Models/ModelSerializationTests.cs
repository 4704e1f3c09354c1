using System.Text.Json;
using System.Text.Json.Nodes;
using Akua.Sdk.Serialization;

namespace Akua.Sdk.Tests.Models;

public class ModelSerializationTests
{
    private static readonly AkuaJsonContext Json = AkuaJsonContext.Default;

    [Fact]
    public void Offer_reads_every_field_of_a_realistic_payload()
    {
        var offer = JsonSerializer.Deserialize(Payloads.Offer, Json.Offer)!;

        Assert.Equal("offer_j572abc123def456", offer.Id);
        Assert.Equal("aB3xK9pQ", offer.ShortHash);
        Assert.Equal(OfferStatus.Active, offer.Status);
        Assert.True(offer.Status.IsKnown);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), offer.CreatedAt);
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), offer.ExpiresAt);
        Assert.Null(offer.ArchivedAt);
        Assert.Equal(["jsmith@example.com"], offer.AllowedEmails);
        Assert.Equal("large", offer.FieldValues!["db_size"].Value.GetString());
        Assert.True(offer.FieldValues["db_size"].Locked);
        Assert.True(offer.FieldValues["admin_password"].Redacted);
        Assert.Equal("Example Corp", offer.Customer!.DisplayName);
        Assert.Equal(CommercialMode.Paid, offer.CommercialMode);
        Assert.Equal(OfferApprovalState.Approved, offer.ApprovalState);
        var snapshot = offer.RequestedPolicySnapshot!;
        Assert.Equal(3, snapshot.ChannelPolicyVersion);
        Assert.Equal([SupportVisibility.InstallState, SupportVisibility.AppUrls], snapshot.SupportScope.Visibility);
        Assert.Equal(Currency.Eur, snapshot.PricingSummary!.Currency);
        Assert.Equal(4900, snapshot.PricingSummary.UnitAmount);
        Assert.Equal(PricingSource.Request, snapshot.PricingSummary.Source);
        Assert.Null(offer.ApprovedPolicySnapshot);
        Assert.Equal(5, offer.MaxUses);
        Assert.Equal("42", offer.Etag);
        Assert.Equal("object", offer.InputSchema!["type"].GetString());
        Assert.Equal("Example Seller", offer.SellerName);
    }

    [Fact]
    public void Offer_round_trips_without_losing_or_inventing_fields()
    {
        var offer = JsonSerializer.Deserialize(Payloads.Offer, Json.Offer)!;

        var written = JsonSerializer.Serialize(offer, Json.Offer);

        // approved_policy_snapshot and archived_at were absent, so they stay absent (no nulls invented).
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Payloads.Offer), JsonNode.Parse(written)), written);
    }

    [Fact]
    public void Unknown_properties_are_ignored()
    {
        var json = Payloads.Offer.Replace("\"id\":", "\"brand_new_field\": {\"nested\": [1, 2]}, \"id\":", StringComparison.Ordinal);

        var offer = JsonSerializer.Deserialize(json, Json.Offer)!;

        Assert.Equal("offer_j572abc123def456", offer.Id);
    }

    [Fact]
    public void Unknown_enum_values_are_kept_instead_of_throwing()
    {
        var json = Payloads.Offer
            .Replace("\"status\": \"active\"", "\"status\": \"paused\"", StringComparison.Ordinal)
            .Replace("\"approval_state\": \"approved\"", "\"approval_state\": \"escalated\"", StringComparison.Ordinal)
            .Replace("\"currency\": \"eur\"", "\"currency\": \"gbp\"", StringComparison.Ordinal);

        var offer = JsonSerializer.Deserialize(json, Json.Offer)!;

        Assert.Equal("paused", offer.Status.Value);
        Assert.False(offer.Status.IsKnown);
        Assert.NotEqual(OfferStatus.Active, offer.Status);
        Assert.Equal(new OfferStatus("paused"), offer.Status);
        Assert.Equal("escalated", offer.ApprovalState!.Value.ToString());
        Assert.Equal("gbp", offer.RequestedPolicySnapshot!.PricingSummary!.Currency.Value);
        Assert.Contains("\"status\":\"paused\"", JsonSerializer.Serialize(offer, Json.Offer), StringComparison.Ordinal);
    }

    [Fact]
    public void Timestamps_past_2038_do_not_overflow()
    {
        var json = Payloads.Offer.Replace("\"expires_at\": 1798761600", "\"expires_at\": 4102444800", StringComparison.Ordinal);

        var offer = JsonSerializer.Deserialize(json, Json.Offer)!;

        Assert.Equal(new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero), offer.ExpiresAt);
    }

    [Fact]
    public void Timestamps_past_what_DateTimeOffset_holds_read_as_its_maximum()
    {
        var json = Payloads.Offer.Replace("\"expires_at\": 1798761600", "\"expires_at\": 9223372036854775807", StringComparison.Ordinal);

        var offer = JsonSerializer.Deserialize(json, Json.Offer)!;

        Assert.Equal(DateTimeOffset.MaxValue, offer.ExpiresAt);
    }

    [Fact]
    public void A_timestamp_that_is_not_whole_seconds_is_rejected()
    {
        var json = Payloads.Offer.Replace("\"created_at\": 1767225600", "\"created_at\": \"2026-01-01\"", StringComparison.Ordinal);

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, Json.Offer));
    }

    [Fact]
    public void Product_reads_pins_marketplace_and_state()
    {
        var product = JsonSerializer.Deserialize(Payloads.Product, Json.Product)!;

        Assert.Equal("PostgreSQL Managed", product.Name);
        Assert.Equal("https://akua.dev/products/prod_j572abc123def456", product.HtmlUrl);
        Assert.Equal(PackageVersionPinKind.Pinned, product.Package.VersionPin.Kind);
        Assert.Equal("1.2.3", product.Package.VersionPin.Version);
        Assert.Equal(PackageVersionPin.Pinned("1.2.3"), product.Package.VersionPin);
        Assert.True(product.Marketplace!.Published);
        Assert.Equal(ProductState.Active, product.State);
        Assert.Equal("7", product.Etag);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Payloads.Product), JsonNode.Parse(JsonSerializer.Serialize(product, Json.Product))));
    }

    [Fact]
    public void Product_with_null_marketplace_latest_pin_and_null_default_version()
    {
        var json = Payloads.Product
            .Replace("{ \"published\": true }", "null", StringComparison.Ordinal)
            .Replace("{ \"kind\": \"pinned\", \"version\": \"1.2.3\" }", "{ \"kind\": \"latest\" }", StringComparison.Ordinal)
            .Replace("\"pkgv_j572abc123def456\"", "null", StringComparison.Ordinal)
            .Replace("\"state\": \"active\"", "\"state\": \"archived\", \"archived_at\": 1767300000, \"archive_reason\": \"eol\"", StringComparison.Ordinal);

        var product = JsonSerializer.Deserialize(json, Json.Product)!;

        Assert.Null(product.Marketplace);
        Assert.Same(PackageVersionPin.Latest, product.Package.VersionPin);
        Assert.Null(product.Package.DefaultVersionId);
        Assert.Equal(ProductState.Archived, product.State);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1767300000), product.ArchivedAt);
        Assert.Equal("eol", product.ArchiveReason);
    }

    [Fact]
    public void A_pin_kind_newer_than_the_sdk_is_kept()
    {
        var json = Payloads.Product.Replace("{ \"kind\": \"pinned\", \"version\": \"1.2.3\" }", "{ \"kind\": \"range\", \"version\": \"^1.2\" }", StringComparison.Ordinal);

        var pin = JsonSerializer.Deserialize(json, Json.Product)!.Package.VersionPin;

        Assert.Equal("range", pin.Kind.Value);
        Assert.False(pin.Kind.IsKnown);
        Assert.Equal("^1.2", pin.Version);
    }

    [Fact]
    public void Error_body_reads_entries_paths_and_metadata()
    {
        const string json = """
            {"success": false, "errors": [{"code": 7009, "message": "etag mismatch", "path": ["header", "if-match"], "metadata": {"current_etag": "43"}}], "result": {}}
            """;

        var error = JsonSerializer.Deserialize(json, Json.ApiErrorResponse)!;

        var entry = Assert.Single(error.Errors);
        Assert.Equal(7009, entry.Code);
        Assert.Equal(["header", "if-match"], entry.Path);
        Assert.Equal("43", entry.Metadata!["current_etag"]);
    }
}
