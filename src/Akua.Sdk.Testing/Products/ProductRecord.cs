using System.Globalization;

namespace Akua.Sdk.Testing;

/// <summary>A stored product.</summary>
internal sealed class ProductRecord : IStoredRecord
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

    /// <summary>The marketplace listing; null when the product was never listed (<c>"marketplace": null</c>).</summary>
    public bool? Published { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
    public long Version { get; set; } = 1;
    public DateTimeOffset? ArchivedAt { get; set; }
    public string? ArchiveReason { get; set; }

    public string Etag => Version.ToString(CultureInfo.InvariantCulture);

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
        Marketplace = Published is { } published ? new ProductMarketplace { Published = published } : null,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        Etag = Etag,
        State = ArchivedAt is null ? ProductState.Active : ProductState.Archived,
        ArchivedAt = ArchivedAt,
        ArchiveReason = ArchiveReason,
    };
}
