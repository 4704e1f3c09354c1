using Operations = Akua.Sdk.Contract.AkuaOperations;

namespace Akua.Sdk;

/// <summary>The HTTP implementation of <see cref="IOrderDraftsClient"/>.</summary>
internal sealed class OrderDraftsClient(AkuaPipeline pipeline) : AkuaResourceClient(pipeline), IOrderDraftsClient
{
    public Task<AkuaPage<OrderDraft>> ListPageAsync(ListOrderDraftsOptions query, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        PageAsync<OrderDraftList, OrderDraft>(Call(Operations.OrderDraftsList.Info, ListUri(query), options), Json.OrderDraftList, cancellationToken);

    public IAsyncEnumerable<OrderDraft> ListAsync(ListOrderDraftsOptions query, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ListUri(query);
        var (offerId, status, limit) = (query.OfferId, query.Status, query.Limit);
        return EnumerateAsync(
            Operations.OrderDraftsList.Info,
            (cursor, ct) => ListPageAsync(new ListOrderDraftsOptions { OfferId = offerId, Status = status, Limit = limit, Cursor = cursor }, options, ct),
            query.Cursor,
            options,
            cancellationToken);
    }

    public Task<OrderDraft> GetAsync(string orderDraftId, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        SendAsync(Call(Operations.OrderDraftsGet.Info, Operations.OrderDraftsGet.Uri(orderDraftId), options), Json.OrderDraft, cancellationToken);

    public Task<OrderDraft> CancelAsync(string orderDraftId, string etag, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        SendAsync(Call(Operations.OrderDraftsCancel.Info, Operations.OrderDraftsCancel.Uri(orderDraftId), options, etag), Json.OrderDraft, cancellationToken);

    public Task<AkuaPage<CheckoutSession>> ListCheckoutSessionsPageAsync(string orderDraftId, ListCheckoutSessionsOptions? query = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        PageAsync<CheckoutSessionList, CheckoutSession>(
            Call(Operations.OrderDraftsListCheckoutSessions.Info, Operations.OrderDraftsListCheckoutSessions.Uri(orderDraftId, query?.Cursor, query?.Limit), options),
            Json.CheckoutSessionList,
            cancellationToken);

    public IAsyncEnumerable<CheckoutSession> ListCheckoutSessionsAsync(string orderDraftId, ListCheckoutSessionsOptions? query = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        Operations.OrderDraftsListCheckoutSessions.Uri(orderDraftId, query?.Cursor, query?.Limit);
        var limit = query?.Limit;
        return EnumerateAsync(
            Operations.OrderDraftsListCheckoutSessions.Info,
            (cursor, ct) => ListCheckoutSessionsPageAsync(orderDraftId, new ListCheckoutSessionsOptions { Limit = limit, Cursor = cursor }, options, ct),
            query?.Cursor,
            options,
            cancellationToken);
    }

    public Task<CheckoutSession> GetCheckoutSessionAsync(string orderDraftId, string checkoutSessionId, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        SendAsync(
            Call(Operations.OrderDraftsGetCheckoutSession.Info, Operations.OrderDraftsGetCheckoutSession.Uri(orderDraftId, checkoutSessionId), options),
            Json.CheckoutSession,
            cancellationToken);

    public IAsyncEnumerable<OrderDraft> WatchAsync(IEnumerable<string> offerIds, OrderDraftWatchOptions? watch = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offerIds);
        var offers = new List<string>();
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        foreach (var offerId in offerIds)
        {
            // The same check as a list call, so a bad id fails here rather than on the first poll.
            Operations.OrderDraftsList.Uri(offerId, null, null, null, nameof(offerIds));
            if (distinct.Add(offerId))
            {
                offers.Add(offerId);
            }
        }

        if (offers.Count == 0)
        {
            throw new ArgumentException("Watch at least one offer.", nameof(offerIds));
        }

        var settings = watch ?? new OrderDraftWatchOptions();
        settings.Validate(nameof(watch));
        return new OrderDraftWatcher(this, offers, settings.PollInterval, settings.MaxConcurrency, options, Pipeline.TimeProvider).RunAsync(cancellationToken);
    }

    private static string ListUri(ListOrderDraftsOptions query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Operations.OrderDraftsList.Uri(query.OfferId, query.Cursor, query.Limit, query.Status, "query.OfferId");
    }
}
