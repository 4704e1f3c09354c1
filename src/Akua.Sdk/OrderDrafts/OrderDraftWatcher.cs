using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace Akua.Sdk;

/// <summary>
/// One watch of <see cref="IOrderDraftsClient.WatchAsync"/>: rounds of full lists, each draft
/// yielded when its etag is new to this watch.
/// </summary>
internal sealed class OrderDraftWatcher(
    IOrderDraftsClient drafts,
    IReadOnlyList<string> offerIds,
    TimeSpan pollInterval,
    int maxConcurrency,
    AkuaRequestOptions? options,
    TimeProvider time)
{
    // Each round reads every draft: the largest page the document allows means the fewest requests.
    private static readonly int PageSize = (int)Contract.AkuaOperations.OrderDraftsList.Limit.Maximum!.Value;

    // The etag last yielded per draft id: a draft is yielded again only when it changed.
    private readonly Dictionary<string, string> _yielded = new(StringComparer.Ordinal);

    public async IAsyncEnumerable<OrderDraft> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            var round = await PollAllAsync(cancellationToken).ConfigureAwait(false);
            foreach (var offer in round)
            {
                foreach (var draft in offer.Drafts)
                {
                    if (!_yielded.TryGetValue(draft.Id, out var etag) || !string.Equals(etag, draft.Etag, StringComparison.Ordinal))
                    {
                        _yielded[draft.Id] = draft.Etag;
                        yield return draft;
                    }
                }
            }

            // What the other offers found has been yielded; now the failure ends the stream, loudly.
            if (round.FirstOrDefault(offer => offer.Failure is not null)?.Failure is { } failure)
            {
                failure.Throw();
            }

            await Task.Delay(pollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<OfferPoll[]> PollAllAsync(CancellationToken cancellationToken)
    {
        var polls = new OfferPoll[offerIds.Count];
        using var gate = new SemaphoreSlim(maxConcurrency);

        async Task PollOne(int index)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            var poll = polls[index] = new OfferPoll();
            try
            {
                await foreach (var draft in drafts.ListAsync(new ListOrderDraftsOptions { OfferId = offerIds[index], Limit = PageSize }, options, cancellationToken).ConfigureAwait(false))
                {
                    poll.Drafts.Add(draft);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                poll.Failure = ExceptionDispatchInfo.Capture(ex);
            }
            finally
            {
                gate.Release();
            }
        }

        var tasks = new Task[offerIds.Count];
        for (var i = 0; i < tasks.Length; i++)
        {
            tasks[i] = PollOne(i);
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        return polls;
    }

    private sealed class OfferPoll
    {
        public List<OrderDraft> Drafts { get; } = [];

        public ExceptionDispatchInfo? Failure { get; set; }
    }
}
