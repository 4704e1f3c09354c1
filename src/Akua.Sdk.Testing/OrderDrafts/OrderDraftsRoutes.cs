using Akua.Sdk.Contract;

namespace Akua.Sdk.Testing;

/// <summary>The seller's five Order Drafts operations; customers' drafts are played by <see cref="CustomerJourney"/>.</summary>
internal sealed class OrderDraftsRoutes(EmulatorStore store)
{
    private const string Kind = "order draft";

    public IEnumerable<EmulatorRoute> Routes() =>
    [
        new(AkuaOperations.OrderDraftsList.Info, List),
        new(AkuaOperations.OrderDraftsGet.Info, Get),
        new(AkuaOperations.OrderDraftsCancel.Info, Cancel),
        new(AkuaOperations.OrderDraftsListCheckoutSessions.Info, ListCheckoutSessions),
        new(AkuaOperations.OrderDraftsGetCheckoutSession.Info, GetCheckoutSession),
    ];

    /// <summary>One offer's drafts (<c>offer</c> is required by the document's rules), newest first; none for another workspace's offer.</summary>
    private Reply List(EmulatorRequest request)
    {
        var offerId = request.Query(AkuaOperations.OrderDraftsList.OfferId)!;
        var status = request.Query(AkuaOperations.OrderDraftsList.Status);
        return Paging.Page(
            request,
            AkuaOperations.OrderDraftsList.Limit,
            AkuaOperations.OrderDraftsList.Cursor,
            store.OrderDrafts.Values.Where(d => d.OfferId == offerId && (status is null || d.Status.Value == status)),
            d => d.ToModel(seller: true));
    }

    private Reply Get(EmulatorRequest request)
    {
        var id = request.Path(AkuaOperations.OrderDraftsGet.Id);
        return Find(request, id) is { } draft ? Replies.Ok(200, draft.ToModel(seller: true)) : Replies.NotFound(Kind, id);
    }

    /// <summary>Terminates a draft in flight (<c>revoked</c>); a terminated one comes back unchanged, a done one cannot be cancelled (422).</summary>
    private Reply Cancel(EmulatorRequest request)
    {
        var id = request.Path(AkuaOperations.OrderDraftsCancel.Id);
        var found = Find(request, id);
        if (found?.Status == OrderDraftStatus.Terminated)
        {
            return Replies.Ok(200, found.ToModel(seller: true));
        }

        if (!request.Guard(found, Kind, id, out var draft, out var refused))
        {
            return refused;
        }

        if (draft.Status == OrderDraftStatus.Done)
        {
            return Replies.Error(422, ErrorCodes.Unprocessable, $"The order draft '{id}' is done: its order was delivered and cannot be cancelled.");
        }

        CustomerJourney.Terminate(store, draft, OrderDraftTerminationReason.Revoked);
        return Replies.Ok(200, draft.ToModel(seller: true));
    }

    private Reply ListCheckoutSessions(EmulatorRequest request)
    {
        var id = request.Path(AkuaOperations.OrderDraftsListCheckoutSessions.Id);
        return Find(request, id) is { } draft
            ? Paging.Page(request, AkuaOperations.OrderDraftsListCheckoutSessions.Limit, AkuaOperations.OrderDraftsListCheckoutSessions.Cursor, draft.CheckoutSessions, s => s.ToModel(), static (_, _) => true)
            : Replies.NotFound(Kind, id);
    }

    private Reply GetCheckoutSession(EmulatorRequest request)
    {
        var id = request.Path(AkuaOperations.OrderDraftsGetCheckoutSession.Id);
        var sessionId = request.Path(AkuaOperations.OrderDraftsGetCheckoutSession.ChkId);
        if (Find(request, id) is not { } draft)
        {
            return Replies.NotFound(Kind, id);
        }

        return draft.CheckoutSessions.FirstOrDefault(s => s.Id == sessionId) is { } session
            ? Replies.Ok(200, session.ToModel())
            : Replies.NotFound("checkout session", sessionId);
    }

    /// <summary>A draft of one of the token's workspaces' offers (these operations name no akua-context).</summary>
    private OrderDraftRecord? Find(EmulatorRequest request, string id) =>
        store.OrderDrafts.TryGetValue(id, out var draft) && request.Caller!.Workspaces.Contains(draft.WorkspaceId) ? draft : null;
}
