using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;


namespace Akua.Sdk.Tests.Pipeline;

/// <summary><see cref="AkuaRequestOptions.ReadAhead"/>: one page requested ahead, never more, cancelled and observed when the caller stops.</summary>
public sealed class ReadAheadTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private static readonly AkuaRequestOptions ReadAhead = new() { ReadAhead = true };

    private readonly PageGate _gate = new();
    private readonly AkuaClient _client;

    public ReadAheadTests()
    {
        _client = new AkuaClient(new HttpClient(_gate), new AkuaClientOptions { ApiToken = ClientFixture.Token });
    }

    public void Dispose()
    {
        _client.Dispose();
        _gate.Dispose();
    }

    [Fact]
    public async Task Page_two_is_requested_while_page_one_is_consumed_and_never_more_than_one_ahead()
    {
        await using var items = _client.Offers.ListAsync(new ListOffersOptions { Limit = 2 }, ReadAhead).GetAsyncEnumerator();
        var moving = items.MoveNextAsync();
        (await _gate.NextAsync()).Answer(OfferPage(0, 2, "cur_2"));
        Assert.True(await moving.AsTask().WaitAsync(Bound));
        Assert.Equal("offer_0", items.Current.Id);

        // The caller holds the first item of page 1; page 2 is already asked for.
        var second = await _gate.NextAsync();
        Assert.Equal("cur_2", second.Cursor);
        Assert.True(await items.MoveNextAsync());
        Assert.Equal("offer_1", items.Current.Id);

        // Page 1 consumed, page 2 not answered: page 3 is not asked for yet.
        moving = items.MoveNextAsync();
        await Task.Delay(100);
        Assert.False(moving.IsCompleted);
        Assert.Equal(2, _gate.Count);

        second.Answer(OfferPage(2, 2, "cur_4"));
        Assert.True(await moving.AsTask().WaitAsync(Bound));
        Assert.Equal("offer_2", items.Current.Id);
        Assert.Equal("cur_4", (await _gate.NextAsync()).Cursor);
        Assert.Equal(1, _gate.MaxInFlight);
    }

    [Fact]
    public async Task Is_off_by_default()
    {
        await using var items = _client.Offers.ListAsync(new ListOffersOptions { Limit = 2 }).GetAsyncEnumerator();
        var moving = items.MoveNextAsync();
        (await _gate.NextAsync()).Answer(OfferPage(0, 2, "cur_2"));
        Assert.True(await moving.AsTask().WaitAsync(Bound));
        Assert.True(await items.MoveNextAsync());

        await Task.Delay(100);
        Assert.Equal(1, _gate.Count);
        moving = items.MoveNextAsync();
        var second = await _gate.NextAsync();
        Assert.Equal("cur_2", second.Cursor);
        second.Answer(OfferPage(2, 1, null));
        Assert.True(await moving.AsTask().WaitAsync(Bound));
        Assert.False(await items.MoveNextAsync());
    }

    [Fact]
    public async Task Stopping_early_cancels_the_page_read_ahead()
    {
        var first = AnswerFirstPage();
        PendingPage? second = null;

        // Bounded: an enumerator that waited for the page read ahead instead of cancelling it would hang here.
        await StopAfterFirstItem().WaitAsync(Bound);
        await first;
        Assert.NotNull(second);
        Assert.Equal("cur_2", second.Cursor);
        Assert.True(second.Token.IsCancellationRequested);
        Assert.Equal(0, _gate.InFlight);

        async Task StopAfterFirstItem()
        {
            await foreach (var _ in _client.Offers.ListAsync(new ListOffersOptions { Limit = 2 }, ReadAhead))
            {
                second = await _gate.NextAsync();
                break;
            }
        }
    }

    [Fact]
    public async Task Cancelling_the_callers_token_cancels_the_page_read_ahead()
    {
        using var cts = new CancellationTokenSource();
        await using var items = _client.Offers.ListAsync(new ListOffersOptions { Limit = 2 }, ReadAhead, cts.Token).GetAsyncEnumerator();
        var moving = items.MoveNextAsync();
        (await _gate.NextAsync()).Answer(OfferPage(0, 2, "cur_2"));
        Assert.True(await moving.AsTask().WaitAsync(Bound));
        var second = await _gate.NextAsync();

        await cts.CancelAsync();

        Assert.True(second.Token.IsCancellationRequested);
        Assert.True(await items.MoveNextAsync());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await items.MoveNextAsync().AsTask().WaitAsync(Bound));
    }

    [Fact]
    public async Task A_failure_of_page_two_is_thrown_where_the_caller_reaches_page_two()
    {
        await using var items = _client.Offers.ListAsync(new ListOffersOptions { Limit = 2 }, ReadAhead).GetAsyncEnumerator();
        var moving = items.MoveNextAsync();
        (await _gate.NextAsync()).Answer(OfferPage(0, 2, "cur_2"));
        Assert.True(await moving.AsTask().WaitAsync(Bound));
        (await _gate.NextAsync()).Answer(NotFound("page_two_failed"));
        await _gate.Idle();

        // Page 1's second item still comes first, then page 2's failure.
        Assert.True(await items.MoveNextAsync());
        Assert.Equal("offer_1", items.Current.Id);
        var failure = await Assert.ThrowsAnyAsync<AkuaApiException>(async () => await items.MoveNextAsync().AsTask().WaitAsync(Bound));
        Assert.Equal(404, failure.StatusCode);
    }

    [Fact]
    public async Task A_failed_page_read_ahead_that_nobody_reaches_is_observed()
    {
        var unobserved = new List<Exception>();
        void Record(object? sender, UnobservedTaskExceptionEventArgs e)
        {
            lock (unobserved)
            {
                unobserved.Add(e.Exception);
            }
        }

        TaskScheduler.UnobservedTaskException += Record;
        try
        {
            await RunAndStopEarly().WaitAsync(Bound);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= Record;
        }

        lock (unobserved)
        {
            Assert.DoesNotContain(unobserved, e => e.ToString().Contains("never_reached", StringComparison.Ordinal));
        }

        async Task RunAndStopEarly()
        {
            var first = AnswerFirstPage();
            await foreach (var _ in _client.Offers.ListAsync(new ListOffersOptions { Limit = 2 }, ReadAhead))
            {
                (await _gate.NextAsync()).Answer(NotFound("never_reached"));
                await _gate.Idle();
                break;
            }

            await first;
        }
    }

    [Fact]
    public async Task Items_keep_their_order_across_pages_answered_at_different_speeds()
    {
        const int pages = 6;
        var answering = Task.Run(async () =>
        {
            for (var p = 0; p < pages; p++)
            {
                var page = await _gate.NextAsync();
                await Task.Delay(p % 2 == 0 ? 30 : 1);
                page.Answer(OfferPage(p * 3, 3, p < pages - 1 ? $"cur_{p + 1}" : null));
            }
        });

        var ids = new List<string>();
        await foreach (var offer in _client.Offers.ListAsync(new ListOffersOptions { Limit = 3 }, ReadAhead))
        {
            ids.Add(offer.Id);
            await Task.Delay(ids.Count % 3 == 0 ? 20 : 0);
        }

        await answering.WaitAsync(Bound);
        Assert.Equal(Enumerable.Range(0, pages * 3).Select(i => $"offer_{i}"), ids);
        Assert.Equal(1, _gate.MaxInFlight);
    }

    [Fact]
    public async Task Every_area_reads_ahead_through_the_same_paging()
    {
        await using var items = _client.Products.ListAsync(new ListProductsOptions { Limit = 1 }, ReadAhead).GetAsyncEnumerator();
        var moving = items.MoveNextAsync();
        (await _gate.NextAsync()).Answer($$"""{"data": [{{Payloads.Product}}], "has_more": true, "next_cursor": "cur_p"}""");
        Assert.True(await moving.AsTask().WaitAsync(Bound));

        Assert.Equal("cur_p", (await _gate.NextAsync()).Cursor);
    }

    private Task AnswerFirstPage() => Task.Run(async () => (await _gate.NextAsync()).Answer(OfferPage(0, 2, "cur_2")));

    private static string OfferPage(int from, int count, string? nextCursor)
    {
        var data = new JsonArray();
        for (var i = from; i < from + count; i++)
        {
            var offer = JsonNode.Parse(Payloads.Offer)!.AsObject();
            offer["id"] = $"offer_{i}";
            data.Add(offer);
        }

        return new JsonObject { ["data"] = data, ["has_more"] = nextCursor is not null, ["next_cursor"] = nextCursor }.ToJsonString();
    }

    private static HttpResponseMessage NotFound(string message) =>
        new(HttpStatusCode.NotFound) { Content = new StringContent("{\"success\": false, \"errors\": [{\"code\": 7, \"message\": \"" + message + "\"}], \"result\": {}}", Encoding.UTF8, "application/json") };

    /// <summary>A transport whose every request waits until the test answers it.</summary>
    private sealed class PageGate : HttpMessageHandler
    {
        private readonly Channel<PendingPage> _arrivals = Channel.CreateUnbounded<PendingPage>();
        private readonly object _lock = new();
        private int _maxInFlight;
        private int _inFlight;
        private int _count;
        private TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Count => Volatile.Read(ref _count);

        public int InFlight
        {
            get
            {
                lock (_lock)
                {
                    return _inFlight;
                }
            }
        }

        public int MaxInFlight
        {
            get
            {
                lock (_lock)
                {
                    return _maxInFlight;
                }
            }
        }

        /// <summary>The next request to arrive (in arrival order), within the test's bound.</summary>
        public async Task<PendingPage> NextAsync() => await _arrivals.Reader.ReadAsync().AsTask().WaitAsync(Bound);

        /// <summary>Completes once no request is in flight.</summary>
        public Task Idle()
        {
            lock (_lock)
            {
                return _inFlight == 0 ? Task.CompletedTask : _idle.Task.WaitAsync(Bound);
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var pending = new PendingPage(request.RequestUri!, cancellationToken);
            lock (_lock)
            {
                _count++;
                _inFlight++;
                _maxInFlight = Math.Max(_maxInFlight, _inFlight);
            }

            _arrivals.Writer.TryWrite(pending);
            try
            {
                return await pending.Response.Task.WaitAsync(cancellationToken);
            }
            finally
            {
                lock (_lock)
                {
                    if (--_inFlight == 0)
                    {
                        _idle.TrySetResult();
                        _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    }
                }
            }
        }
    }

    private sealed class PendingPage(Uri uri, CancellationToken token)
    {
        public CancellationToken Token { get; } = token;

        public TaskCompletionSource<HttpResponseMessage> Response { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string? Cursor => System.Web.HttpUtility.ParseQueryString(uri.Query)["cursor"];

        public void Answer(string json) => Response.TrySetResult(ClientFixture.Json(HttpStatusCode.OK, json));

        public void Answer(HttpResponseMessage response) => Response.TrySetResult(response);
    }
}
