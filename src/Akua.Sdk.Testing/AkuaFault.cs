using System.Collections.Concurrent;

namespace Akua.Sdk.Testing;

/// <summary>
/// A failure the <see cref="AkuaEmulator"/> answers one request with instead of serving it, to
/// test how callers cope with an unreliable network or API. Queue faults with
/// <see cref="AkuaFaultQueue.Enqueue(AkuaFault, int)"/>.
/// </summary>
public sealed class AkuaFault
{
    private AkuaFault(AkuaFaultKind kind, int statusCode, TimeSpan duration)
    {
        Kind = kind;
        StatusCode = statusCode;
        Duration = duration;
    }

    /// <summary>What the fault does.</summary>
    public AkuaFaultKind Kind { get; }

    /// <summary>The HTTP status code answered, for <see cref="AkuaFaultKind.Status"/>, <see cref="AkuaFaultKind.RateLimited"/> and <see cref="AkuaFaultKind.Html"/>; otherwise 0.</summary>
    public int StatusCode { get; }

    /// <summary>The <c>Retry-After</c> of <see cref="AkuaFaultKind.RateLimited"/>, or the wait of <see cref="AkuaFaultKind.Delay"/>; otherwise zero.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Answers with <paramref name="statusCode"/> and an Akua error body.</summary>
    /// <param name="statusCode">An HTTP status code from 400 to 599, such as 500 or 503.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is not 400 to 599.</exception>
    public static AkuaFault Status(int statusCode)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        return new AkuaFault(AkuaFaultKind.Status, statusCode, TimeSpan.Zero);
    }

    /// <summary>Answers 429 with a <c>Retry-After</c> header of whole seconds (rounded up) and an Akua error body.</summary>
    /// <param name="retryAfter">How long the caller is told to wait; zero or more.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="retryAfter"/> is negative.</exception>
    public static AkuaFault RateLimited(TimeSpan retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retryAfter, TimeSpan.Zero);
        return new AkuaFault(AkuaFaultKind.RateLimited, 429, retryAfter);
    }

    /// <summary>Waits <paramref name="delay"/> before serving the request normally (or until the caller gives up).</summary>
    /// <param name="delay">How long to wait; zero or more.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    public static AkuaFault Delay(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new AkuaFault(AkuaFaultKind.Delay, 0, delay);
    }

    /// <summary>Aborts the connection without answering, as a crashed proxy or a network cut would.</summary>
    /// <returns>The fault.</returns>
    public static AkuaFault DropConnection() => new(AkuaFaultKind.DropConnection, 0, TimeSpan.Zero);

    /// <summary>Answers with <paramref name="statusCode"/> and an HTML page instead of JSON, as a load balancer or gateway would.</summary>
    /// <param name="statusCode">An HTTP status code from 400 to 599; 502 by default.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is not 400 to 599.</exception>
    public static AkuaFault Html(int statusCode = 502)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        return new AkuaFault(AkuaFaultKind.Html, statusCode, TimeSpan.Zero);
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        AkuaFaultKind.Status => $"Status({StatusCode})",
        AkuaFaultKind.RateLimited => $"RateLimited({Duration})",
        AkuaFaultKind.Delay => $"Delay({Duration})",
        AkuaFaultKind.Html => $"Html({StatusCode})",
        _ => Kind.ToString(),
    };
}

/// <summary>The kinds of <see cref="AkuaFault"/>.</summary>
public enum AkuaFaultKind
{
    /// <summary>An error status with an Akua error body.</summary>
    Status,

    /// <summary>429 with <c>Retry-After</c>.</summary>
    RateLimited,

    /// <summary>A wait before normal service.</summary>
    Delay,

    /// <summary>An aborted connection.</summary>
    DropConnection,

    /// <summary>An error status with an HTML body.</summary>
    Html,
}

/// <summary>
/// The faults an <see cref="AkuaEmulator"/> has yet to inject. Each queued fault answers one
/// request, first in first out, whatever the request; when the queue is empty, normal service
/// resumes. Thread-safe.
/// </summary>
public sealed class AkuaFaultQueue
{
    private readonly ConcurrentQueue<AkuaFault> _queue = new();
    private readonly ConcurrentQueue<string> _operationFailures = new();

    internal AkuaFaultQueue()
    {
    }

    /// <summary>How many faults are still queued.</summary>
    public int Count => _queue.Count;

    /// <summary>Queues <paramref name="fault"/> for the next <paramref name="count"/> requests.</summary>
    /// <param name="fault">The fault.</param>
    /// <param name="count">How many requests it answers; 1 by default.</param>
    /// <exception cref="ArgumentNullException"><paramref name="fault"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public void Enqueue(AkuaFault fault, int count = 1)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        for (var i = 0; i < count; i++)
        {
            _queue.Enqueue(fault);
        }
    }

    /// <summary>How many of the next long-running operations are still set to fail (<see cref="FailNextOperation(string, int)"/>).</summary>
    public int PendingOperationFailures => _operationFailures.Count;

    /// <summary>
    /// Makes the next <paramref name="count"/> long-running operations the emulator starts (a
    /// package's creation, an install) end <c>FAILED</c> instead of <c>SUCCEEDED</c> when they settle,
    /// with <paramref name="message"/> as their <c>error.message</c> and their last step failed. The
    /// requests that start them still succeed (202); only the operations fail.
    /// </summary>
    /// <param name="message">The failure's message.</param>
    /// <param name="count">How many operations fail; 1 by default.</param>
    /// <exception cref="ArgumentException"><paramref name="message"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public void FailNextOperation(string message = "Injected operation failure.", int count = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        for (var i = 0; i < count; i++)
        {
            _operationFailures.Enqueue(message);
        }
    }

    /// <summary>Drops every queued fault and operation failure.</summary>
    public void Clear()
    {
        _queue.Clear();
        _operationFailures.Clear();
    }

    internal bool TryDequeue(out AkuaFault? fault) => _queue.TryDequeue(out fault);

    /// <summary>The failure message the operation being started must end with, or null.</summary>
    internal string? TakeOperationFailure() => _operationFailures.TryDequeue(out var message) ? message : null;
}
