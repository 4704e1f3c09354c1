using System.Globalization;
using System.Text.Json;

namespace Akua.Sdk.Testing;

/// <summary>What an offer response shows, by who asks.</summary>
internal enum OfferView
{
    /// <summary>The seller's workspace: everything.</summary>
    Seller,

    /// <summary><c>offers:resolve</c> for anyone but an admitted customer: what a landing page needs.</summary>
    Public,

    /// <summary><c>offers:resolve</c> for a signed-in customer the allowlist admits: also the note and the pre-filled values.</summary>
    AdmittedCustomer,
}

/// <summary>A stored offer.</summary>
internal sealed class OfferRecord : IStoredRecord
{
    public required string Id { get; init; }
    public required string ShortHash { get; init; }
    public required string WorkspaceId { get; init; }
    public required long Sequence { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string? ProductId { get; init; }
    public required string PackageId { get; init; }
    public required string PackageVersionId { get; init; }

    /// <summary>The version's input schema, which the offer shows and its drafts' configuration must meet.</summary>
    public required InputSchema Schema { get; init; }
    public string? TargetWorkspaceId { get; init; }
    public string? RegionId { get; init; }
    public string? ClusterId { get; init; }
    public List<string> AllowedEmails { get; init; } = [];
    public Dictionary<string, OfferFieldValue>? FieldValues { get; init; }
    public OfferCustomer? Customer { get; init; }
    public string? InternalNote { get; init; }
    public CommercialMode? CommercialMode { get; init; }
    public string? Notes { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public int? MaxUses { get; init; }
    public int OrderTtlMinutes { get; init; }
    public string? Tier { get; init; }
    public string? OfferChannelId { get; init; }
    public int UsedCount { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long Version { get; set; } = 1;

    public string Etag => Version.ToString(CultureInfo.InvariantCulture);

    public void Touch(DateTimeOffset now)
    {
        Version++;
        UpdatedAt = now;
    }

    public OfferStatus StatusAt(DateTimeOffset now)
    {
        if (ArchivedAt is not null)
        {
            return OfferStatus.Archived;
        }

        if (ExpiresAt is { } expiry && expiry <= now)
        {
            return OfferStatus.Expired;
        }

        return MaxUses is { } max && UsedCount >= max ? OfferStatus.Redeemed : OfferStatus.Active;
    }

    /// <summary>Whether a signed-in customer may claim the offer: an empty allowlist admits everyone.</summary>
    public bool Admits(string email) =>
        AllowedEmails.Count == 0 || AllowedEmails.Contains(email, StringComparer.OrdinalIgnoreCase);

    public Offer ToModel(ProductRecord? product, DateTimeOffset now, OfferView view, string sellerName)
    {
        var offer = new Offer
        {
            Id = Id,
            ShortHash = ShortHash,
            ProductId = ProductId,
            PackageId = PackageId,
            PackageVersionId = PackageVersionId,
            InputSchema = Schema.Map,
            Tier = Tier,
            RegionId = RegionId,
            ClusterId = ClusterId,
            OfferChannelId = OfferChannelId,
            CommercialMode = CommercialMode,
            ExpiresAt = ExpiresAt,
            OrderTtlMinutes = OrderTtlMinutes,
            Status = StatusAt(now),
            CreatedAt = CreatedAt,
            ProductName = product?.Name,
            ImageUrl = product?.CustomImage,
            SellerName = sellerName,
        };

        if (view is OfferView.Seller or OfferView.AdmittedCustomer)
        {
            offer.Notes = Notes;
            offer.FieldValues = FieldValues;
        }

        if (view is OfferView.Seller)
        {
            offer.WorkspaceId = WorkspaceId;
            offer.TargetWorkspaceId = TargetWorkspaceId;
            offer.CreatedBy = "user_emulator";
            offer.ApprovalState = OfferApprovalState.NotRequired;
            offer.MaxUses = MaxUses;
            offer.UsedCount = UsedCount;
            offer.ArchivedAt = ArchivedAt;
            offer.UpdatedAt = UpdatedAt;
            offer.Etag = Etag;
            offer.AllowedEmails = AllowedEmails;
            offer.Customer = Customer;
            offer.InternalNote = InternalNote;
        }

        return offer;
    }
}
