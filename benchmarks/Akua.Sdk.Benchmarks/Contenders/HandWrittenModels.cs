using System.Text.Json;
using System.Text.Json.Serialization;
using Newtonsoft.Json.Linq;
using NJ = Newtonsoft.Json;

namespace Akua.Sdk.Benchmarks.Contenders;

// What a careful developer writes by hand for the same payloads: strings for enum values, Unix
// seconds as long. Each property carries both libraries' names, so the System.Text.Json floor
// and the Newtonsoft.Json variant read into the same shapes (only the schema "any" differs).

public abstract class OfferFields
{
    [JsonPropertyName("id"), NJ.JsonProperty("id")] public string Id { get; set; } = "";
    [JsonPropertyName("short_hash"), NJ.JsonProperty("short_hash")] public string ShortHash { get; set; } = "";
    [JsonPropertyName("workspace_id"), NJ.JsonProperty("workspace_id")] public string? WorkspaceId { get; set; }
    [JsonPropertyName("target_workspace_id"), NJ.JsonProperty("target_workspace_id")] public string? TargetWorkspaceId { get; set; }
    [JsonPropertyName("created_by"), NJ.JsonProperty("created_by")] public string? CreatedBy { get; set; }
    [JsonPropertyName("product_id"), NJ.JsonProperty("product_id")] public string? ProductId { get; set; }
    [JsonPropertyName("package_id"), NJ.JsonProperty("package_id")] public string PackageId { get; set; } = "";
    [JsonPropertyName("package_version_id"), NJ.JsonProperty("package_version_id")] public string PackageVersionId { get; set; } = "";
    [JsonPropertyName("allowed_emails"), NJ.JsonProperty("allowed_emails")] public List<string>? AllowedEmails { get; set; }
    [JsonPropertyName("customer"), NJ.JsonProperty("customer")] public HwCustomer? Customer { get; set; }
    [JsonPropertyName("internal_note"), NJ.JsonProperty("internal_note")] public string? InternalNote { get; set; }
    [JsonPropertyName("tier"), NJ.JsonProperty("tier")] public string? Tier { get; set; }
    [JsonPropertyName("region_id"), NJ.JsonProperty("region_id")] public string? RegionId { get; set; }
    [JsonPropertyName("cluster_id"), NJ.JsonProperty("cluster_id")] public string? ClusterId { get; set; }
    [JsonPropertyName("offer_channel_id"), NJ.JsonProperty("offer_channel_id")] public string? OfferChannelId { get; set; }
    [JsonPropertyName("commercial_mode"), NJ.JsonProperty("commercial_mode")] public string? CommercialMode { get; set; }
    [JsonPropertyName("approval_state"), NJ.JsonProperty("approval_state")] public string? ApprovalState { get; set; }
    [JsonPropertyName("requested_policy_snapshot"), NJ.JsonProperty("requested_policy_snapshot")] public HwPolicySnapshot? RequestedPolicySnapshot { get; set; }
    [JsonPropertyName("approved_policy_snapshot"), NJ.JsonProperty("approved_policy_snapshot")] public HwPolicySnapshot? ApprovedPolicySnapshot { get; set; }
    [JsonPropertyName("notes"), NJ.JsonProperty("notes")] public string? Notes { get; set; }
    [JsonPropertyName("expires_at"), NJ.JsonProperty("expires_at")] public long? ExpiresAt { get; set; }
    [JsonPropertyName("max_uses"), NJ.JsonProperty("max_uses")] public int? MaxUses { get; set; }
    [JsonPropertyName("order_ttl_minutes"), NJ.JsonProperty("order_ttl_minutes")] public int? OrderTtlMinutes { get; set; }
    [JsonPropertyName("used_count"), NJ.JsonProperty("used_count")] public int? UsedCount { get; set; }
    [JsonPropertyName("archived_at"), NJ.JsonProperty("archived_at")] public long? ArchivedAt { get; set; }
    [JsonPropertyName("status"), NJ.JsonProperty("status")] public string Status { get; set; } = "";
    [JsonPropertyName("created_at"), NJ.JsonProperty("created_at")] public long CreatedAt { get; set; }
    [JsonPropertyName("updated_at"), NJ.JsonProperty("updated_at")] public long? UpdatedAt { get; set; }
    [JsonPropertyName("etag"), NJ.JsonProperty("etag")] public string? Etag { get; set; }
    [JsonPropertyName("product_name"), NJ.JsonProperty("product_name")] public string? ProductName { get; set; }
    [JsonPropertyName("image_url"), NJ.JsonProperty("image_url")] public string? ImageUrl { get; set; }
    [JsonPropertyName("seller_name"), NJ.JsonProperty("seller_name")] public string? SellerName { get; set; }
}

