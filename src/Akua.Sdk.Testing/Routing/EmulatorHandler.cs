using System.Globalization;
using System.Text.Json;
using Akua.Sdk.Contract;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Akua.Sdk.Testing;

/// <summary>
/// Serves every request: injects queued faults, finds the operation's route, and applies the
/// conventions every operation shares (authentication, workspace, the document's parameter,
/// header and body rules, idempotent replay) before the route's handler runs.
/// </summary>
internal sealed class EmulatorHandler
{
    private const int MaxBodyBytes = 1024 * 1024;

    // Operations without a request body take none; an empty object is tolerated.
    private static readonly AkuaSchemaRules NoBody = new("NoBody", allowsOtherProperties: false, []);

    private readonly EmulatorStore _store;
    private readonly Callers _callers;
    private readonly AkuaFaultQueue _faults;
    private readonly Idempotency _idempotency = new();
    private readonly List<string> _idempotencyKeys = [];
    private long _requestCount;

    public EmulatorHandler(EmulatorStore store, Callers callers, AkuaFaultQueue faults)
    {
        _store = store;
        _callers = callers;
        _faults = faults;
        Routes = new RouteTable(
        [
            .. new ProductsRoutes(store).Routes(),
            .. new OffersRoutes(store).Routes(),
            .. new PackagesRoutes(store).Routes(),
            .. new OperationsRoutes(store).Routes(),
            .. new OrderDraftsRoutes(store).Routes(),
            .. new InstallsRoutes(store).Routes(),
        ]);
    }

    public RouteTable Routes { get; }

    public long RequestCount => Interlocked.Read(ref _requestCount);

    public IReadOnlyList<string> ReceivedIdempotencyKeys()
    {
        lock (_idempotencyKeys)
        {
            return [.. _idempotencyKeys];
        }
    }

