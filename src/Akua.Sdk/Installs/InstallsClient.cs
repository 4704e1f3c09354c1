using Operations = Akua.Sdk.Contract.AkuaOperations;

namespace Akua.Sdk;

/// <summary>The HTTP implementation of <see cref="IInstallsClient"/>.</summary>
internal sealed class InstallsClient(AkuaPipeline pipeline) : AkuaResourceClient(pipeline), IInstallsClient
{
    public Task<AkuaPage<Install>> ListPageAsync(ListInstallsOptions? query = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        PageAsync<InstallList, Install>(Call(Operations.InstallsList.Info, Operations.InstallsList.Uri(query?.Cursor, query?.Limit, query?.ProductId), options), Json.InstallList, cancellationToken);

    public IAsyncEnumerable<Install> ListAsync(ListInstallsOptions? query = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        Operations.InstallsList.Uri(query?.Cursor, query?.Limit, query?.ProductId);
        var (productId, limit) = (query?.ProductId, query?.Limit);
        return EnumerateAsync(
            Operations.InstallsList.Info,
            (cursor, ct) => ListPageAsync(new ListInstallsOptions { ProductId = productId, Limit = limit, Cursor = cursor }, options, ct),
            query?.Cursor,
            options,
            cancellationToken);
    }

    public Task<Install> GetAsync(string installId, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        SendAsync(Call(Operations.InstallsGet.Info, Operations.InstallsGet.Uri(installId), options), Json.Install, cancellationToken);

    public Task<InstallStatus> GetStatusAsync(string installId, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        SendAsync(Call(Operations.InstallsGetStatus.Info, Operations.InstallsGetStatus.Uri(installId), options), Json.InstallStatus, cancellationToken);
}