/// <summary>The floor's offer (System.Text.Json).</summary>
public sealed class HwOffer : OfferFields
{
    [JsonPropertyName("input_schema")] public Dictionary<string, JsonElement>? InputSchema { get; set; }
    [JsonPropertyName("field_values")] public Dictionary<string, HwFieldValue>? FieldValues { get; set; }
}

/// <summary>The Newtonsoft.Json variant's offer.</summary>
public sealed class NjOffer : OfferFields
{
    [NJ.JsonProperty("input_schema")] public JObject? InputSchema { get; set; }
    [NJ.JsonProperty("field_values")] public Dictionary<string, NjFieldValue>? FieldValues { get; set; }
}

public sealed class HwFieldValue
{
    [JsonPropertyName("value")] public JsonElement Value { get; set; }
    [JsonPropertyName("locked")] public bool Locked { get; set; }
    [JsonPropertyName("redacted")] public bool? Redacted { get; set; }
}

public sealed class NjFieldValue
{
    [NJ.JsonProperty("value")] public JToken? Value { get; set; }
    [NJ.JsonProperty("locked")] public bool Locked { get; set; }
    [NJ.JsonProperty("redacted")] public bool? Redacted { get; set; }
}

public sealed class HwCustomer
{
    [JsonPropertyName("display_name"), NJ.JsonProperty("display_name")] public string? DisplayName { get; set; }
    [JsonPropertyName("external_id"), NJ.JsonProperty("external_id")] public string? ExternalId { get; set; }
}

public sealed class HwPolicySnapshot
{
    [JsonPropertyName("offer_channel_id"), NJ.JsonProperty("offer_channel_id")] public string? OfferChannelId { get; set; }
    [JsonPropertyName("channel_policy_id"), NJ.JsonProperty("channel_policy_id")] public string? ChannelPolicyId { get; set; }
    [JsonPropertyName("channel_policy_version"), NJ.JsonProperty("channel_policy_version")] public int? ChannelPolicyVersion { get; set; }
    [JsonPropertyName("commercial_mode"), NJ.JsonProperty("commercial_mode")] public string? CommercialMode { get; set; }
    [JsonPropertyName("approval_required"), NJ.JsonProperty("approval_required")] public bool ApprovalRequired { get; set; }
    [JsonPropertyName("checkout_required"), NJ.JsonProperty("checkout_required")] public bool CheckoutRequired { get; set; }
    [JsonPropertyName("support_scope"), NJ.JsonProperty("support_scope")] public HwSupportScope? SupportScope { get; set; }
    [JsonPropertyName("pricing_summary"), NJ.JsonProperty("pricing_summary")] public HwPricingSummary? PricingSummary { get; set; }
    [JsonPropertyName("blocking_reasons"), NJ.JsonProperty("blocking_reasons")] public List<string>? BlockingReasons { get; set; }
}

public sealed class HwSupportScope
{
    [JsonPropertyName("type"), NJ.JsonProperty("type")] public string? Type { get; set; }
    [JsonPropertyName("visibility"), NJ.JsonProperty("visibility")] public List<string>? Visibility { get; set; }
}

public sealed class HwPricingSummary
{
    [JsonPropertyName("currency"), NJ.JsonProperty("currency")] public string? Currency { get; set; }
    [JsonPropertyName("unit_amount"), NJ.JsonProperty("unit_amount")] public long? UnitAmount { get; set; }
    [JsonPropertyName("interval"), NJ.JsonProperty("interval")] public string? Interval { get; set; }
    [JsonPropertyName("source"), NJ.JsonProperty("source")] public string? Source { get; set; }
}

public sealed class HwOfferCreated
{
    [JsonPropertyName("id"), NJ.JsonProperty("id")] public string Id { get; set; } = "";
    [JsonPropertyName("short_hash"), NJ.JsonProperty("short_hash")] public string ShortHash { get; set; } = "";
}

