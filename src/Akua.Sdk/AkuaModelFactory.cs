namespace Akua.Sdk;

/// <summary>Builds response models for your unit tests, e.g. to return from a mocked <see cref="IOffersClient"/>.</summary>
public static class AkuaModelFactory
{
    /// <summary>Builds an <see cref="Sdk.Offer"/> with the given fields; the rest stay unset.</summary>
    /// <param name="id">The offer id.</param>
    /// <param name="shortHash">The link code.</param>
    /// <param name="status">The lifecycle status; active when null.</param>
    /// <param name="productId">The product.</param>
    /// <param name="packageId">The package.</param>
    /// <param name="packageVersionId">The package version.</param>
    /// <param name="etag">The version tag.</param>
    /// <param name="createdAt">The creation time; now when null.</param>
    /// <param name="expiresAt">The expiry.</param>
    /// <param name="maxUses">The redemption limit.</param>
    /// <param name="usedCount">The redemptions so far.</param>
    /// <param name="allowedEmails">The allowlist.</param>
    /// <param name="workspaceId">The owning workspace.</param>
    /// <returns>The offer.</returns>
    public static Offer Offer(
        string id = "offer_test",
        string shortHash = "aB3xK9pQ",
        OfferStatus? status = null,
        string? productId = null,
        string packageId = "pkg_test",
        string packageVersionId = "pkgv_test",
        string? etag = "1",
        DateTimeOffset? createdAt = null,
        DateTimeOffset? expiresAt = null,
        int? maxUses = null,
        int? usedCount = null,
        IReadOnlyList<string>? allowedEmails = null,
        string? workspaceId = null) => new()
        {
            Id = id,
            ShortHash = shortHash,
            Status = status ?? OfferStatus.Active,
            ProductId = productId,
            PackageId = packageId,
            PackageVersionId = packageVersionId,
            Etag = etag,
            CreatedAt = createdAt ?? DateTimeOffset.UtcNow,
            ExpiresAt = expiresAt,
            MaxUses = maxUses,
            UsedCount = usedCount,
            AllowedEmails = allowedEmails,
            WorkspaceId = workspaceId,
        };

    /// <summary>Builds an <see cref="Sdk.OfferCreated"/>.</summary>
    /// <param name="id">The offer id.</param>
    /// <param name="shortHash">The link code.</param>
    /// <returns>The result of a create.</returns>
    public static OfferCreated OfferCreated(string id = "offer_test", string shortHash = "aB3xK9pQ") => new() { Id = id, ShortHash = shortHash };

    /// <summary>Builds a <see cref="Sdk.Product"/> with the given fields.</summary>
    /// <param name="id">The product id.</param>
    /// <param name="name">The name.</param>
    /// <param name="etag">The version tag.</param>
    /// <param name="state">The lifecycle state; active when null.</param>
    /// <param name="packageId">The backing package.</param>
    /// <param name="versionPin">The version pin; latest when null.</param>
    /// <param name="published">Whether listed on the marketplace; null for no listing.</param>
    /// <param name="workspaceId">The owning workspace.</param>
    /// <param name="createdAt">The creation time; now when null.</param>
    /// <returns>The product.</returns>
    public static Product Product(
        string id = "prod_test",
        string name = "Test product",
        string etag = "1",
        ProductState? state = null,
        string packageId = "pkg_test",
        PackageVersionPin? versionPin = null,
        bool? published = null,
        string workspaceId = "ws_test",
        DateTimeOffset? createdAt = null)
    {
        var created = createdAt ?? DateTimeOffset.UtcNow;
        return new Product
        {
            Id = id,
            HtmlUrl = "https://akua.dev/products/" + Uri.EscapeDataString(id),
            Name = name,
            WorkspaceId = workspaceId,
            Package = new ProductPackage { Id = packageId, VersionPin = versionPin ?? PackageVersionPin.Latest },
            Marketplace = published is { } isPublished ? new ProductMarketplace { Published = isPublished } : null,
            CreatedAt = created,
            UpdatedAt = created,
            Etag = etag,
            State = state ?? ProductState.Active,
        };
    }

    /// <summary>Builds a page of a list result.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="data">The items.</param>
    /// <param name="nextCursor">The next page's cursor; null makes this the last page.</param>
    /// <returns>The page.</returns>
    public static AkuaPage<T> Page<T>(IEnumerable<T> data, string? nextCursor = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new AkuaPage<T>(data.ToArray(), nextCursor is not null, nextCursor);
    }
}
