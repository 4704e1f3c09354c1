using System.Security.Cryptography;
using System.Text.Json;

namespace Akua.Sdk.Testing;

/// <summary>A stored product.</summary>
internal sealed class ProductRecord
{
    public required string Id { get; init; }
    public required string WorkspaceId { get; init; }
    public required long Sequence { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string Name { get; set; }
    public required string PackageId { get; init; }
    public required PackageVersionPin Pin { get; set; }
    public required string DefaultVersionId { get; set; }
    public string? CustomImage { get; set; }
    public string? CustomDescription { get; set; }
    public bool Published { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long Version { get; set; } = 1;
    public DateTimeOffset? ArchivedAt { get; set; }
    public string? ArchiveReason { get; set; }

    public string Etag => Version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Touch(DateTimeOffset now)
    {
        Version++;
        UpdatedAt = now;
    }

    public Product ToModel(Uri origin) => new()
    {
        Id = Id,
        HtmlUrl = new Uri(origin, $"dashboard/{Uri.EscapeDataString(WorkspaceId)}/products/{Uri.EscapeDataString(Id)}").AbsoluteUri,
        Name = Name,
        WorkspaceId = WorkspaceId,
        Package = new ProductPackage { Id = PackageId, VersionPin = Pin, DefaultVersionId = DefaultVersionId },
        CustomImage = CustomImage,
        CustomDescription = CustomDescription,
        Marketplace = new ProductMarketplace { Published = Published },
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        Etag = Etag,
        State = ArchivedAt is null ? ProductState.Active : ProductState.Archived,
        ArchivedAt = ArchivedAt,
        ArchiveReason = ArchiveReason,
    };
}

/// <summary>A stored offer.</summary>
internal sealed class OfferRecord
{
    public required string Id { get; init; }
    public required string ShortHash { get; init; }
    public required string WorkspaceId { get; init; }
    public required long Sequence { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string? ProductId { get; init; }
    public required string PackageId { get; init; }
    public required string PackageVersionId { get; init; }
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
    public int OrderTtlMinutes { get; init; } = 120;
    public string? Tier { get; init; }
    public string? OfferChannelId { get; init; }
    public int UsedCount { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long Version { get; set; } = 1;

    public string Etag => Version.ToString(System.Globalization.CultureInfo.InvariantCulture);

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
}

/// <summary>What an offer response shows, by who asks.</summary>
internal enum OfferView
{
    Seller,
    AnonymousCustomer,
    SignedInCustomer,
    SellerResolving,
}

/// <summary>An idempotency key's first successful answer.</summary>
internal sealed record IdempotentReply(string Fingerprint, int Status, byte[] Body);

/// <summary>The emulator's whole state. Every access holds <see cref="Gate"/>.</summary>
internal sealed class EmulatorStore
{
    private const string LowerAlnum = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static readonly IReadOnlyDictionary<string, JsonElement> InputSchema = ParseInputSchema();

    private long _sequence;

    public object Gate { get; } = new();

    public Dictionary<string, ProductRecord> Products { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, OfferRecord> Offers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, OfferRecord> OffersByShortHash { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, IdempotentReply> IdempotentReplies { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> PackageVersionIds { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> PackagesOfVersions { get; } = new(StringComparer.Ordinal);

    public long NextSequence() => ++_sequence;

    public static string RandomLowerAlnum(int length) => RandomNumberGenerator.GetString(LowerAlnum, length);

    public string NewShortHash()
    {
        while (true)
        {
            var hash = RandomNumberGenerator.GetString(Base62, 8);
            if (!OffersByShortHash.ContainsKey(hash))
            {
                return hash;
            }
        }
    }

    /// <summary>The package version a pin points at, invented on first use and stable after.</summary>
    public string VersionIdFor(string packageId, PackageVersionPin pin)
    {
        var key = packageId + "\n" + pin;
        if (!PackageVersionIds.TryGetValue(key, out var id))
        {
            id = "pkgv_" + RandomLowerAlnum(24);
            PackageVersionIds[key] = id;
            PackagesOfVersions[id] = packageId;
        }

        return id;
    }

    /// <summary>The package behind a package version, invented on first use and stable after.</summary>
    public string PackageIdFor(string packageVersionId)
    {
        if (!PackagesOfVersions.TryGetValue(packageVersionId, out var id))
        {
            id = "pkg_" + RandomLowerAlnum(24);
            PackagesOfVersions[packageVersionId] = id;
        }

        return id;
    }

    public Offer ToModel(OfferRecord record, DateTimeOffset now, OfferView view, string sellerName)
    {
        Products.TryGetValue(record.ProductId ?? "", out var product);
        var offer = new Offer
        {
            Id = record.Id,
            ShortHash = record.ShortHash,
            ProductId = record.ProductId,
            PackageId = record.PackageId,
            PackageVersionId = record.PackageVersionId,
            InputSchema = InputSchema,
            Tier = record.Tier,
            RegionId = record.RegionId,
            ClusterId = record.ClusterId,
            OfferChannelId = record.OfferChannelId,
            CommercialMode = record.CommercialMode,
            Notes = record.Notes,
            ExpiresAt = record.ExpiresAt,
            OrderTtlMinutes = record.OrderTtlMinutes,
            Status = record.StatusAt(now),
            CreatedAt = record.CreatedAt,
            ProductName = product?.Name,
            ImageUrl = product?.CustomImage,
            SellerName = sellerName,
        };

        if (view is OfferView.Seller or OfferView.SellerResolving)
        {
            offer.WorkspaceId = record.WorkspaceId;
            offer.TargetWorkspaceId = record.TargetWorkspaceId;
            offer.CreatedBy = "user_emulator";
            offer.ApprovalState = OfferApprovalState.NotRequired;
            offer.MaxUses = record.MaxUses;
            offer.UsedCount = record.UsedCount;
            offer.ArchivedAt = record.ArchivedAt;
            offer.UpdatedAt = record.UpdatedAt;
            offer.Etag = record.Etag;
        }

        if (view is OfferView.Seller or OfferView.SellerResolving or OfferView.SignedInCustomer)
        {
            offer.FieldValues = record.FieldValues;
        }

        if (view is OfferView.Seller)
        {
            offer.AllowedEmails = record.AllowedEmails;
            offer.Customer = record.Customer;
            offer.InternalNote = record.InternalNote;
        }

        return offer;
    }

    private static Dictionary<string, JsonElement> ParseInputSchema()
    {
        using var document = JsonDocument.Parse("""{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","properties":{}}""");
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            result[property.Name] = property.Value.Clone();
        }

        return result;
    }
}
