using Akua.Sdk.Contract;
using Operations = Akua.Sdk.Contract.AkuaOperations;

namespace Akua.Sdk;

/// <summary>The HTTP implementation of <see cref="IOffersClient"/>.</summary>
internal sealed class OffersClient(AkuaPipeline pipeline) : AkuaResourceClient(pipeline), IOffersClient
{
    public Task<OfferCreated> CreateAsync(CreateOfferRequest request, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        SendAsync(Call(Operations.OffersCreate.Info, Operations.OffersCreate.Uri(), request, CreateOfferRequestWriter.TypeInfo, nameof(request), options), Json.OfferCreated, cancellationToken);

    public Task<AkuaBatchResult<OfferCreated>> CreateManyAsync(IEnumerable<CreateOfferRequest> requests, int maxConcurrency = 4, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        BatchAsync(requests, maxConcurrency, options, CreateAsync, cancellationToken);

    public async Task<Offer> GetAsync(string offerId, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        SellerView(await SendAsync(Call(Operations.OffersGet.Info, Operations.OffersGet.Uri(offerId), options), Json.Offer, cancellationToken).ConfigureAwait(false));

    public Task<Offer> ResolveAsync(string shortHash, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        SendAsync(Call(Operations.OffersResolve.Info, Operations.OffersResolve.Uri(shortHash), options), Json.Offer, cancellationToken);

    public async Task<AkuaPage<Offer>> ListPageAsync(ListOffersOptions? query = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var uri = Operations.OffersList.Uri(query?.Cursor, query?.Limit, query?.ProductId);
        var page = await PageAsync<OfferList, Offer>(Call(Operations.OffersList.Info, uri, options), Json.OfferList, cancellationToken).ConfigureAwait(false);
        foreach (var offer in page.Data)
        {
            SellerView(offer);
        }

        return page;
    }

    public IAsyncEnumerable<Offer> ListAsync(ListOffersOptions? query = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        // Checked now, and copied, so the caller may reuse its options object while enumerating.
        Operations.OffersList.Uri(query?.Cursor, query?.Limit, query?.ProductId);
        var limit = query?.Limit;
        var productId = query?.ProductId;
        return EnumerateAsync(
            Operations.OffersList.Info,
            (cursor, ct) => ListPageAsync(new ListOffersOptions { Limit = limit, ProductId = productId, Cursor = cursor }, options, ct),
            query?.Cursor,
            options,
            cancellationToken);
    }

    public async Task<Offer> ArchiveAsync(string offerId, string etag, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        SellerView(await SendAsync(Call(Operations.OffersArchive.Info, Operations.OffersArchive.Uri(offerId), options, etag), Json.Offer, cancellationToken).ConfigureAwait(false));

    public Task<Offer> ArchiveAsync(Offer offer, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return ArchiveAsync(offer.Id, EtagOf(offer), options, cancellationToken);
    }

    public async Task<Offer> UnarchiveAsync(string offerId, string etag, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        SellerView(await SendAsync(Call(Operations.OffersUnarchive.Info, Operations.OffersUnarchive.Uri(offerId), options, etag), Json.Offer, cancellationToken).ConfigureAwait(false));

    public Task<Offer> UnarchiveAsync(Offer offer, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return UnarchiveAsync(offer.Id, EtagOf(offer), options, cancellationToken);
    }

    // The seller's view leaves max_uses out when the offer has no limit: read that as what create took.
    private static Offer SellerView(Offer offer)
    {
        offer.MaxUses ??= OfferUsageLimit.Unlimited;
        return offer;
    }

    private static string EtagOf(Offer offer) =>
        offer.Etag ?? throw new ArgumentException("The offer has no etag (a customer's resolved view has none); read it with GetAsync first.", nameof(offer));
}
