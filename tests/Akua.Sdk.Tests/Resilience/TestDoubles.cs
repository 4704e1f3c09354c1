using System.Net;

namespace Akua.Sdk.Tests.Resilience;

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
