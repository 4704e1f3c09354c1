namespace Akua.Sdk;

/// <summary>A long-running operation ended without its result: it failed, or it was cancelled.</summary>
public class AkuaOperationFailedException : AkuaException
{
    /// <summary>Creates the exception for an operation that ended without success.</summary>
    /// <param name="operation">The operation as it ended.</param>
    public AkuaOperationFailedException(Operation operation)
        : base(Describe(operation ?? throw new ArgumentNullException(nameof(operation))))
    {
        Operation = operation;
    }

    /// <summary>The operation as it ended (<see cref="Operation.State"/> FAILED or CANCELLED).</summary>
    public Operation Operation { get; }

    /// <summary>The operation's id, to look it up in the dashboard or quote to Akua support.</summary>
    public string OperationId => Operation.Id;

    /// <summary>How the operation ended.</summary>
    public OperationState State => Operation.State;

    /// <summary>Why it ended, as the API says; null when it gave no reason.</summary>
    public OperationError? Error => Operation.Error;

    private static string Describe(Operation operation)
    {
        var reason = operation.Error?.Message is { Length: > 0 } message ? ": " + AkuaHeaders.Sanitize(message, 1000) : ".";
        return $"Akua operation {AkuaHeaders.Sanitize(operation.Id)} ({operation.Kind ?? "unknown kind"}) ended {operation.State.Value}{reason}";
    }
}
