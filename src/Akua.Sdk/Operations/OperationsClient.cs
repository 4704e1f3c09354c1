using Operations = Akua.Sdk.Contract.AkuaOperations;

namespace Akua.Sdk;

/// <summary>The HTTP implementation of <see cref="IOperationsClient"/>.</summary>
internal sealed class OperationsClient(AkuaPipeline pipeline) : AkuaResourceClient(pipeline), IOperationsClient
{
    /// <summary>The server wait of each long poll of <see cref="WaitForCompletionAsync"/>.</summary>
    internal static readonly TimeSpan CompletionPollWait = TimeSpan.FromSeconds(30);

    /// <summary>How much longer than the server's wait the attempt of a long poll may take.</summary>
    internal static readonly TimeSpan LongPollMargin = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan MinServerWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxServerWait = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan FirstFailurePause = TimeSpan.FromSeconds(1);

    public Task<Operation> GetAsync(string operationId, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        SendAsync(Call(Operations.OperationsGet.Info, Operations.OperationsGet.Uri(operationId), options), Json.Operation, cancellationToken);

    public Task<AkuaPage<Operation>> ListPageAsync(ListOperationsOptions? query = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        PageAsync<OperationList, Operation>(Call(Operations.OperationsList.Info, ListUri(query), options), Json.OperationList, cancellationToken);

    public IAsyncEnumerable<Operation> ListAsync(ListOperationsOptions? query = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ListUri(query);
        var (limit, ownerType, ownerId) = (query?.Limit, query?.OwnerType, query?.OwnerId);
        return EnumerateAsync(
            Operations.OperationsList.Info,
            (cursor, ct) => ListPageAsync(new ListOperationsOptions { Limit = limit, OwnerType = ownerType, OwnerId = ownerId, Cursor = cursor }, options, ct),
            query?.Cursor,
            options,
            cancellationToken);
    }

    public Task<Operation> WaitAsync(string operationId, TimeSpan? serverTimeout = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        long? seconds = null;
        if (serverTimeout is { } wait)
        {
            if (wait < MinServerWait || wait > MaxServerWait || wait.Ticks % TimeSpan.TicksPerSecond != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(serverTimeout), wait, "serverTimeout must be 1 to 60 whole seconds.");
            }

            seconds = (long)wait.TotalSeconds;
        }

        var uri = Operations.OperationsWait.Uri(operationId, seconds);

        // The attempt must outlast the server's hold of it, whatever the client's usual timeout.
        var attempt = (serverTimeout ?? MaxServerWait) + LongPollMargin;
        var callOptions = (options ?? new AkuaRequestOptions()).WithAttemptTimeoutAtLeast(attempt, Pipeline.AttemptTimeout);
        return SendAsync(Call(Operations.OperationsWait.Info, uri, callOptions), Json.Operation, cancellationToken);
    }

    public async Task<Operation> WaitForCompletionAsync(string operationId, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        Operations.OperationsWait.Uri(operationId, null);
        var time = Pipeline.TimeProvider;
        var failures = 0;
        while (true)
        {
            var started = time.GetTimestamp();
            TimeSpan pause;
            try
            {
                var current = await WaitAsync(operationId, CompletionPollWait, options, cancellationToken).ConfigureAwait(false);
                if (current.IsTerminal)
                {
                    return current;
                }

                // An answer before the wait ran out is paced to it: never more than one poll per server wait.
                failures = 0;
                pause = CompletionPollWait - time.GetElapsedTime(started);
            }
            catch (AkuaException exception) when (IsTransient(exception) && !cancellationToken.IsCancellationRequested)
            {
                failures++;
                pause = FailurePause(failures, exception);
            }

            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public Task<Operation> CancelAsync(string operationId, string? etag = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        SendAsync(Call(Operations.OperationsCancel.Info, Operations.OperationsCancel.Uri(operationId), options, etag), Json.Operation, cancellationToken);

    private static string ListUri(ListOperationsOptions? query)
    {
        // The owner filter names one resource: its kind and its id go together.
        if ((query?.OwnerType is null) != (query?.OwnerId is null))
        {
            var missing = query?.OwnerType is null ? "query.OwnerType" : "query.OwnerId";
            throw new ArgumentException($"query.OwnerType and query.OwnerId filter together: set both or neither ({missing} is missing).", missing);
        }

        return Operations.OperationsList.Uri(query?.Cursor, query?.Limit, query?.OwnerType, query?.OwnerId);
    }

    /// <summary>Failures the API may recover from: server errors, rate limits, timeouts, dropped connections.</summary>
    private static bool IsTransient(AkuaException exception) =>
        exception is AkuaServerException or AkuaRateLimitException or AkuaConnectionException
        || exception is AkuaApiException { StatusCode: 408 };

    /// <summary>1 s, 2 s, 4 s, ... up to the server's long-poll wait, or the API's Retry-After when longer; jittered.</summary>
    private static TimeSpan FailurePause(int failures, AkuaException exception)
    {
        var backoff = TimeSpan.FromTicks(Math.Min(CompletionPollWait.Ticks, FirstFailurePause.Ticks << Math.Min(failures - 1, 16)));
        var jittered = backoff * (0.8 + (0.4 * Random.Shared.NextDouble()));
        return exception is AkuaRateLimitException { RetryAfter: { } retryAfter } && retryAfter > jittered ? retryAfter : jittered;
    }
}
