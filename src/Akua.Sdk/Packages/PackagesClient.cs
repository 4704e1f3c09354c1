using Operations = Akua.Sdk.Contract.AkuaOperations;

namespace Akua.Sdk;

/// <summary>The HTTP implementation of <see cref="IPackagesClient"/>.</summary>
internal sealed class PackagesClient(AkuaPipeline pipeline, IOperationsClient operations) : AkuaResourceClient(pipeline), IPackagesClient
{
    public Task<AkuaPage<Package>> ListPageAsync(ListPackagesOptions? query = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        PageAsync<PackageList, Package>(Call(Operations.PackagesList.Info, Operations.PackagesList.Uri(query?.Cursor, query?.Limit, query?.View), options), Json.PackageList, cancellationToken);

    public IAsyncEnumerable<Package> ListAsync(ListPackagesOptions? query = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        Operations.PackagesList.Uri(query?.Cursor, query?.Limit, query?.View);
        var (limit, view) = (query?.Limit, query?.View);
        return EnumerateAsync(
            Operations.PackagesList.Info,
            (cursor, ct) => ListPageAsync(new ListPackagesOptions { Limit = limit, View = view, Cursor = cursor }, options, ct),
            query?.Cursor,
            options,
            cancellationToken);
    }

    public Task<Package> GetAsync(string packageId, PackageView? view = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        SendAsync(Call(Operations.PackagesGet.Info, Operations.PackagesGet.Uri(packageId, view), options), Json.Package, cancellationToken);

    public async Task<AkuaOperation<Package>> CreateAsync(CreatePackageRequest request, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        // The 202 body is the Operation resource with package-creation metadata: read as Operation, it is followed like any other.
        var call = Call(Operations.PackagesCreate.Info, Operations.PackagesCreate.Uri(), request, Json.CreatePackageRequest, nameof(request), options);
        var started = await SendAsync(call, Json.Operation, cancellationToken).ConfigureAwait(false);
        return new AkuaOperation<Package>(operations, started, AkuaOperationResults.Package(this), ReadOptions(options));
    }

    public Task<Package> ImportAsync(ImportPackageRequest request, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        SendAsync(Call(Operations.PackagesImportPublished.Info, Operations.PackagesImportPublished.Uri(), request, Json.ImportPackageRequest, nameof(request), options), Json.Package, cancellationToken);

    public Task DeleteAsync(string packageId, string etag, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        Pipeline.SendAsync(Call(Operations.PackagesDelete.Info, Operations.PackagesDelete.Uri(packageId), options, etag), cancellationToken);

    public Task<AkuaPage<PackageVersion>> ListVersionsPageAsync(string packageId, ListPackageVersionsOptions? query = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        PageAsync<PackageVersionList, PackageVersion>(Call(Operations.PackagesListVersions.Info, Operations.PackagesListVersions.Uri(packageId, query?.Cursor, query?.Limit), options), Json.PackageVersionList, cancellationToken);

    public IAsyncEnumerable<PackageVersion> ListVersionsAsync(string packageId, ListPackageVersionsOptions? query = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        Operations.PackagesListVersions.Uri(packageId, query?.Cursor, query?.Limit);
        var limit = query?.Limit;
        return EnumerateAsync(
            Operations.PackagesListVersions.Info,
            (cursor, ct) => ListVersionsPageAsync(packageId, new ListPackageVersionsOptions { Limit = limit, Cursor = cursor }, options, ct),
            query?.Cursor,
            options,
            cancellationToken);
    }

    public Task<PackageVersion> GetVersionAsync(string packageId, string versionId, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        SendAsync(Call(Operations.PackagesGetVersion.Info, Operations.PackagesGetVersion.Uri(packageId, versionId), options), Json.PackageVersion, cancellationToken);

    public Task<PackageVersionInputs> GetVersionInputsAsync(string packageId, string versionId, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        SendAsync(Call(Operations.PackagesGetVersionInputs.Info, Operations.PackagesGetVersionInputs.Uri(packageId, versionId), options), Json.PackageVersionInputs, cancellationToken);

    public Task<PackageVersion> CreateVersionAsync(string packageId, CreatePackageVersionRequest request, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        SendAsync(Call(Operations.PackagesCreateVersion.Info, Operations.PackagesCreateVersion.Uri(packageId), request, Json.CreatePackageVersionRequest, nameof(request), options), Json.PackageVersion, cancellationToken);

    // Following the operation reads; the create's idempotency key belongs to the create alone.
    private static AkuaRequestOptions? ReadOptions(AkuaRequestOptions? options) =>
        options?.IdempotencyKey is null ? options : options.WithIdempotencyKey(null);
}
