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

    /// <summary>The version of highest precedence (semantic versioning), which <c>latest</c> pins follow.</summary>
    public PackageVersionRecord Latest => Versions.MaxBy(v => v.Semver, SemverPrecedence.Instance)!;

    public void Touch() => Version++;

    public Package ToModel(Uri origin, PackageView view) => new()
    {
        Id = Id,
        HtmlUrl = new Uri(origin, $"packages/{Uri.EscapeDataString(Id)}").AbsoluteUri,
        WorkspaceId = WorkspaceId,
        Name = Name,
        LatestVersionId = Latest.Id,
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

/// <summary>Semantic versioning precedence: numbers compare as numbers, a pre-release sorts before its release, build metadata is ignored.</summary>
internal sealed class SemverPrecedence : IComparer<string>
{
    public static SemverPrecedence Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        var (left, leftPre) = Split(x ?? "");
        var (right, rightPre) = Split(y ?? "");
        for (var i = 0; i < 3; i++)
        {
            var order = Number(left, i).CompareTo(Number(right, i));
            if (order != 0)
            {
                return order;
            }
        }

        if (leftPre is null || rightPre is null)
        {
            return leftPre is null ? (rightPre is null ? 0 : 1) : -1;
        }

        var a = leftPre.Split('.');
        var b = rightPre.Split('.');
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var numeric = long.TryParse(a[i], NumberStyles.None, CultureInfo.InvariantCulture, out var m) & long.TryParse(b[i], NumberStyles.None, CultureInfo.InvariantCulture, out var n);
            var order = numeric ? m.CompareTo(n) : string.CompareOrdinal(a[i], b[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    private static (string[] Core, string? PreRelease) Split(string version)
    {
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        version = plus >= 0 ? version[..plus] : version;
        var dash = version.IndexOf('-', StringComparison.Ordinal);
        return dash >= 0 ? (version[..dash].Split('.'), version[(dash + 1)..]) : (version.Split('.'), null);
    }

    private static long Number(string[] core, int index) =>
        index < core.Length && long.TryParse(core[index], NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 0;
}