    public async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requestCount);
        context.Response.Headers["x-request-id"] = "req_" + EmulatorStore.RandomLowerAlnum(20);
        if (context.Request.Headers.TryGetValue("idempotency-key", out var key) && key.Count > 0)
        {
            lock (_idempotencyKeys)
            {
                _idempotencyKeys.Add(key.ToString());
            }
        }

        try
        {
            if (_faults.TryDequeue(out var fault) && fault is not null)
            {
                if (fault.Kind == AkuaFaultKind.Delay)
                {
                    await Task.Delay(fault.Duration, context.RequestAborted).ConfigureAwait(false);
                }
                else
                {
                    await InjectAsync(context, fault).ConfigureAwait(false);
                    return;
                }
            }

            await WriteAsync(context, await ServeAsync(context).ConfigureAwait(false)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away.
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, Replies.Error(e.StatusCode, ErrorCodes.Validation, e.Message, ["body"])).ConfigureAwait(false);
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            // A bug in the emulator: answer like a server error so the test shows the cause.
            await WriteAsync(context, Replies.Error(500, ErrorCodes.Injected, "The emulator failed: " + e)).ConfigureAwait(false);
        }
    }

    private async Task<Reply> ServeAsync(HttpContext context)
    {
        var route = Route(context, out var pathValues, out var unrouted);
        if (route is null)
        {
            return unrouted;
        }

        var request = new EmulatorRequest(context, route, pathValues);
        var problems = new SchemaValidator();
        if (Identify(request, problems) is { } refused)
        {
            return refused;
        }

        CheckParameters(request, problems);
        if (route.Operation.Method != HttpMethod.Get
            && ReadBody(request, await ReadBodyAsync(context).ConfigureAwait(false), problems) is { } malformed)
        {
            return malformed;
        }

        if (!problems.IsValid)
        {
            return Replies.Errors(Replies.InvalidStatus(route.Operation), problems.Errors);
        }

        if (route.Prepare is { } prepare)
        {
            await prepare(request).ConfigureAwait(false);
        }

        lock (_store.Gate)
        {
            // Time-driven state (operations, order draft expiry) is brought up to date before every read.
            _store.Settle();
            return _idempotency.Run(request, () => route.Handler(request));
        }
    }

    private EmulatorRoute? Route(HttpContext context, out Dictionary<string, string> pathValues, out Reply unrouted)
    {
        // The raw target, so an escaped slash (%2F) stays inside its segment.
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target) || target[0] != '/')
        {
            target = context.Request.PathBase.Add(context.Request.Path).ToUriComponent();
        }

        var query = target.IndexOf('?', StringComparison.Ordinal);
        var path = query >= 0 ? target[..query] : target;
        pathValues = [];
        unrouted = Replies.NoRoute();
        if (!path.StartsWith("/v1/", StringComparison.Ordinal))
        {
            return null;
        }

        var route = Routes.Match(context.Request.Method, path[4..].Split('/'), out pathValues, out var allow);
        if (route is null && allow is not null)
        {
            unrouted = Replies.NotAllowed(context, allow);
        }

        return route;
    }

    /// <summary>
    /// Who calls, and in which workspace: 401 without a known token where the operation needs one
    /// (elsewhere an unknown token is anonymous), 403 for a customer's token on a seller operation
    /// or an <c>akua-context</c> the token may not act in.
    /// </summary>
    private Reply? Identify(EmulatorRequest request, SchemaValidator problems)
    {
        var operation = request.Operation;
        var caller = _callers.Find(request.Http, out var sentToken);
        if (!operation.RequiresAuthentication)
        {
            request.Caller = caller;
            return null;
        }

        if (caller is null)
        {
            return Replies.Error(401, ErrorCodes.Unauthorized, sentToken ? "The token is not valid." : "Authentication required: send 'Authorization: Bearer <token>'.");
        }

        if (caller.IsCustomer)
        {
            return Replies.Error(403, ErrorCodes.Forbidden, "A customer's token cannot call seller operations.");
        }

        request.Caller = caller;
        if (operation.WorkspaceContext is not { } rule)
        {
            return null;
        }

        var requested = request.Header(rule);
        string[] at = ["header", rule.Name];
        if (requested is null)
        {
            request.Workspace = caller.DefaultWorkspaceId;
        }
        else if (rule.TextProblem(requested) is { } problem)
        {
            problems.Add(at, problem);
        }
        else if (!caller.Workspaces.Contains(requested))
        {
            return Replies.Error(403, ErrorCodes.Forbidden, $"The token may not act in the workspace '{requested}'.", at);
        }
        else
        {
            request.Workspace = requested;
        }

        return null;
    }

    private static void CheckParameters(EmulatorRequest request, SchemaValidator problems)
    {
        var operation = request.Operation;
        foreach (var rule in operation.PathParameters)
        {
            problems.Parameter(request.Path(rule), rule, ["path", rule.Name]);
        }

        foreach (var rule in operation.QueryParameters)
        {
            problems.Parameter(request.Query(rule), rule, ["query", rule.Name]);
        }

        foreach (var rule in new[] { operation.IdempotencyKey, operation.IfMatch })
        {
            if (rule is not null)
            {
                problems.Parameter(request.Header(rule), rule, ["header", rule.Name]);
            }
        }
    }

    /// <summary>Parses the body and checks it against the operation's schema; a reply only when it is not JSON at all.</summary>
    private static Reply? ReadBody(EmulatorRequest request, byte[] body, SchemaValidator problems)
    {
        var operation = request.Operation;
        if (body.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            if (operation.RequestBodyRequired)
            {
                problems.Add(["body"], "is required: send a JSON object.");
            }

            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            request.Body = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return Replies.Error(Replies.InvalidStatus(operation), ErrorCodes.MalformedJson, $"The body is not valid JSON: {e.Message}", ["body"]);
        }

        problems.Object(request.Body, operation.RequestSchema?.Invoke() ?? NoBody, ["body"]);
        if (request.Body.ValueKind == JsonValueKind.Object)
        {
            request.Route.CheckBody?.Invoke(request.Body, problems);
        }

        return null;
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                throw new BadHttpRequestException("The request body is too large.", 413);
            }
        }

        return buffer.ToArray();
    }

    private static async Task InjectAsync(HttpContext context, AkuaFault fault)
    {
        switch (fault.Kind)
        {
            case AkuaFaultKind.DropConnection:
                context.Abort();
                return;
            case AkuaFaultKind.Html:
                context.Response.StatusCode = fault.StatusCode;
                context.Response.ContentType = "text/html; charset=utf-8";
                var html = $"<html><head><title>{fault.StatusCode} Error</title></head><body><h1>{fault.StatusCode} Error</h1><p>The upstream server could not be reached.</p></body></html>";
                await context.Response.WriteAsync(html, context.RequestAborted).ConfigureAwait(false);
                return;
            case AkuaFaultKind.RateLimited:
                context.Response.Headers.RetryAfter = ((long)Math.Ceiling(fault.Duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await WriteAsync(context, Replies.Error(429, ErrorCodes.RateLimited, "Too many requests; retry after the Retry-After delay.")).ConfigureAwait(false);
                return;
            default:
                await WriteAsync(context, Replies.Error(fault.StatusCode, ErrorCodes.Injected, $"Injected failure: HTTP {fault.StatusCode}.")).ConfigureAwait(false);
                return;
        }
    }

    private static async Task WriteAsync(HttpContext context, Reply reply)
    {
        context.Response.StatusCode = reply.Status;
        if (reply.Body.Length == 0)
        {
            // 204 No Content.
            return;
        }

        context.Response.ContentType = "application/json";
        context.Response.ContentLength = reply.Body.Length;
        await context.Response.Body.WriteAsync(reply.Body, context.RequestAborted).ConfigureAwait(false);
    }
}
