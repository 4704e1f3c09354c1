namespace Akua.Sdk;

/// <summary>Offers: private, link-based deals on a product. Every method throws <see cref="AkuaException"/> subclasses on failure.</summary>
public interface IOffersClient
{
    /// <summary>Creates an offer (<c>offers.create</c>). Safe to retry: every call carries an idempotency key.</summary>
    /// <param name="request">The offer; needs <see cref="CreateOfferRequest.ProductId"/> or <see cref="CreateOfferRequest.PackageVersionId"/>.</param>
    /// <param name="options">Per-call workspace and idempotency key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new offer's id and the short hash of its customer link <c>/i/{ShortHash}</c>.</returns>
    /// <exception cref="ArgumentException">The request breaks a documented limit; nothing was sent.</exception>
    Task<OfferCreated> CreateAsync(CreateOfferRequest request, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates many offers, at most <paramref name="maxConcurrency"/> at a time. One failing item
    /// never stops the others; the result has one entry per input, in input order.
    /// </summary>
    /// <param name="requests">The offers to create.</param>
    /// <param name="maxConcurrency">How many creates run at once, 1 to 32.</param>
    /// <param name="options">Per-call workspace; an idempotency key here becomes <c>{key}-{index}</c> for each item.</param>
    /// <param name="cancellationToken">Cancels the remaining creates.</param>
    /// <returns>Each item's created offer or exception, and the counts.</returns>
    Task<AkuaBatchResult<OfferCreated>> CreateManyAsync(IEnumerable<CreateOfferRequest> requests, int maxConcurrency = 4, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Gets an offer as its seller sees it (<c>offers.get</c>). The offer's own workspace scopes the call, so no workspace header is sent.</summary>
    /// <param name="offerId">The offer's id (<c>offer_...</c>).</param>
    /// <param name="options">Per-call settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The offer.</returns>
    Task<Offer> GetAsync(string offerId, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Looks an offer up by the short hash of its customer link (<c>offers.resolve</c>); works anonymously and returns the customer's view.</summary>
    /// <param name="shortHash">The code after <c>/i/</c> in the link.</param>
    /// <param name="options">Per-call settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The customer's view of the offer.</returns>
    Task<Offer> ResolveAsync(string shortHash, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Gets one page of the workspace's offers, newest first (<c>offers.list</c>).</summary>
    /// <param name="query">Page size, product filter and cursor.</param>
    /// <param name="options">Per-call workspace.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    Task<AkuaPage<Offer>> ListPageAsync(ListOffersOptions? query = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Enumerates every offer, fetching pages lazily as you iterate; memory holds one page at a time.</summary>
    /// <param name="query">Page size, product filter and the cursor to start from.</param>
    /// <param name="options">Per-call workspace.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The offers, newest first.</returns>
    IAsyncEnumerable<Offer> ListAsync(ListOffersOptions? query = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Archives an offer so it can no longer be redeemed (<c>offers.archive</c>), if it is still at <paramref name="etag"/>.</summary>
    /// <param name="offerId">The offer's id.</param>
    /// <param name="etag">The etag of the version you read; sent as <c>if-match</c>.</param>
    /// <param name="options">Per-call workspace and idempotency key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The archived offer.</returns>
    /// <exception cref="AkuaConcurrencyException">The offer changed since you read it.</exception>
    Task<Offer> ArchiveAsync(string offerId, string etag, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Archives an offer you read, using its <see cref="Offer.Id"/> and <see cref="Offer.Etag"/>.</summary>
    /// <param name="offer">The offer as you read it.</param>
    /// <param name="options">Per-call workspace and idempotency key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The archived offer.</returns>
    Task<Offer> ArchiveAsync(Offer offer, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Makes an archived offer redeemable again (<c>offers.unarchive</c>), if it is still at <paramref name="etag"/>.</summary>
    /// <param name="offerId">The offer's id.</param>
    /// <param name="etag">The etag of the version you read; sent as <c>if-match</c>.</param>
    /// <param name="options">Per-call workspace and idempotency key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The offer after unarchiving.</returns>
    Task<Offer> UnarchiveAsync(string offerId, string etag, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Unarchives an offer you read, using its <see cref="Offer.Id"/> and <see cref="Offer.Etag"/>.</summary>
    /// <param name="offer">The offer as you read it.</param>
    /// <param name="options">Per-call workspace and idempotency key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The offer after unarchiving.</returns>
    Task<Offer> UnarchiveAsync(Offer offer, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);
}
