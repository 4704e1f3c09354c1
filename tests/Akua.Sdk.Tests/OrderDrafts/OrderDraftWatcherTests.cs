using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Web;
using Akua.Sdk.Tests.Pipeline;
using Microsoft.Extensions.Time.Testing;

namespace Akua.Sdk.Tests.OrderDrafts;

/// <summary>
/// <see cref="IOrderDraftsClient.WatchAsync"/> on a fake clock over the SDK's whole chain: every
/// appearance and every change yielded once, the poll interval kept, faults never silent.
/// </summary>
public sealed class OrderDraftWatcherTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly DraftServer _server = new();
    private readonly ClientFixture _fixture;
    private readonly CancellationTokenSource _bound = new(Bound);

    public OrderDraftWatcherTests()
    {
        _fixture = new ClientFixture(
            o =>
            {
                o.TimeProvider = _time;
                o.Retry.BaseDelay = TimeSpan.Zero;
            },
            fullChain: true);
        _fixture.Mock.Fallback.Respond(_server.AnswerAsync);
    }

    public void Dispose()
    {
        _bound.Dispose();
        _fixture.Dispose();
    }

    [Fact]
    public async Task Yields_each_draft_when_it_first_appears_and_again_only_when_its_etag_changes()
    {
        _server.Set("offer_a", ("odft_1", "auth", "e1"));
        await using var watch = Watch("offer_a", "offer_b");

        Assert.Equal(("odft_1", "auth"), Seen(await NextAsync(watch)));

        _server.Set("offer_a", ("odft_1", "workspace", "e2"));
        _server.Set("offer_b", ("odft_2", "auth", "e3"));
        var second = NextAsync(watch);
        _time.Advance(Interval);
        Assert.Equal(("odft_1", "workspace"), Seen(await second));
        Assert.Equal(("odft_2", "auth"), Seen(await NextAsync(watch)));

        // A round where nothing changed yields nothing: the next item is the next change.
        var afterQuietRound = NextAsync(watch);
        await AdvanceOneRoundAsync(2);
        _server.Set("offer_b", ("odft_2", "workspace", "e4"));
        Assert.Equal(("odft_2", "workspace"), Seen(await AdvanceUntilAsync(afterQuietRound)));
    }

    [Fact]
    public async Task Every_phase_of_a_redemption_is_yielded_once_and_in_order()
    {
        string[] phases = ["auth", "workspace", "compute", "compute_bootstrap", "configure", "payment", "install", "done"];
        _server.Set("offer_a", ("odft_1", phases[0], "e0"));
        await using var watch = Watch("offer_a");
        var seen = new List<string> { (await NextAsync(watch)).Status.Value };

        for (var i = 1; i < phases.Length; i++)
        {
            var next = NextAsync(watch);
            _server.Set("offer_a", ("odft_1", phases[i], $"e{i}"));
            _time.Advance(Interval);
            var draft = await next;
            seen.Add(draft.Status.Value);
        }

        Assert.Equal(phases, seen);
        Assert.True(new OrderDraftStatus(seen[^1]).IsTerminal);
    }

    [Fact]
    public async Task Waits_the_poll_interval_on_the_clients_clock_between_rounds()
    {
        _server.Set("offer_a", ("odft_1", "auth", "e1"));
        await using var watch = Watch("offer_a");
        await NextAsync(watch);
        var next = NextAsync(watch);

        _time.Advance(Interval - TimeSpan.FromMilliseconds(1));
        await Task.Delay(50);
        Assert.Equal(1, _server.Requests);

        _server.Set("offer_a", ("odft_1", "workspace", "e2"));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await next;
        Assert.Equal(2, _server.Requests);
    }

    [Fact]
    public async Task Lists_every_page_of_an_offer_each_round()
    {
        _server.Set("offer_a", ("odft_1", "auth", "e1"), ("odft_2", "auth", "e2"), ("odft_3", "auth", "e3"));
        await using var watch = Watch("offer_a");

        var first = new[] { await NextAsync(watch), await NextAsync(watch), await NextAsync(watch) };

        Assert.Equal(["odft_1", "odft_2", "odft_3"], first.Select(d => d.Id));
        Assert.Equal(3, _server.Requests);
        Assert.Contains(_server.Uris, uri => uri.Contains("cursor=2", StringComparison.Ordinal));
        Assert.All(_server.Uris, uri => Assert.Contains("limit=100", uri, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Polls_at_most_max_concurrency_offers_at_once_and_repeated_offers_once()
    {
        _server.Delay = TimeSpan.FromMilliseconds(30);
        string[] offers = ["offer_1", "offer_2", "offer_3", "offer_4", "offer_5", "offer_6", "offer_1"];
        foreach (var offer in offers)
        {
            _server.Set(offer, ($"odft_{offer}", "auth", "e1"));
        }

        await using var watch = _fixture.Client.OrderDrafts.WatchAsync(offers, new OrderDraftWatchOptions { PollInterval = Interval, MaxConcurrency = 2 }, cancellationToken: _bound.Token).GetAsyncEnumerator();
        var drafts = new List<OrderDraft>();
        for (var i = 0; i < 6; i++)
        {
            drafts.Add(await NextAsync(watch));
        }

        Assert.Equal(offers.Distinct().Select(o => $"odft_{o}"), drafts.Select(d => d.Id));
        Assert.Equal(6, _server.Requests);
        Assert.Equal(2, _server.MaxInFlight);
    }

    [Fact]
    public async Task A_transient_failure_is_retried_by_the_pipeline_and_loses_nothing()
    {
        _server.Set("offer_a", ("odft_1", "auth", "e1"));
        _server.FailNext("offer_a", HttpStatusCode.ServiceUnavailable);
        await using var watch = Watch("offer_a");

        Assert.Equal(("odft_1", "auth"), Seen(await NextAsync(watch)));
        Assert.Equal(2, _server.Requests);
    }

    [Fact]
    public async Task A_poll_that_still_fails_ends_the_stream_after_the_other_offers_changes()
    {
        _server.Set("offer_a", ("odft_1", "auth", "e1"));
        _server.FailNext("offer_b", HttpStatusCode.Forbidden);
        await using var watch = Watch("offer_b", "offer_a");

        Assert.Equal("odft_1", (await NextAsync(watch)).Id);
        var error = await Assert.ThrowsAsync<AkuaPermissionDeniedException>(async () => await watch.MoveNextAsync().AsTask().WaitAsync(Bound));
        Assert.Equal(403, error.StatusCode);
    }

    [Fact]
    public async Task Cancelling_ends_the_watch_while_it_waits()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(_bound.Token);
        _server.Set("offer_a", ("odft_1", "auth", "e1"));
        await using var watch = _fixture.Client.OrderDrafts.WatchAsync(["offer_a"], new OrderDraftWatchOptions { PollInterval = Interval }, cancellationToken: stop.Token).GetAsyncEnumerator();
        await NextAsync(watch);
        var next = watch.MoveNextAsync().AsTask();

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(Bound));
        Assert.Equal(1, _server.Requests);
    }

    [Fact]
    public async Task Stopping_the_iteration_stops_the_polls()
    {
        _server.Set("offer_a", ("odft_1", "auth", "e1"));
        await foreach (var draft in _fixture.Client.OrderDrafts.WatchAsync(["offer_a"], cancellationToken: _bound.Token))
        {
            Assert.Equal("odft_1", draft.Id);
            break;
        }

        _time.Advance(TimeSpan.FromMinutes(5));
        await Task.Delay(50);
        Assert.Equal(1, _server.Requests);
    }

    [Fact]
    public void Bad_arguments_are_refused_at_the_call_before_anything_is_sent()
    {
        var drafts = _fixture.Client.OrderDrafts;

        Assert.Equal("offerIds", Assert.Throws<ArgumentNullException>(() => drafts.WatchAsync(null!)).ParamName);
        Assert.Equal("offerIds", Assert.Throws<ArgumentException>(() => drafts.WatchAsync([])).ParamName);
        Assert.Equal("offerIds", Assert.ThrowsAny<ArgumentException>(() => drafts.WatchAsync(["offer_a", " "])).ParamName);
        Assert.Equal("offerIds", Assert.ThrowsAny<ArgumentException>(() => drafts.WatchAsync([new string('o', 57)])).ParamName);
        Assert.Equal("watch", Assert.Throws<ArgumentOutOfRangeException>(() => drafts.WatchAsync(["offer_a"], new OrderDraftWatchOptions { PollInterval = TimeSpan.FromMilliseconds(500) })).ParamName);
        Assert.Equal("watch", Assert.Throws<ArgumentOutOfRangeException>(() => drafts.WatchAsync(["offer_a"], new OrderDraftWatchOptions { PollInterval = TimeSpan.FromHours(2) })).ParamName);
        Assert.Equal("watch", Assert.Throws<ArgumentOutOfRangeException>(() => drafts.WatchAsync(["offer_a"], new OrderDraftWatchOptions { MaxConcurrency = 0 })).ParamName);
        Assert.Equal("watch", Assert.Throws<ArgumentOutOfRangeException>(() => drafts.WatchAsync(["offer_a"], new OrderDraftWatchOptions { MaxConcurrency = 33 })).ParamName);
        Assert.Equal(0, _server.Requests);
    }

    [Fact]
    public async Task Settings_changed_after_the_call_do_not_change_the_watch()
    {
        var settings = new OrderDraftWatchOptions { PollInterval = Interval };
        _server.Set("offer_a", ("odft_1", "auth", "e1"));
        await using var watch = _fixture.Client.OrderDrafts.WatchAsync(["offer_a"], settings, cancellationToken: _bound.Token).GetAsyncEnumerator();
        settings.PollInterval = TimeSpan.FromHours(1);
        await NextAsync(watch);

        var next = NextAsync(watch);
        _server.Set("offer_a", ("odft_1", "workspace", "e2"));
        _time.Advance(Interval);

        Assert.Equal("workspace", (await next).Status.Value);
    }

    private IAsyncEnumerator<OrderDraft> Watch(params string[] offers) =>
        _fixture.Client.OrderDrafts.WatchAsync(offers, new OrderDraftWatchOptions { PollInterval = Interval }, cancellationToken: _bound.Token).GetAsyncEnumerator();

    private static async Task<OrderDraft> NextAsync(IAsyncEnumerator<OrderDraft> watch)
    {
        Assert.True(await watch.MoveNextAsync().AsTask().WaitAsync(Bound), "the watch ended");
        return watch.Current;
    }

    private static (string Id, string Status) Seen(OrderDraft draft) => (draft.Id, draft.Status.Value);

    /// <summary>Moves the clock one interval and waits until the round's polls have been answered.</summary>
    private async Task AdvanceOneRoundAsync(int polls)
    {
        var target = _server.Answered + polls;
        _time.Advance(Interval);
        using var timeout = new CancellationTokenSource(Bound);
        while (_server.Answered < target)
        {
            await Task.Delay(5, timeout.Token);
        }
    }

    /// <summary>Moves the clock an interval at a time until <paramref name="next"/> completes (the watch may still be between rounds).</summary>
    private async Task<T> AdvanceUntilAsync<T>(Task<T> next)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (!next.IsCompleted)
        {
            _time.Advance(Interval);
            await Task.Delay(10, timeout.Token);
        }

        return await next;
    }

    /// <summary>Answers <c>orderDrafts.list</c> from the drafts each offer has now, one draft per page.</summary>
    private sealed class DraftServer
    {
        private readonly ConcurrentDictionary<string, (string Id, string Status, string Etag)[]> _drafts = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, HttpStatusCode> _failNext = new(StringComparer.Ordinal);
        private int _requests;
        private int _answered;
        private int _inFlight;
        private int _maxInFlight;

        public TimeSpan Delay { get; set; }

        public int Requests => Volatile.Read(ref _requests);

        public int Answered => Volatile.Read(ref _answered);

        public int MaxInFlight => Volatile.Read(ref _maxInFlight);

        public ConcurrentQueue<string> Uris { get; } = new();

        public void Set(string offerId, params (string Id, string Status, string Etag)[] drafts) => _drafts[offerId] = drafts;

        public void FailNext(string offerId, HttpStatusCode status) => _failNext[offerId] = status;

        public async Task<HttpResponseMessage> AnswerAsync(HttpRequestMessage request)
        {
            Interlocked.Increment(ref _requests);
            var inFlight = Interlocked.Increment(ref _inFlight);
            InterlockedMax(ref _maxInFlight, inFlight);
            try
            {
                Uris.Enqueue(request.RequestUri!.AbsoluteUri);
                if (Delay > TimeSpan.Zero)
                {
                    await Task.Delay(Delay);
                }

                var query = HttpUtility.ParseQueryString(request.RequestUri.Query);
                var offerId = query["offer"]!;
                if (_failNext.TryRemove(offerId, out var failure))
                {
                    return Json(failure, $$$"""{"success":false,"errors":[{"code":{{{(int)failure}}},"message":"refused"}],"result":{}}""");
                }

                var drafts = _drafts.GetValueOrDefault(offerId, []);
                var index = int.Parse(query["cursor"] ?? "0", System.Globalization.CultureInfo.InvariantCulture);
                var page = drafts.Skip(index).Take(1).Select(d => OrderDraftPayloads.OrderDraft(d.Id, d.Status, d.Etag, offerId)).ToArray();
                var next = index + 1 < drafts.Length ? (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
                return Json(HttpStatusCode.OK, OrderDraftPayloads.Page(next, page));
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
                Interlocked.Increment(ref _answered);
            }
        }

        private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
            new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        private static void InterlockedMax(ref int target, int value)
        {
            for (var current = Volatile.Read(ref target); value > current; current = Volatile.Read(ref target))
            {
                if (Interlocked.CompareExchange(ref target, value, current) == current)
                {
                    return;
                }
            }
        }
    }
}
