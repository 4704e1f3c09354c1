using System.Text.Json;
using Akua.Sdk.Serialization;

namespace Akua.Sdk;

/// <summary>The HTTP implementation of <see cref="IOffersClient"/>.</summary>
internal sealed class OffersClient(AkuaPipeline pipeline) : IOffersClient
{
    private const int MaxBatchConcurrency = 32;
    private static readonly AkuaJsonContext Json = AkuaJsonContext.Default;

    public Task<OfferCreated> CreateAsync(CreateOfferRequest request, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        OfferRequestValidation.Validate(request, nameof(request));
        var call = new AkuaRequest(AkuaOperation.OffersCreate, HttpMethod.Post, "offers")
        {
            Body = JsonSerializer.SerializeToUtf8Bytes(request, Json.CreateOfferRequest),
            Options = options,
        };
        return pipeline.SendAsync(call, Json.OfferCreated, cancellationToken);
    }

    public async Task<AkuaBatchResult<OfferCreated>> CreateManyAsync(IEnumerable<CreateOfferRequest> requests, int maxConcurrency = 4, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxConcurrency, MaxBatchConcurrency);
        var items = requests.ToArray();
        var results = new AkuaBatchItem<OfferCreated>[items.Length];
        using var gate = new SemaphoreSlim(maxConcurrency);

        async Task CreateOne(int index)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var itemOptions = options?.IdempotencyKey is { } key
                    ? new AkuaRequestOptions { WorkspaceContext = options.WorkspaceContext, IdempotencyKey = $"{key}-{index}" }
                    : options;
                results[index] = new AkuaBatchItem<OfferCreated>(index, await CreateAsync(items[index], itemOptions, cancellationToken).ConfigureAwait(false), null);
            }
            catch (Exception ex) when (ex is AkuaException or ArgumentException && !cancellationToken.IsCancellationRequested)
            {
                results[index] = new AkuaBatchItem<OfferCreated>(index, null, ex);
            }
            finally
            {
                gate.Release();
            }
        }

        var tasks = new Task[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            tasks[i] = CreateOne(i);
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        return new AkuaBatchResult<OfferCreated>(results);
    }

    public Task<Offer> GetAsync(string offerId, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = new AkuaRequest(AkuaOperation.OffersGet, HttpMethod.Get, "offers/" + AkuaPath.Segment(offerId, AkuaPath.MaxOfferIdLength, nameof(offerId)))
        {
            Options = options,
        };
        return pipeline.SendAsync(call, Json.Offer, cancellationToken);
    }

    public Task<Offer> ResolveAsync(string shortHash, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = new AkuaRequest(AkuaOperation.OffersResolve, HttpMethod.Get, "offers:resolve?short_hash=" + AkuaPath.Segment(shortHash, AkuaPath.MaxShortHashLength, nameof(shortHash)))
        {
            Options = options,
        };
        return pipeline.SendAsync(call, Json.Offer, cancellationToken);
    }

    public async Task<AkuaPage<Offer>> ListPageAsync(ListOffersOptions? query = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (query?.ProductId is { } productId)
        {
            AkuaPath.Segment(productId, AkuaPath.MaxProductIdLength, "query.ProductId");
        }

        var call = new AkuaRequest(AkuaOperation.OffersList, HttpMethod.Get, AkuaPaging.ListUri("offers", query?.Limit, query?.Cursor, query?.ProductId))
        {
            Options = options,
        };
        var list = await pipeline.SendAsync(call, Json.OfferList, cancellationToken).ConfigureAwait(false);
        return new AkuaPage<Offer>(list.Data ?? [], list.HasMore, list.NextCursor);
    }

    public IAsyncEnumerable<Offer> ListAsync(ListOffersOptions? query = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        // Copy what the pages need, so the caller may reuse its options object while enumerating.
        var limit = query?.Limit;
        var productId = query?.ProductId;
        return AkuaPaging.EnumerateAsync(
            (cursor, ct) => ListPageAsync(new ListOffersOptions { Limit = limit, ProductId = productId, Cursor = cursor }, options, ct),
            query?.Cursor,
            cancellationToken);
    }

    public Task<Offer> ArchiveAsync(string offerId, string etag, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        SendGuardedAsync(AkuaOperation.OffersArchive, offerId, ":archive", etag, options, cancellationToken);

    public Task<Offer> ArchiveAsync(Offer offer, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return ArchiveAsync(offer.Id, EtagOf(offer), options, cancellationToken);
    }

    public Task<Offer> UnarchiveAsync(string offerId, string etag, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        SendGuardedAsync(AkuaOperation.OffersUnarchive, offerId, ":unarchive", etag, options, cancellationToken);

    public Task<Offer> UnarchiveAsync(Offer offer, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return UnarchiveAsync(offer.Id, EtagOf(offer), options, cancellationToken);
    }

    private Task<Offer> SendGuardedAsync(AkuaOperation operation, string offerId, string verb, string etag, AkuaRequestOptions? options, CancellationToken cancellationToken)
    {
        var segment = AkuaPath.Segment(offerId, AkuaPath.MaxOfferIdLength, nameof(offerId));
        AkuaHeaders.Validate(etag, AkuaHeaders.MaxEtagLength, nameof(etag));
        var call = new AkuaRequest(operation, HttpMethod.Post, "offers/" + segment + verb)
        {
            IfMatch = etag,
            Options = options,
        };
        return pipeline.SendAsync(call, Json.Offer, cancellationToken);
    }

    private static string EtagOf(Offer offer) =>
        offer.Etag ?? throw new ArgumentException("The offer has no etag (a customer's resolved view has none); read it with GetAsync first.", nameof(offer));
}
