using Akua.Sdk;

/// <summary>
/// Logs offers being redeemed. Akua has no webhooks, so this background service watches the order
/// drafts of the workspace's active offers with <see cref="IOrderDraftsClient.WatchAsync"/>, and
/// refreshes the list of offers now and then so new deals are watched too.
/// </summary>
internal sealed partial class RedemptionWatcher(IOffersClient offers, IOrderDraftsClient orderDrafts, IConfiguration configuration, ILogger<RedemptionWatcher> logger)
    : BackgroundService
{
    // What was logged per draft, so a new watch (which yields every existing draft again) logs only changes.
    private readonly Dictionary<string, string> _logged = new(StringComparer.Ordinal);

    private TimeSpan PollInterval => configuration.GetValue("Redemptions:PollInterval", TimeSpan.FromSeconds(15));

    private TimeSpan RefreshOffersEvery => configuration.GetValue("Redemptions:RefreshOffersEvery", TimeSpan.FromMinutes(1));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var offerIds = new List<string>();
                await foreach (var offer in offers.ListAsync(cancellationToken: stoppingToken))
                {
                    if (offer.Status == OfferStatus.Active)
                    {
                        offerIds.Add(offer.Id);
                    }
                }

                if (offerIds.Count == 0)
                {
                    await Task.Delay(RefreshOffersEvery, stoppingToken);
                    continue;
                }

                using var refresh = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                refresh.CancelAfter(RefreshOffersEvery);
                await WatchAsync(offerIds, refresh.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // Time to look for new offers.
            }
            catch (AkuaException error)
            {
                // The pipeline already retried what was transient; try again on the next round.
                LogWatchFailed(error.Message);
                await Task.Delay(PollInterval, stoppingToken);
            }
        }
    }

    private async Task WatchAsync(List<string> offerIds, CancellationToken cancellationToken)
    {
        LogWatching(offerIds.Count);
        await foreach (var draft in orderDrafts.WatchAsync(offerIds, new OrderDraftWatchOptions { PollInterval = PollInterval }, cancellationToken: cancellationToken))
        {
            if (_logged.TryGetValue(draft.Id, out var etag) && etag == draft.Etag)
            {
                continue;
            }

            _logged[draft.Id] = draft.Etag;
            if (draft.Status == OrderDraftStatus.Done)
            {
                LogRedeemed(draft.OfferId, draft.Id);
            }
            else
            {
                LogPhase(draft.Id, draft.OfferId, draft.Status.Value);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching the order drafts of {OfferCount} active offers")]
    private partial void LogWatching(int offerCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order draft {OrderDraftId} of offer {OfferId} is at {Status}")]
    private partial void LogPhase(string orderDraftId, string offerId, string status);

    // No customer email in the logs: it is personal data, and the draft id leads to it.
    [LoggerMessage(Level = LogLevel.Information, Message = "Offer {OfferId} was redeemed (order draft {OrderDraftId})")]
    private partial void LogRedeemed(string offerId, string orderDraftId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watching redemptions failed, trying again: {Reason}")]
    private partial void LogWatchFailed(string reason);
}
