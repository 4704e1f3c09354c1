using System.Text.Json.Serialization;
using Akua.Sdk.Serialization;

namespace Akua.Sdk;

/// <summary>
/// What a new offer is made of. Give <see cref="ProductId"/>, <see cref="PackageVersionId"/>, or
/// both; everything else is optional. Fields left null are not sent.
/// </summary>
public sealed class CreateOfferRequest
{
    /// <summary>Most allowed emails one offer can carry.</summary>
    public const int MaxAllowedEmails = 50;

    /// <summary>Longest <see cref="Notes"/> and <see cref="InternalNote"/>.</summary>
    public const int MaxNoteLength = 500;

    /// <summary>Longest <see cref="Tier"/>.</summary>
    public const int MaxTierLength = 32;

    /// <summary>Longest <see cref="OrderTtlMinutes"/>: one day.</summary>
    public const int MaxOrderTtlMinutes = 1440;

    /// <summary>
    /// The product the offer sells (<c>prod_...</c>). Required with <see cref="OfferChannelId"/>.
    /// Without <see cref="PackageVersionId"/>, the product's current version pin decides the version.
    /// </summary>
    [JsonPropertyName("product_id")]
    public string? ProductId { get; set; }

    /// <summary>An exact package version to pin; it wins over the product's pin.</summary>
    [JsonPropertyName("package_version_id")]
    public string? PackageVersionId { get; set; }

    /// <summary>Trusted partners only: an existing workspace that receives what the offer delivers.</summary>
    [JsonPropertyName("target_workspace_id")]
    public string? TargetWorkspaceId { get; set; }

    /// <summary>Trusted partners only: the region the install must run in.</summary>
    [JsonPropertyName("region_id")]
    public string? RegionId { get; set; }

    /// <summary>Trusted partners only: the cluster the install must run on.</summary>
    [JsonPropertyName("cluster_id")]
    public string? ClusterId { get; set; }

    /// <summary>
    /// Up to 50 customer emails that may redeem the offer. Null or empty lets any signed-in
    /// customer redeem it.
    /// </summary>
    [JsonPropertyName("allowed_emails")]
    public IList<string>? AllowedEmails { get; set; }

    /// <summary>Values to pre-fill in the install form, keyed by input-schema property name.</summary>
    [JsonPropertyName("field_values")]
    public IDictionary<string, OfferFieldValueInput>? FieldValues { get; set; }

    /// <summary>Who the offer is for, as the seller wants to record it. Never shown to customers.</summary>
    [JsonPropertyName("customer")]
    public OfferCustomer? Customer { get; set; }

    /// <summary>A note for the seller's own team, up to 500 characters. Never shown to customers.</summary>
    [JsonPropertyName("internal_note")]
    public string? InternalNote { get; set; }

    /// <summary>The commercial path to ask the offer channel's policy for.</summary>
    [JsonPropertyName("commercial_mode")]
    public CommercialMode? CommercialMode { get; set; }

    /// <summary>The price to ask the offer channel's policy for.</summary>
    [JsonPropertyName("pricing_request")]
    public OfferPricingRequest? PricingRequest { get; set; }

    /// <summary>A note for the customer, up to 500 characters.</summary>
    [JsonPropertyName("notes")]
    public string? Notes { get; set; }

    /// <summary>When the offer stops being redeemable; null for never. Sent as whole Unix seconds.</summary>
    [JsonPropertyName("expires_at")]
    [JsonConverter(typeof(UnixSecondsJsonConverter))]
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>
    /// How many times the offer may be redeemed: null for the API's default (once), a number
    /// from 1 to 10000, or <see cref="OfferUsageLimit.Unlimited"/>.
    /// </summary>
    [JsonPropertyName("max_uses")]
    public OfferUsageLimit? MaxUses { get; set; }

    /// <summary>How long each redemption's order stays open, 1 to 1440 minutes; the API's default is 120.</summary>
    [JsonPropertyName("order_ttl_minutes")]
    public int? OrderTtlMinutes { get; set; }

    /// <summary>A suggested billing tier, up to 32 characters; not allowed with <see cref="OfferChannelId"/>.</summary>
    [JsonPropertyName("tier")]
    public string? Tier { get; set; }

    /// <summary>An offer channel whose active policy settles approval, checkout, support and price. Needs <see cref="ProductId"/>.</summary>
    [JsonPropertyName("offer_channel_id")]
    public string? OfferChannelId { get; set; }
}
