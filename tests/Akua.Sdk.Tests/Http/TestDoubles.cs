using System.Net;
using Microsoft.Extensions.Logging;

namespace Akua.Sdk.Tests.Http;

/// <summary>A response that records whether it was disposed.</summary>
internal sealed class TrackingResponse(HttpStatusCode status) : HttpResponseMessage(status)
{
    public bool IsDisposed { get; private set; }

    protected override void Dispose(bool disposing)
    {
        IsDisposed = true;
        base.Dispose(disposing);
    }
}

internal sealed record StubCall(HttpMethod Method, string? IdempotencyKey, string? Body);

/// <summary>The innermost handler: answers with a function of the call number (0-based).</summary>
internal sealed class StubHandler(Func<HttpRequestMessage, int, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    private readonly object _gate = new();
    private readonly List<StubCall> _calls = [];
    private readonly List<HttpResponseMessage> _responses = [];

    public StubHandler(Func<int, HttpResponseMessage> respond)
        : this((_, n, _) => Task.FromResult(respond(n)))
    {
    }

    public IReadOnlyList<StubCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public IReadOnlyList<HttpResponseMessage> Responses
    {
        get
        {
            lock (_gate)
            {
                return [.. _responses];
            }
        }
    }

    public static StubHandler Always(HttpStatusCode status) => new(_ => new TrackingResponse(status));

    public static StubHandler Sequence(params HttpStatusCode[] statuses) =>
        new(n => new TrackingResponse(statuses[Math.Min(n, statuses.Length - 1)]));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var key = request.Headers.TryGetValues(AkuaResilience.IdempotencyKeyHeader, out var keys) ? keys.Single() : null;
        int n;
        lock (_gate)
        {
            n = _calls.Count;
            _calls.Add(new StubCall(request.Method, key, body));
        }

        var response = await respond(request, n, cancellationToken);
        response.RequestMessage ??= request;
        lock (_gate)
        {
            _responses.Add(response);
        }

        return response;
    }
}

internal sealed record LogEntry(LogLevel Level, EventId EventId, string Message, IReadOnlyList<KeyValuePair<string, object?>> State, Exception? Exception);

/// <summary>Captures log entries (message, structured state and exception).</summary>
internal sealed class ListLogger : ILogger
{
    private readonly object _gate = new();
    private readonly List<LogEntry> _entries = [];

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
        lock (_gate)
        {
            _entries.Add(new LogEntry(logLevel, eventId, formatter(state, exception), [.. values], exception));
        }
    }
}

/// <summary>A provider handing out one shared <see cref="ListLogger"/>.</summary>
internal sealed class ListLoggerProvider : ILoggerProvider
{
    public ListLogger Logger { get; } = new();

    public ILogger CreateLogger(string categoryName) => Logger;

    public void Dispose()
    {
    }
}
