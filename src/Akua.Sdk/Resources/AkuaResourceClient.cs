using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Akua.Sdk.Contract;
using Akua.Sdk.Serialization;

namespace Akua.Sdk;

/// <summary>
/// What every resource client shares: calls built from the generated operation table, guarded
/// writes, list pages, lazy auto-paging, batches and read-modify-write, all through the one pipeline.
/// A new API area is a subclass with one method per operation.
/// </summary>
internal abstract class AkuaResourceClient(AkuaPipeline pipeline)
{
    /// <summary>The most items a batch sends at once.</summary>
    public const int MaxBatchConcurrency = 32;

    protected static AkuaJsonContext Json => AkuaJsonContext.Default;

    protected AkuaPipeline Pipeline { get; } = pipeline;

    /// <summary>A call without a body (reads, and writes guarded only by <paramref name="etag"/>).</summary>
    protected static AkuaCall Call(AkuaOperationInfo operation, string uri, AkuaRequestOptions? options, string? etag = null, string etagParamName = "etag")
    {
        CheckEtag(operation, etag, etagParamName);
        return new AkuaCall(operation, uri) { IfMatch = etag, Options = options };
    }

    /// <summary>A call with a JSON body, checked against the document's rules before anything is sent.</summary>
    protected static AkuaCall Call<TBody>(AkuaOperationInfo operation, string uri, TBody body, JsonTypeInfo<TBody> bodyType, string paramName, AkuaRequestOptions? options, string? etag = null)
        where TBody : class, IAkuaValidatable
    {
        AkuaCheck.Request(body, paramName);
        CheckEtag(operation, etag, "etag");
        return new AkuaCall(operation, uri)
        {
            Body = JsonSerializer.SerializeToUtf8Bytes(body, bodyType),
            IfMatch = etag,
            Options = options,
        };
    }

    protected Task<T> SendAsync<T>(AkuaCall call, JsonTypeInfo<T> resultType, CancellationToken cancellationToken)
        where T : class =>
        Pipeline.SendAsync(call, resultType, cancellationToken);

    /// <summary>Reads one page of a list operation.</summary>
    protected async Task<AkuaPage<T>> PageAsync<TList, T>(AkuaCall call, JsonTypeInfo<TList> listType, CancellationToken cancellationToken)
        where TList : class, IAkuaList<T>
    {
        var list = await Pipeline.SendAsync(call, listType, cancellationToken).ConfigureAwait(false);
        var page = new AkuaPage<T>(list.Data, list.HasMore, list.NextCursor);
        if (list.GetRawResponse() is { } response)
        {
            ((IAkuaResponseCarrier)page).SetRawResponse(response);
        }

        return page;
    }

    /// <summary>
    /// Every item of a list, page by page as the caller iterates, one page read ahead when the
    /// options ask for it (see <see cref="AkuaPaging"/>).
    /// </summary>
    protected static IAsyncEnumerable<T> EnumerateAsync<T>(AkuaOperationInfo operation, Func<string?, CancellationToken, Task<AkuaPage<T>>> fetchPage, string? firstCursor, AkuaRequestOptions? options, CancellationToken cancellationToken) =>
        AkuaPaging.EnumerateAsync(operation.OperationId, fetchPage, firstCursor, options?.ReadAhead == true, cancellationToken);

    /// <summary>
    /// Runs one write per item, at most <paramref name="maxConcurrency"/> at a time. A failing item
    /// never stops the others. With a caller key, item <c>i</c> uses <see cref="AkuaIdempotencyKeys.Derive"/>(key, i).
    /// </summary>
    protected static async Task<AkuaBatchResult<TResult>> BatchAsync<TItem, TResult>(
        IEnumerable<TItem> items,
        int maxConcurrency,
        AkuaRequestOptions? options,
        Func<TItem, AkuaRequestOptions?, CancellationToken, Task<TResult>> write,
        CancellationToken cancellationToken)
        where TResult : class
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxConcurrency, MaxBatchConcurrency);
        var inputs = items.ToArray();
        var results = new AkuaBatchItem<TResult>[inputs.Length];
        using var gate = new SemaphoreSlim(maxConcurrency);

        async Task WriteOne(int index)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var itemOptions = options?.IdempotencyKey is { } key ? options.WithIdempotencyKey(AkuaIdempotencyKeys.Derive(key, index)) : options;
                results[index] = new AkuaBatchItem<TResult>(index, await write(inputs[index], itemOptions, cancellationToken).ConfigureAwait(false), null);
            }
            catch (Exception ex) when (ex is AkuaException or ArgumentException && !cancellationToken.IsCancellationRequested)
            {
                results[index] = new AkuaBatchItem<TResult>(index, null, ex);
            }
            finally
            {
                gate.Release();
            }
        }

        var tasks = new Task[inputs.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            tasks[i] = WriteOne(i);
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        return new AkuaBatchResult<TResult>(results);
    }

    /// <summary>
    /// Reads, asks the caller what to change, and writes guarded by the etag it read; when someone
    /// else wrote in between (a stale etag, never a reused idempotency key) it reads and asks again.
    /// Attempt <c>n</c> &gt; 1 of a caller key uses <see cref="AkuaIdempotencyKeys.Derive"/>(key, n).
    /// </summary>
    protected static async Task<T> ReadModifyWriteAsync<T, TChange>(
        Func<AkuaRequestOptions?, CancellationToken, Task<T>> read,
        Func<T, TChange?> change,
        Func<TChange, bool> isEmpty,
        Func<T, TChange, AkuaRequestOptions?, CancellationToken, Task<T>> write,
        int maxAttempts,
        AkuaRequestOptions? options,
        CancellationToken cancellationToken)
        where TChange : class
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await read(options, cancellationToken).ConfigureAwait(false);
            if (change(current) is not { } update || isEmpty(update))
            {
                return current;
            }

            // Each attempt is a different write (new etag, maybe new body), so it needs its own key.
            var attemptOptions = options?.IdempotencyKey is { } key && attempt > 1 ? options.WithIdempotencyKey(AkuaIdempotencyKeys.Derive(key, attempt)) : options;
            try
            {
                return await write(current, update, attemptOptions, cancellationToken).ConfigureAwait(false);
            }
            catch (AkuaConcurrencyException) when (attempt < maxAttempts)
            {
                // Someone else wrote since our read: read again and let the caller decide again.
            }
        }
    }

    private static void CheckEtag(AkuaOperationInfo operation, string? etag, string paramName)
    {
        if (operation.IfMatch is { } rule && (etag is not null || rule.Required))
        {
            AkuaHeaders.Validate(etag, rule, paramName);
        }
    }
}

/// <summary>
/// The keys the SDK derives from a caller's idempotency key when one call makes several writes
/// (batch items, read-modify-write attempts): <c>{key}-{n}</c>, or, when that would pass 64
/// characters, the key's first 40 characters, <c>~</c>, and 23 hex digits of SHA-256 over the key
/// and <c>n</c>. Always at most 64 characters, distinct per <c>n</c>, and the same on every run.
/// </summary>
internal static class AkuaIdempotencyKeys
{
    private const int PrefixLength = 40;
    private const int HashLength = 23;

    public static string Derive(string key, int n)
    {
        var plain = $"{key}-{n}";
        if (plain.Length <= AkuaRequestOptions.MaxIdempotencyKeyLength)
        {
            return plain;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(plain));
        return string.Concat(key.AsSpan(0, Math.Min(PrefixLength, key.Length)), "~", Convert.ToHexString(hash, 0, (HashLength + 1) / 2).ToLowerInvariant().AsSpan(0, HashLength));
    }
}
