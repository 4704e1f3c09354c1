namespace Akua.Sdk;

/// <summary>
/// A long-running operation with a typed result, as Azure.Core's <c>Operation&lt;T&gt;</c>: the
/// operation as last seen (<see cref="Current"/>), and its result (<see cref="Value"/>) once it
/// succeeded. Wait with <see cref="WaitForCompletionAsync"/>, poll with <see cref="UpdateStatusAsync"/>,
/// or keep <see cref="Id"/> and pick it up later, in another process, with <see cref="ResumeAsync"/>.
/// </summary>
/// <typeparam name="T">The result: <see cref="Package"/> for a package build, <see cref="Install"/> for the install that ends a redemption (<see cref="OrderDraft.InstallOperationId"/>).</typeparam>
public sealed class AkuaOperation<T>
    where T : class
{
    private readonly IOperationsClient _operations;
    private readonly Func<Operation, AkuaRequestOptions?, CancellationToken, Task<T>> _readResult;
    private readonly AkuaRequestOptions? _options;
    private T? _value;

    internal AkuaOperation(IOperationsClient operations, Operation current, Func<Operation, AkuaRequestOptions?, CancellationToken, Task<T>> readResult, AkuaRequestOptions? options)
    {
        _operations = operations;
        _readResult = readResult;
        _options = options;
        Current = current;
    }

    /// <summary>The operation's id: store it to resume waiting later (<see cref="ResumeAsync"/>).</summary>
    public string Id => Current.Id;

    /// <summary>The operation as last read from the API.</summary>
    public Operation Current { get; private set; }

    /// <summary>True once the operation succeeded, failed or was cancelled (as last read).</summary>
    public bool HasCompleted => Current.IsTerminal;

    /// <summary>True once the result has been read (the operation succeeded).</summary>
    public bool HasValue => _value is not null;

    /// <summary>The result, once the operation succeeded and was read with <see cref="UpdateStatusAsync"/> or <see cref="WaitForCompletionAsync"/>.</summary>
    /// <exception cref="AkuaOperationFailedException">The operation failed or was cancelled.</exception>
    /// <exception cref="InvalidOperationException">The operation has not succeeded (yet).</exception>
    public T Value => _value ?? throw NoValue();

    /// <summary>
    /// Picks up an operation by its id, e.g. one started in another process: reads it once, and its
    /// result if it already succeeded.
    /// </summary>
    /// <param name="client">The client to follow it with.</param>
    /// <param name="operationId">The operation's id.</param>
    /// <param name="options">Per-call settings, used for every call the operation makes.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The operation.</returns>
    /// <exception cref="ArgumentException">No operation this SDK starts has a result of type <typeparamref name="T"/>.</exception>
    public static async Task<AkuaOperation<T>> ResumeAsync(IAkuaClient client, string operationId, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var readResult = AkuaOperationResults.For<T>(client)
            ?? throw new ArgumentException($"No Akua operation this SDK starts has a result of type {typeof(T).Name}.", nameof(T));
        var operation = new AkuaOperation<T>(client.Operations, await client.Operations.GetAsync(operationId, options, cancellationToken).ConfigureAwait(false), readResult, options);
        await operation.ReadResultAsync(cancellationToken).ConfigureAwait(false);
        return operation;
    }

    /// <summary>Reads the operation again (<c>operations.get</c>), and its result if it succeeded.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The operation as it stands.</returns>
    public async Task<Operation> UpdateStatusAsync(CancellationToken cancellationToken = default)
    {
        Current = await _operations.GetAsync(Id, _options, cancellationToken).ConfigureAwait(false);
        await ReadResultAsync(cancellationToken).ConfigureAwait(false);
        return Current;
    }

    /// <summary>
    /// Waits until the operation is terminal (see <see cref="IOperationsClient.WaitForCompletionAsync"/>)
    /// and returns its result.
    /// </summary>
    /// <param name="cancellationToken">Cancels the waiting (not the operation).</param>
    /// <returns>The result.</returns>
    /// <exception cref="AkuaOperationFailedException">The operation failed or was cancelled; it carries the operation's error and id.</exception>
    public async Task<T> WaitForCompletionAsync(CancellationToken cancellationToken = default)
    {
        if (!HasCompleted)
        {
            Current = await _operations.WaitForCompletionAsync(Id, _options, cancellationToken).ConfigureAwait(false);
        }

        await ReadResultAsync(cancellationToken).ConfigureAwait(false);
        return Value;
    }

    /// <summary>The operation's id, kind and state.</summary>
    /// <returns>Text such as <c>op_123 (package.create) SUCCEEDED</c>.</returns>
    public override string ToString() => $"{Id} ({Current.Kind ?? "unknown kind"}) {Current.State.Value}";

    private async Task ReadResultAsync(CancellationToken cancellationToken)
    {
        if (_value is null && Current.State == OperationState.Succeeded)
        {
            _value = await _readResult(Current, _options, cancellationToken).ConfigureAwait(false);
        }
    }

    private Exception NoValue() =>
        Current.State == OperationState.Failed || Current.State == OperationState.Cancelled
            ? new AkuaOperationFailedException(Current)
            : new InvalidOperationException(HasCompleted
                ? $"The operation {Id} ended {Current.State.Value}; read its result with UpdateStatusAsync or WaitForCompletionAsync."
                : $"The operation {Id} is still {Current.State.Value}; wait for it with WaitForCompletionAsync.");
}

/// <summary>How each operation this SDK starts turns into its typed result.</summary>
internal static class AkuaOperationResults
{
    public static Func<Operation, AkuaRequestOptions?, CancellationToken, Task<T>>? For<T>(IAkuaClient client)
        where T : class =>
        typeof(T) == typeof(Package) ? (Func<Operation, AkuaRequestOptions?, CancellationToken, Task<T>>)(object)Package(client.Packages)
        : typeof(T) == typeof(Install) ? (Func<Operation, AkuaRequestOptions?, CancellationToken, Task<T>>)(object)Install(client.Installs)
        : null;

    public static Func<Operation, AkuaRequestOptions?, CancellationToken, Task<Package>> Package(IPackagesClient packages) =>
        (operation, options, cancellationToken) => ReadAsync(
            operation, "package.create", "package_id", operation.PackageCreateResponse?.PackageId,
            id => packages.GetAsync(id, options: options, cancellationToken: cancellationToken));

    public static Func<Operation, AkuaRequestOptions?, CancellationToken, Task<Install>> Install(IInstallsClient installs) =>
        (operation, options, cancellationToken) => ReadAsync(
            operation, "install.create", "install_id", operation.InstallCreateResponse?.InstallId,
            id => installs.GetAsync(id, options: options, cancellationToken: cancellationToken));

    /// <summary>Reads the resource a succeeded operation names; an id the server got wrong is the server's fault, not the caller's.</summary>
    private static async Task<T> ReadAsync<T>(Operation operation, string kind, string property, string? id, Func<string, Task<T>> read)
    {
        Task<T> reading;
        try
        {
            reading = read(id ?? throw Invalid(operation, $"succeeded without the {kind} response's {property}"));
        }
        catch (ArgumentException error)
        {
            throw Invalid(operation, $"named a {property} that cannot be read back ({AkuaHeaders.Sanitize(error.Message, 200)})");
        }

        return await reading.ConfigureAwait(false);
    }

    private static AkuaInvalidResponseException Invalid(Operation operation, string problem) =>
        new($"Akua operation {AkuaHeaders.Sanitize(operation.Id)} {problem}.", operation.GetRawResponse()?.StatusCode ?? 200, operation.GetRawResponse()?.RequestId);
}
