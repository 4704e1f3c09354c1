using Akua.Sdk.Contract;

namespace Akua.Sdk.Testing;

/// <summary>The four Operations operations: list, get, a long-polling wait, cancel.</summary>
internal sealed class OperationsRoutes(EmulatorStore store)
{
    private const string Kind = "operation";

    /// <summary>The document's default for <c>timeout</c>, in seconds.</summary>
    private const int DefaultWaitSeconds = 30;

    public IEnumerable<EmulatorRoute> Routes() =>
    [
        new(AkuaOperations.OperationsList.Info, List),
        new(AkuaOperations.OperationsGet.Info, request => Read(request, AkuaOperations.OperationsGet.Id)),
        new(AkuaOperations.OperationsWait.Info, request => Read(request, AkuaOperations.OperationsWait.Id)) { Prepare = WaitAsync },
        new(AkuaOperations.OperationsCancel.Info, Cancel),
    ];

    private Reply List(EmulatorRequest request)
    {
        var ownerType = request.Query(AkuaOperations.OperationsList.OwnerType);
        var ownerId = request.Query(AkuaOperations.OperationsList.OwnerId);
        if (ownerType is not null && string.IsNullOrEmpty(ownerId))
        {
            return request.Invalid(["query", AkuaOperations.OperationsList.OwnerId.Name], $"'{AkuaOperations.OperationsList.OwnerId.Name}' is required with '{AkuaOperations.OperationsList.OwnerType.Name}'.");
        }

        // owner_id alone is ignored, as the document says.
        return Paging.Page(
            request,
            AkuaOperations.OperationsList.Limit,
            AkuaOperations.OperationsList.Cursor,
            store.Operations.Values.Where(o => ownerType is null || (o.OwnerType.Value == ownerType && o.OwnerId == ownerId)),
            o => o.ToModel(withSteps: false),
            Visible(request));
    }

    private Reply Read(EmulatorRequest request, AkuaValueRule idRule)
    {
        var id = request.Path(idRule);
        return Find(request, id) is { } operation ? Replies.Ok(200, operation.ToModel(withSteps: true)) : Replies.NotFound(Kind, id);
    }

    /// <summary>
    /// The long poll: waits, outside the store's lock, until the operation ends or <c>timeout</c>
    /// seconds pass on the emulator's clock; the handler then answers with its state either way.
    /// </summary>
    private async Task WaitAsync(EmulatorRequest request)
    {
        Task completion;
        lock (store.Gate)
        {
            store.Settle();
            if (Find(request, request.Path(AkuaOperations.OperationsWait.Id)) is not { IsTerminal: false } operation)
            {
                return;
            }

            completion = operation.Completion;
        }

        var seconds = request.QueryInteger(AkuaOperations.OperationsWait.Timeout) ?? DefaultWaitSeconds;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(request.Http.RequestAborted, store.Stopping);
        var timeout = Task.Delay(TimeSpan.FromSeconds(seconds), store.Time, stop.Token);
        await Task.WhenAny(completion, timeout).ConfigureAwait(false);

        // Releases the timer of a wait that ended early; a caller that went away ends the request.
        await stop.CancelAsync().ConfigureAwait(false);
        request.Http.RequestAborted.ThrowIfCancellationRequested();
    }

    private Reply Cancel(EmulatorRequest request)
    {
        var id = request.Path(AkuaOperations.OperationsCancel.Id);
        if (Find(request, id) is not { } operation)
        {
            return Replies.NotFound(Kind, id);
        }

        if (operation.IsTerminal)
        {
            return Replies.Error(422, ErrorCodes.Unprocessable, $"The operation '{id}' already ended {operation.State.Value}; only a running operation can be cancelled.");
        }

        // The emulator drains no steps: the cancellation lands at once.
        operation.Cancel(store.Now);
        return Replies.Ok(202, operation.ToModel(withSteps: true));
    }

    /// <summary>
    /// An operation the caller may read. operations.get, wait and cancel name no akua-context, so
    /// the token's workspaces scope them; the list runs in the request's workspace.
    /// </summary>
    private OperationRecord? Find(EmulatorRequest request, string id)
    {
        var workspaces = request.Workspace is { } workspace ? new HashSet<string>(StringComparer.Ordinal) { workspace } : request.Caller!.Workspaces;
        return store.Operations.TryGetValue(id, out var operation) && (workspaces.Contains(operation.WorkspaceId) || operation.VisibleTo.Overlaps(workspaces))
            ? operation
            : null;
    }

    private static Func<OperationRecord, string?, bool> Visible(EmulatorRequest request) =>
        (operation, workspace) => operation.WorkspaceId == workspace || (workspace is not null && operation.VisibleTo.Contains(workspace));
}
