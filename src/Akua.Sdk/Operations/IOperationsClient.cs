namespace Akua.Sdk;

/// <summary>
/// Operations: long-running work another request started (building a package, creating an
/// install), and waiting for it to finish. <see cref="AkuaOperation{T}"/> wraps one with its typed
/// result. Every method throws <see cref="AkuaException"/> subclasses on failure.
/// </summary>
public interface IOperationsClient
{
    /// <summary>Gets an operation with its steps (<c>operations.get</c>).</summary>
    /// <param name="operationId">The operation's id (<c>op_...</c>).</param>
    /// <param name="options">Per-call workspace.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The operation as it stands.</returns>
    Task<Operation> GetAsync(string operationId, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Gets one page of operations, optionally of one resource (<c>operations.list</c>).</summary>
    /// <param name="query">Page size, cursor, and the owner to filter by (<see cref="ListOperationsOptions.OwnerType"/> and <see cref="ListOperationsOptions.OwnerId"/> together).</param>
    /// <param name="options">Per-call settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentException">Only one of OwnerType and OwnerId is set; nothing was sent.</exception>
    Task<AkuaPage<Operation>> ListPageAsync(ListOperationsOptions? query = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Enumerates every operation (of one owner, if filtered), fetching pages lazily as you iterate.</summary>
    /// <param name="query">Page size, owner filter and the cursor to start from.</param>
    /// <param name="options">Per-call settings.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The operations.</returns>
    IAsyncEnumerable<Operation> ListAsync(ListOperationsOptions? query = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// One long poll (<c>operations.wait</c>): the server answers as soon as the operation is
    /// terminal, or after <paramref name="serverTimeout"/>. The attempt timeout of this call is
    /// longer than the server's wait. Not retried (the operation takes no idempotency key); see
    /// <see cref="WaitForCompletionAsync"/> for a wait that survives failures.
    /// </summary>
    /// <param name="operationId">The operation's id.</param>
    /// <param name="serverTimeout">How long the server may hold the call, 1 to 60 whole seconds; the API's default when null.</param>
    /// <param name="options">Per-call settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The operation as it stands when the server answered.</returns>
    Task<Operation> WaitAsync(string operationId, TimeSpan? serverTimeout = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits until the operation is terminal (<see cref="Operation.Done"/>), repeating
    /// <c>operations.wait</c> long polls. A failed poll (5xx, rate limit, connection) is waited out
    /// with a growing pause on the client's <see cref="AkuaClientOptions.TimeProvider"/>, never in a
    /// loop tighter than the server's long poll. Only <paramref name="cancellationToken"/> ends it early.
    /// </summary>
    /// <param name="operationId">The operation's id.</param>
    /// <param name="options">Per-call settings.</param>
    /// <param name="cancellationToken">Cancels the waiting (not the operation).</param>
    /// <returns>The terminal operation; check <see cref="Operation.State"/>.</returns>
    Task<Operation> WaitForCompletionAsync(string operationId, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Asks for an operation to stop (<c>operations.cancel</c>).</summary>
    /// <param name="operationId">The operation's id.</param>
    /// <param name="etag">An etag to guard the cancel with, sent as <c>if-match</c>; none when null.</param>
    /// <param name="options">Per-call workspace and idempotency key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The operation after the request (it stops asynchronously).</returns>
    /// <exception cref="AkuaValidationException">The operation is already terminal (422).</exception>
    Task<Operation> CancelAsync(string operationId, string? etag = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);
}
