using Akua.Sdk.Contract;

namespace Akua.Sdk.Testing;

/// <summary>The seller's three Installs operations: read-only.</summary>
internal sealed class InstallsRoutes(EmulatorStore store)
{
    private const string Kind = "install";

    public IEnumerable<EmulatorRoute> Routes() =>
    [
        new(AkuaOperations.InstallsList.Info, List),
        new(AkuaOperations.InstallsGet.Info, request => Find(request, AkuaOperations.InstallsGet.Id, i => Replies.Ok(200, i.ToModel(store.Origin)))),
        new(AkuaOperations.InstallsGetStatus.Info, request => Find(request, AkuaOperations.InstallsGetStatus.Id, i => Replies.Ok(200, i.ToStatus()))),
    ];

    /// <summary>The workspace's installs and those of its offers' customers; with <c>product_id</c>, the product's.</summary>
    private Reply List(EmulatorRequest request)
    {
        var productId = request.Query(AkuaOperations.InstallsList.ProductId);
        return Paging.Page(
            request,
            AkuaOperations.InstallsList.Limit,
            AkuaOperations.InstallsList.Cursor,
            store.Installs.Values.Where(i => productId is null || i.ProductId == productId),
            i => i.ToModel(store.Origin),
            static (install, workspace) => install.IsVisibleIn(workspace));
    }

    private Reply Find(EmulatorRequest request, AkuaValueRule idRule, Func<InstallRecord, Reply> answer)
    {
        var id = request.Path(idRule);
        return store.Installs.TryGetValue(id, out var install) && install.IsVisibleIn(request.Workspace ?? request.Caller!.DefaultWorkspaceId)
            ? answer(install)
            : Replies.NotFound(Kind, id);
    }
}