public sealed class HwOfferList
{
    [JsonPropertyName("data")] public List<HwOffer> Data { get; set; } = [];
    [JsonPropertyName("has_more")] public bool HasMore { get; set; }
    [JsonPropertyName("next_cursor")] public string? NextCursor { get; set; }
}

public sealed class NjOfferList
{
    [NJ.JsonProperty("data")] public List<NjOffer> Data { get; set; } = [];
    [NJ.JsonProperty("has_more")] public bool HasMore { get; set; }
    [NJ.JsonProperty("next_cursor")] public string? NextCursor { get; set; }
}

public sealed class HwProduct
{
    [JsonPropertyName("id"), NJ.JsonProperty("id")] public string Id { get; set; } = "";
    [JsonPropertyName("html_url"), NJ.JsonProperty("html_url")] public string? HtmlUrl { get; set; }
    [JsonPropertyName("name"), NJ.JsonProperty("name")] public string Name { get; set; } = "";
    [JsonPropertyName("workspace_id"), NJ.JsonProperty("workspace_id")] public string? WorkspaceId { get; set; }
    [JsonPropertyName("package"), NJ.JsonProperty("package")] public HwProductPackage? Package { get; set; }
    [JsonPropertyName("marketplace"), NJ.JsonProperty("marketplace")] public HwMarketplace? Marketplace { get; set; }
    [JsonPropertyName("created_at"), NJ.JsonProperty("created_at")] public long CreatedAt { get; set; }
    [JsonPropertyName("updated_at"), NJ.JsonProperty("updated_at")] public long? UpdatedAt { get; set; }
    [JsonPropertyName("etag"), NJ.JsonProperty("etag")] public string Etag { get; set; } = "";
    [JsonPropertyName("state"), NJ.JsonProperty("state")] public string? State { get; set; }
    [JsonPropertyName("custom_image"), NJ.JsonProperty("custom_image")] public string? CustomImage { get; set; }
    [JsonPropertyName("custom_description"), NJ.JsonProperty("custom_description")] public string? CustomDescription { get; set; }
}

public sealed class HwProductPackage
{
    [JsonPropertyName("id"), NJ.JsonProperty("id")] public string Id { get; set; } = "";
    [JsonPropertyName("version_pin"), NJ.JsonProperty("version_pin")] public HwVersionPin? VersionPin { get; set; }
    [JsonPropertyName("default_version_id"), NJ.JsonProperty("default_version_id")] public string? DefaultVersionId { get; set; }
}

public sealed class HwVersionPin
{
    [JsonPropertyName("kind"), NJ.JsonProperty("kind")] public string Kind { get; set; } = "";
    [JsonPropertyName("version"), NJ.JsonProperty("version")] public string? Version { get; set; }
}

public sealed class HwMarketplace
{
    [JsonPropertyName("published"), NJ.JsonProperty("published")] public bool Published { get; set; }
}

public sealed class HwCreateOfferRequest
{
    [JsonPropertyName("product_id"), NJ.JsonProperty("product_id", NullValueHandling = NJ.NullValueHandling.Ignore)] public string? ProductId { get; set; }
    [JsonPropertyName("allowed_emails"), NJ.JsonProperty("allowed_emails", NullValueHandling = NJ.NullValueHandling.Ignore)] public List<string>? AllowedEmails { get; set; }
    [JsonPropertyName("max_uses"), NJ.JsonProperty("max_uses", NullValueHandling = NJ.NullValueHandling.Ignore)] public int? MaxUses { get; set; }
    [JsonPropertyName("expires_at"), NJ.JsonProperty("expires_at", NullValueHandling = NJ.NullValueHandling.Ignore)] public long? ExpiresAt { get; set; }
    [JsonPropertyName("notes"), NJ.JsonProperty("notes", NullValueHandling = NJ.NullValueHandling.Ignore)] public string? Notes { get; set; }
}

public sealed class HwUpdateProductRequest
{
    [JsonPropertyName("name"), NJ.JsonProperty("name", NullValueHandling = NJ.NullValueHandling.Ignore)] public string? Name { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HwOffer))]
[JsonSerializable(typeof(HwOfferList))]
[JsonSerializable(typeof(HwOfferCreated))]
[JsonSerializable(typeof(HwProduct))]
[JsonSerializable(typeof(HwCreateOfferRequest))]
[JsonSerializable(typeof(HwUpdateProductRequest))]
internal sealed partial class HandWrittenJson : JsonSerializerContext;
