using System.Text.Json;

namespace Akua.Sdk.ContractTests.Static;

/// <summary>Realistic create-offer inputs, one per shape the document allows.</summary>
internal static class OfferRequests
{
    public const string ProductId = "prod_j572abc123def456";
    public const string PackageVersionId = "pv_j572abc123def456";

    public static CreateOfferRequest Minimal() => new() { ProductId = ProductId };

    public static CreateOfferRequest PackageVersionOnly() => new() { PackageVersionId = PackageVersionId, Notes = "Pinned to 1.4.2" };

    /// <summary>Every field a product-backed offer without a channel can carry, trusted-partner fields included.</summary>
    public static CreateOfferRequest FullyPopulated() => new()
    {
        ProductId = ProductId,
        PackageVersionId = PackageVersionId,
        TargetWorkspaceId = "ws_j572customer00001",
        RegionId = "reg_eu_central_1",
        ClusterId = "cl_j572cluster00001",
        AllowedEmails = ["jsmith@example.com", "ops+billing@example.org"],
        FieldValues = new Dictionary<string, OfferFieldValueInput>
        {
            ["replicas"] = new() { Value = Json("3"), Locked = true },
            ["database"] = new() { Value = Json("""{"name":"orders","size_gb":50}"""), Locked = false },
            ["admin_email"] = new() { Value = Json("\"dba@example.com\""), Locked = false },
        },
        Customer = new OfferCustomer { DisplayName = "Example Corp (EMEA)", ExternalId = "crm-000123" },
        InternalNote = "Agreed on the 2026-11-20 call; renewal in 12 months.",
        CommercialMode = CommercialMode.Paid,
        PricingRequest = new OfferPricingRequest { Currency = Currency.Usd, UnitAmount = 4900, Interval = PricingInterval.Month },
        Notes = "Thanks for your business! This link is valid for two weeks.",
        ExpiresAt = DateTimeOffset.UtcNow.AddDays(14),
        MaxUses = 5,
        OrderTtlMinutes = 240,
        Tier = "pro",
    };

    public static CreateOfferRequest Unlimited() => new()
    {
        ProductId = ProductId,
        MaxUses = OfferUsageLimit.Unlimited,
        Notes = "Unlimited team licence",
    };

    public static CreateOfferRequest ChannelBacked() => new()
    {
        ProductId = ProductId,
        OfferChannelId = "och_j572channel00001",
        CommercialMode = CommercialMode.NonBillableTest,
        PricingRequest = new OfferPricingRequest { Currency = Currency.Eur, UnitAmount = 0, Interval = PricingInterval.Year },
        Customer = new OfferCustomer { DisplayName = "Partner trial" },
        AllowedEmails = ["trial@example.net"],
        MaxUses = 10000,
        OrderTtlMinutes = 1440,
    };

    public static IReadOnlyList<string> Shapes { get; } = [nameof(Minimal), nameof(PackageVersionOnly), nameof(FullyPopulated), nameof(Unlimited), nameof(ChannelBacked)];

    public static CreateOfferRequest ByName(string name) => name switch
    {
        nameof(Minimal) => Minimal(),
        nameof(PackageVersionOnly) => PackageVersionOnly(),
        nameof(FullyPopulated) => FullyPopulated(),
        nameof(Unlimited) => Unlimited(),
        nameof(ChannelBacked) => ChannelBacked(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
