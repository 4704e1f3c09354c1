namespace Akua.Sdk;

/// <summary>
/// Packages: the software a seller sells, and its versions (each with the install form's input
/// schema that offers' <c>field_values</c> pre-fill). Every method throws <see cref="AkuaException"/>
/// subclasses on failure.
/// </summary>
public interface IPackagesClient
{
    /// <summary>Gets one page of the workspace's packages (<c>packages.list</c>).</summary>
    /// <param name="query">Page size, cursor and view (<see cref="PackageView.Full"/> adds the sources' details).</param>
    /// <param name="options">Per-call workspace.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    Task<AkuaPage<Package>> ListPageAsync(ListPackagesOptions? query = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Enumerates every package, fetching pages lazily as you iterate; memory holds one page at a time.</summary>
    /// <param name="query">Page size, view and the cursor to start from.</param>
    /// <param name="options">Per-call workspace.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The packages.</returns>
    IAsyncEnumerable<Package> ListAsync(ListPackagesOptions? query = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Gets a package (<c>packages.get</c>).</summary>
    /// <param name="packageId">The package's id (<c>pkg_...</c>).</param>
    /// <param name="view">How much to include; the API's default is <see cref="PackageView.Basic"/>.</param>
    /// <param name="options">Per-call workspace.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The package.</returns>
    Task<Package> GetAsync(string packageId, PackageView? view = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts building a package from a Helm chart (<c>packages.create</c>). The API answers at once
    /// with a long-running operation; wait on it for the package:
    /// <c>var package = await (await akua.Packages.CreateAsync(request)).WaitForCompletionAsync();</c>.
    /// Safe to retry: the call carries an idempotency key.
    /// </summary>
    /// <param name="request">The package's name and source.</param>
    /// <param name="options">Per-call workspace and idempotency key.</param>
    /// <param name="cancellationToken">Cancels the call (not the operation it starts).</param>
    /// <returns>The operation building the package.</returns>
    /// <exception cref="ArgumentException">The request breaks a documented limit; nothing was sent.</exception>
    Task<AkuaOperation<Package>> CreateAsync(CreatePackageRequest request, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Imports a package published to an OCI registry, with its first version (<c>packages.importPublished</c>).</summary>
    /// <param name="request">The package's name, OCI reference and first version.</param>
    /// <param name="options">Per-call workspace and idempotency key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The imported package.</returns>
    /// <exception cref="ArgumentException">The request breaks a documented limit; nothing was sent.</exception>
    Task<Package> ImportAsync(ImportPackageRequest request, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes a package (<c>packages.delete</c>), if it is still at <paramref name="etag"/>.</summary>
    /// <param name="packageId">The package's id.</param>
    /// <param name="etag">The etag of the version you read; sent as <c>if-match</c>.</param>
    /// <param name="options">Per-call workspace and idempotency key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the package is gone.</returns>
    /// <exception cref="AkuaConcurrencyException">The package changed since you read it.</exception>
    /// <exception cref="AkuaConflictException">A product or an install still uses the package.</exception>
    Task DeleteAsync(string packageId, string etag, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Gets one page of a package's versions (<c>packages.listVersions</c>).</summary>
    /// <param name="packageId">The package's id.</param>
    /// <param name="query">Page size and cursor.</param>
    /// <param name="options">Per-call workspace.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    Task<AkuaPage<PackageVersion>> ListVersionsPageAsync(string packageId, ListPackageVersionsOptions? query = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Enumerates every version of a package, fetching pages lazily as you iterate.</summary>
    /// <param name="packageId">The package's id.</param>
    /// <param name="query">Page size and the cursor to start from.</param>
    /// <param name="options">Per-call workspace.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The versions.</returns>
    IAsyncEnumerable<PackageVersion> ListVersionsAsync(string packageId, ListPackageVersionsOptions? query = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Gets one version of a package (<c>packages.getVersion</c>); its <see cref="PackageVersion.Id"/> is what offers pin.</summary>
    /// <param name="packageId">The package's id.</param>
    /// <param name="versionId">The version's id (<c>pkgv_...</c>).</param>
    /// <param name="options">Per-call workspace.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The version.</returns>
    Task<PackageVersion> GetVersionAsync(string packageId, string versionId, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gets the JSON Schema of a version's install form (<c>packages.getVersionInputs</c>): the
    /// property names an offer's <c>FieldValues</c> may pre-fill, and what each value must be.
    /// </summary>
    /// <param name="packageId">The package's id.</param>
    /// <param name="versionId">The version's id.</param>
    /// <param name="options">Per-call workspace.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The input schema.</returns>
    Task<PackageVersionInputs> GetVersionInputsAsync(string packageId, string versionId, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Publishes a new version of a package (<c>packages.createVersion</c>).</summary>
    /// <param name="packageId">The package's id.</param>
    /// <param name="request">The version's semantic version, source reference and input schema.</param>
    /// <param name="options">Per-call workspace. The operation takes no idempotency key, so it is not retried.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new version.</returns>
    /// <exception cref="ArgumentException">The request breaks a documented limit; nothing was sent.</exception>
    Task<PackageVersion> CreateVersionAsync(string packageId, CreatePackageVersionRequest request, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);
}
