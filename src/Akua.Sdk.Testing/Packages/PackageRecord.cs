using System.Globalization;
using System.Text.Json;

namespace Akua.Sdk.Testing;

/// <summary>A stored package and its versions, oldest first.</summary>
internal sealed class PackageRecord : IStoredRecord
{
    public required string Id { get; init; }
    public required string WorkspaceId { get; init; }
    public required long Sequence { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string Name { get; init; }
    public required PackageSourceKind SourceKind { get; init; }
    public string? OciRef { get; init; }
    public string? RepositoryId { get; init; }
    public string? Description { get; init; }
    public string? DisplayImageUrl { get; init; }
    public IReadOnlyList<IReadOnlyDictionary<string, JsonElement>>? ComposedFromSources { get; init; }
    public List<PackageVersionRecord> Versions { get; } = [];
    public long Version { get; private set; } = 1;

    public string Etag => Version.ToString(CultureInfo.InvariantCulture);

    public void Touch() => Version++;

    public Package ToModel(Uri origin, PackageView view) => new()
    {
        Id = Id,
        HtmlUrl = new Uri(origin, $"packages/{Uri.EscapeDataString(Id)}").AbsoluteUri,
        WorkspaceId = WorkspaceId,
        Name = Name,
        LatestVersionId = Versions[^1].Id,
        Description = Description,
        DisplayImageUrl = DisplayImageUrl,
        Source = new PackageSource { Kind = SourceKind, OciRef = OciRef, RepositoryId = RepositoryId },

        // "basic" leaves out the source provenance.
        ComposedFromSources = view == PackageView.Full ? ComposedFromSources ?? [] : null,
        CreatedAt = CreatedAt,
        Etag = Etag,
    };
}

/// <summary>A stored package version; immutable once registered.</summary>
internal sealed class PackageVersionRecord : IStoredRecord
{
    public required string Id { get; init; }
    public required string PackageId { get; init; }
    public required string WorkspaceId { get; init; }
    public required long Sequence { get; init; }
    public required string Semver { get; init; }
    public required string Ref { get; init; }
    public required InputSchema Schema { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    public string Etag => "1";

    public PackageVersion ToModel() => new()
    {
        Id = Id,
        PackageId = PackageId,
        Semver = Semver,
        Ref = Ref,
        InputSchema = Schema.Map,
        PublishedAt = CreatedAt,
        CreatedAt = CreatedAt,
        Etag = Etag,
    };
}
