namespace Akua.Sdk;

/// <summary>
/// Installs: a product running in a customer's workspace, created when a redemption reaches its
/// install phase. Read-only for the seller. Every method throws <see cref="AkuaException"/>
/// subclasses on failure.
/// </summary>
public interface IInstallsClient
{
    /// <summary>Gets one page of installs (<c>installs.list</c>), newest first when filtered by product.</summary>
    /// <param name="query">An optional product, page size and cursor.</param>
    /// <param name="options">Per-call workspace.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    Task<AkuaPage<Install>> ListPageAsync(ListInstallsOptions? query = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Enumerates every install, fetching pages lazily as you iterate; memory holds one page at a time.</summary>
    /// <param name="query">An optional product, page size and the cursor to start from.</param>
    /// <param name="options">Per-call workspace.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The installs.</returns>
    IAsyncEnumerable<Install> ListAsync(ListInstallsOptions? query = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Gets an install (<c>installs.get</c>).</summary>
    /// <param name="installId">The install's id (<c>inst_...</c>).</param>
    /// <param name="options">Per-call workspace.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The install.</returns>
    Task<Install> GetAsync(string installId, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Gets an install's live deploy status, for dashboards and health checks (<c>installs.getStatus</c>).</summary>
    /// <param name="installId">The install's id.</param>
    /// <param name="options">Per-call workspace.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The status.</returns>
    Task<InstallStatus> GetStatusAsync(string installId, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);
}
