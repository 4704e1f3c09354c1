using System.Text.Json;

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

    /// <summary>Builds a <see cref="Sdk.Package"/> (hosted, built from the SDK's point of view).</summary>
    /// <param name="id">The package id.</param>
    /// <param name="name">The name.</param>
    /// <param name="latestVersionId">The version products pinned to latest install.</param>
    /// <param name="workspaceId">The owning workspace.</param>
    /// <param name="etag">The version tag.</param>
    /// <param name="createdAt">The creation time; now when null.</param>
    /// <returns>The package.</returns>
    public static Package Package(
        string id = "pkg_test",
        string name = "Test package",
        string latestVersionId = "pkgv_test",
        string workspaceId = "ws_test",
        string? etag = "1",
        DateTimeOffset? createdAt = null) => new()
        {
            Id = id,
            HtmlUrl = "https://akua.dev/packages/" + Uri.EscapeDataString(id),
            WorkspaceId = workspaceId,
            Name = name,
            LatestVersionId = latestVersionId,
            Source = new PackageSource { Kind = PackageSourceKind.Hosted },
            CreatedAt = createdAt ?? DateTimeOffset.UtcNow,
            Etag = etag,
        };

    /// <summary>Builds a <see cref="Sdk.PackageVersion"/>.</summary>
    /// <param name="id">The version id, what offers pin.</param>
    /// <param name="packageId">The package.</param>
    /// <param name="semver">The version.</param>
    /// <param name="inputSchemaJson">The install form's JSON Schema; an empty object when null.</param>
    /// <param name="createdAt">The creation and publication time; now when null.</param>
    /// <returns>The version.</returns>
    public static PackageVersion PackageVersion(
        string id = "pkgv_test",
        string packageId = "pkg_test",
        string semver = "1.0.0",
        string? inputSchemaJson = null,
        DateTimeOffset? createdAt = null)
    {
        var created = createdAt ?? DateTimeOffset.UtcNow;
        return new PackageVersion
        {
            Id = id,
            PackageId = packageId,
            Semver = semver,
            Ref = "charts/" + semver + ".tgz",
            InputSchema = Json(inputSchemaJson ?? "{}", nameof(inputSchemaJson)) is { ValueKind: JsonValueKind.Object } schema
                ? schema.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal)
                : throw new ArgumentException("An input schema is a JSON object.", nameof(inputSchemaJson)),
            PublishedAt = created,
            CreatedAt = created,
        };
    }

    /// <summary>Builds an <see cref="Sdk.Operation"/>.</summary>
    /// <param name="id">The operation id.</param>
    /// <param name="state">Its state; running when null. Succeeded, failed and cancelled ones are done.</param>
    /// <param name="metadataJson">Its <c>metadata</c> union as JSON, e.g. <c>{"type":"package.create",...}</c>; an object of no kind when null.</param>
    /// <param name="responseJson">Its <c>response</c> union as JSON, once succeeded; none when null.</param>
    /// <param name="error">Why it failed.</param>
    /// <param name="ownerType">The kind of resource it acts on; a package when null.</param>
    /// <param name="ownerId">The resource it acts on.</param>
    /// <param name="startedAt">When it started; now when null.</param>
    /// <returns>The operation.</returns>
    public static Operation Operation(
        string id = "op_test",
        OperationState? state = null,
        string? metadataJson = null,
        string? responseJson = null,
        OperationError? error = null,
        OperationOwnerType? ownerType = null,
        string ownerId = "pkg_test",
        DateTimeOffset? startedAt = null)
    {
        var current = state ?? OperationState.Running;
        var done = current == OperationState.Succeeded || current == OperationState.Failed || current == OperationState.Cancelled;
        return new Operation
        {
            Id = id,
            OwnerType = ownerType ?? OperationOwnerType.Package,
            OwnerId = ownerId,
            State = current,
            Done = done,
            HtmlUrl = "https://akua.dev/operations/" + Uri.EscapeDataString(id),
            Metadata = Json(metadataJson ?? "{}", nameof(metadataJson)),
            Response = responseJson is null ? null : Json(responseJson, nameof(responseJson)),
            Error = error,
            StartedAt = startedAt ?? DateTimeOffset.UtcNow,
            CompletedAt = done ? startedAt ?? DateTimeOffset.UtcNow : null,
        };
    }

    /// <summary>
    /// Builds an <see cref="AkuaOperation{T}"/>, e.g. to return from a mocked
    /// <see cref="IPackagesClient.CreateAsync"/>: it reads and waits through <paramref name="operations"/>
    /// (your mock, or a real client) and turns a succeeded operation into its result with <paramref name="readResult"/>.
    /// </summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="current">The operation as first seen.</param>
    /// <param name="operations">What <see cref="AkuaOperation{T}.UpdateStatusAsync"/> and <see cref="AkuaOperation{T}.WaitForCompletionAsync"/> call.</param>
    /// <param name="readResult">Reads the result of the succeeded operation.</param>
    /// <returns>The operation.</returns>
    public static AkuaOperation<T> LongRunningOperation<T>(Operation current, IOperationsClient operations, Func<Operation, CancellationToken, Task<T>> readResult)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(readResult);
        return new AkuaOperation<T>(operations, current, (operation, _, cancellationToken) => readResult(operation, cancellationToken), null);
    }

    /// <summary>Builds an <see cref="Sdk.OrderDraft"/> as a seller reads it (no <c>field_values</c>).</summary>
    /// <param name="id">The draft id.</param>
    /// <param name="offerId">The offer being redeemed.</param>
    /// <param name="status">Its phase; auth when null.</param>
    /// <param name="etag">Its version tag; a new one is what <see cref="IOrderDraftsClient.WatchAsync"/> yields on.</param>
    /// <param name="customerEmail">The customer.</param>
    /// <param name="installOperationId">The operation of its install, from the install phase on.</param>
    /// <param name="createdAt">The creation time; now when null.</param>
    /// <returns>The draft.</returns>
    public static OrderDraft OrderDraft(
        string id = "odft_test",
        string offerId = "offer_test",
        OrderDraftStatus? status = null,
        string etag = "1",
        string? customerEmail = null,
        string? installOperationId = null,
        DateTimeOffset? createdAt = null)
    {
        var created = createdAt ?? DateTimeOffset.UtcNow;
        var phase = status ?? OrderDraftStatus.Auth;
        return new OrderDraft
        {
            Id = id,
            OfferId = offerId,
            Status = phase,
            CustomerEmail = customerEmail,
            InstallOperationId = installOperationId,
            PaymentCompleted = phase == OrderDraftStatus.Install || phase == OrderDraftStatus.Done,
            CreatedAt = created,
            UpdatedAt = created,
            Etag = etag,
            TtlExpiresAt = created.AddDays(1),
        };
    }

    /// <summary>Builds an <see cref="Sdk.Install"/>.</summary>
    /// <param name="id">The install id.</param>
    /// <param name="packageVersionId">The version it runs.</param>
    /// <param name="state">Its state; healthy when null.</param>
    /// <param name="productId">The product it was sold as.</param>
    /// <param name="customerWorkspaceName">The customer's workspace.</param>
    /// <param name="createdAt">The creation time; now when null.</param>
    /// <returns>The install.</returns>
    public static Install Install(
        string id = "inst_test",
        string packageVersionId = "pkgv_test",
        InstallState? state = null,
        string? productId = null,
        string customerWorkspaceName = "Customer",
        DateTimeOffset? createdAt = null)
    {
        var created = createdAt ?? DateTimeOffset.UtcNow;
        return new Install
        {
            Id = id,
            HtmlUrl = "https://akua.dev/installs/" + Uri.EscapeDataString(id),
            WorkspaceId = "ws_customer",
            CustomerWorkspace = new InstallCustomerWorkspace { Id = "ws_customer", Name = customerWorkspaceName },
            ProductId = productId,
            PackageVersionId = packageVersionId,
            State = state ?? InstallState.Healthy,
            Urls = [],
            CreatedAt = created,
            UpdatedAt = created,
            Etag = "1",
        };
    }

    private static JsonElement Json(string json, string paramName)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException error)
        {
            throw new ArgumentException($"{paramName} is not JSON: {error.Message}", paramName, error);
        }
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
