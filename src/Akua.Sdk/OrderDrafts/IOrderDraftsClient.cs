namespace Akua.Sdk;

/// <summary>
/// Order drafts, as the seller sees them: a customer redeeming an offer goes through a draft
/// (sign-in, workspace, compute, configuration, payment, install), and Akua has no webhooks, so
/// reading drafts is how a seller's backend learns of redemptions. <see cref="WatchAsync"/> turns
/// that polling into a stream of changes. Sellers never see a draft's <c>field_values</c>. Every
/// method throws <see cref="AkuaException"/> subclasses on failure.
/// </summary>
public interface IOrderDraftsClient
{
    /// <summary>Gets one page of an offer's order drafts (<c>orderDrafts.list</c>).</summary>
    /// <param name="query">The offer (required), an optional phase, page size and cursor.</param>
    /// <param name="options">Per-call workspace.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentException"><see cref="ListOrderDraftsOptions.OfferId"/> is missing or breaks the documented limits; nothing was sent.</exception>
    Task<AkuaPage<OrderDraft>> ListPageAsync(ListOrderDraftsOptions query, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Enumerates every order draft of an offer, fetching pages lazily as you iterate; memory holds one page at a time.</summary>
    /// <param name="query">The offer (required), an optional phase, page size and the cursor to start from.</param>
    /// <param name="options">Per-call workspace.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The drafts.</returns>
    /// <exception cref="ArgumentException"><see cref="ListOrderDraftsOptions.OfferId"/> is missing or breaks the documented limits; thrown at the call, before anything is sent.</exception>
    IAsyncEnumerable<OrderDraft> ListAsync(ListOrderDraftsOptions query, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Gets an order draft (<c>orderDrafts.get</c>).</summary>
    /// <param name="orderDraftId">The draft's id (<c>odft_...</c>).</param>
    /// <param name="options">Per-call settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The draft.</returns>
    Task<OrderDraft> GetAsync(string orderDraftId, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends an unfinished order draft (<c>orderDrafts.cancel</c>), if it is still at
    /// <paramref name="etag"/>: its cluster resources are released and a running install stops;
    /// finished work is not undone. Cancelling a draft that already ended returns it unchanged.
    /// </summary>
    /// <param name="orderDraftId">The draft's id.</param>
    /// <param name="etag">The <see cref="OrderDraft.Etag"/> you read; sent as <c>if-match</c>.</param>
    /// <param name="options">Per-call settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The draft as it stands afterwards.</returns>
    /// <exception cref="AkuaConcurrencyException">The draft changed since you read it: read it again and decide again.</exception>
    Task<OrderDraft> CancelAsync(string orderDraftId, string etag, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Gets one page of an order draft's checkout sessions, current and past (<c>orderDrafts.listCheckoutSessions</c>).</summary>
    /// <param name="orderDraftId">The draft's id.</param>
    /// <param name="query">Page size and cursor.</param>
    /// <param name="options">Per-call settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    Task<AkuaPage<CheckoutSession>> ListCheckoutSessionsPageAsync(string orderDraftId, ListCheckoutSessionsOptions? query = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Enumerates every checkout session of an order draft, fetching pages lazily as you iterate.</summary>
    /// <param name="orderDraftId">The draft's id.</param>
    /// <param name="query">Page size and the cursor to start from.</param>
    /// <param name="options">Per-call settings.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The checkout sessions.</returns>
    IAsyncEnumerable<CheckoutSession> ListCheckoutSessionsAsync(string orderDraftId, ListCheckoutSessionsOptions? query = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Gets one checkout session of an order draft (<c>orderDrafts.getCheckoutSession</c>).</summary>
    /// <param name="orderDraftId">The draft's id.</param>
    /// <param name="checkoutSessionId">The checkout session's id.</param>
    /// <param name="options">Per-call settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The checkout session.</returns>
    Task<CheckoutSession> GetCheckoutSessionAsync(string orderDraftId, string checkoutSessionId, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Watches offers being redeemed: yields an order draft the first time it is seen and again each
    /// time its <see cref="OrderDraft.Etag"/> changes (a new phase, a payment, a cancellation), so
    /// every change is yielded once. Each round lists every draft of every offer (at most
    /// <see cref="OrderDraftWatchOptions.MaxConcurrency"/> offers at once), yields what changed in the
    /// order of <paramref name="offerIds"/>, then waits <see cref="OrderDraftWatchOptions.PollInterval"/>
    /// on the client's <see cref="AkuaClientOptions.TimeProvider"/>. The first round yields every
    /// draft that already exists. It runs until <paramref name="cancellationToken"/> is cancelled or
    /// you stop iterating.
    /// </summary>
    /// <remarks>
    /// Transient failures of a poll are retried by the client's resilience pipeline. A poll that
    /// still fails ends the stream with its <see cref="AkuaException"/>, after the changes the other
    /// offers' polls of that round found have been yielded; nothing is dropped silently. A new
    /// watch starts afresh: its first round yields every existing draft again.
    /// </remarks>
    /// <param name="offerIds">The offers to watch (<c>offer_...</c>); at least one; repeats are watched once.</param>
    /// <param name="watch">Poll interval and concurrency; null for the defaults.</param>
    /// <param name="options">Per-call workspace, used for every poll.</param>
    /// <param name="cancellationToken">Ends the watch.</param>
    /// <returns>The drafts, as they appear and change.</returns>
    /// <exception cref="ArgumentException">No offer id, a blank or too long one, or watch settings out of range; thrown at the call, before anything is sent.</exception>
    IAsyncEnumerable<OrderDraft> WatchAsync(IEnumerable<string> offerIds, OrderDraftWatchOptions? watch = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);
}
