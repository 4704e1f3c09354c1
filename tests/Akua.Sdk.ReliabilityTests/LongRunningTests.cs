using System.Collections.Concurrent;
using System.Text;
using System.Web;
using Microsoft.Extensions.Time.Testing;

namespace Akua.Sdk.ReliabilityTests;

/// <summary>
/// Waiting on an operation and watching order drafts over a raw loopback server that injects
/// 503s, dropped connections and rate limits. The client runs on a fake clock that a driver moves
/// forward quickly, so 30 s long polls and poll intervals pass in milliseconds while the bytes
/// still cross real sockets.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class LongRunningTests(ScenarioReport report)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task WaitForCompletionThroughServerErrorsAndDroppedConnections()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        var arrivals = new ConcurrentDictionary<int, DateTimeOffset>();
        var answers = new ConcurrentDictionary<int, string>();

        // 1 RUNNING, 2-4 503 (the pipeline's three attempts), 5 dropped, 6 RUNNING, 7 SUCCEEDED.
        await using var server = new FaultServer(r =>
        {
            arrivals[r.Number] = clock.GetUtcNow();
            var answer = r.Number switch
            {
                1 or 6 => "200 RUNNING",
                2 or 3 or 4 => "503",
                5 => "dropped",
                _ => "200 SUCCEEDED",
            };
            answers[r.Number] = answer;
            return answer switch
            {
                "503" => FaultServer.Reply(r, 503, "application/json", """{"success":false,"errors":[{"code":503,"message":"busy"}],"result":{}}"""),
                "dropped" => FaultServer.WriteAndResetAsync(r, []),
                _ => FaultServer.Reply(r, 200, "application/json", OperationPayloads.PackageBuild(answer[4..])),
            };
        });
        using var client = new AkuaClient(FakeClockOptions(server.BaseAddress, clock));
        await using var driver = new ClockDriver(clock);

        var (error, outcome, elapsed) = await Support.Outcome(async () =>
        {
            var operation = await client.Operations.WaitForCompletionAsync(OperationPayloads.OperationId).WaitAsync(Bound);
            Assert.Equal(OperationState.Succeeded, operation.State);
        });

        var requests = server.Requests;
        var gapAfterRunning = arrivals[2] - arrivals[1];
        var gapAfterSecondRunning = arrivals[7] - arrivals[6];
        report.Record(new ScenarioRow(
            "operations: WaitForCompletionAsync through faults",
            "a RUNNING answer, three 503s, a reset connection, RUNNING, then SUCCEEDED",
            server.RequestCount,
            0,
            error is null ? 0 : 1,
            outcome,
            $"{string.Join(", ", Enumerable.Range(1, server.RequestCount).Select(n => answers.GetValueOrDefault(n, "?")))}; next poll after a RUNNING answer {gapAfterRunning.TotalSeconds:F0} s and {gapAfterSecondRunning.TotalSeconds:F0} s later on the client's clock; {elapsed.TotalMilliseconds:F0} ms real"));
        Assert.Null(error);
        Assert.Equal(7, server.RequestCount);
        Assert.All(requests, r => Assert.StartsWith($"POST /v1/operations/{OperationPayloads.OperationId}:wait?timeout=30 ", r.Head, StringComparison.Ordinal));

        // Never a tighter loop than the server's long poll: an early answer is paced to the 30 s wait
        // (counted from when the poll started, so the arrivals here can be a little closer: the fake
        // clock runs about 100 times faster than real time, and a few ms of latency show as seconds).
        Assert.True(gapAfterRunning >= TimeSpan.FromSeconds(20), $"polled again {gapAfterRunning} after a RUNNING answer");
        Assert.True(gapAfterSecondRunning >= TimeSpan.FromSeconds(20), $"polled again {gapAfterSecondRunning} after a RUNNING answer");

        // After the pipeline gave up on the 503s the wait backs off (about 1 s) before the next poll.
        Assert.True(arrivals[5] - arrivals[4] >= TimeSpan.FromSeconds(0.8), $"polled again {arrivals[5] - arrivals[4]} after a failed poll");
    }

    [Fact]
    public async Task WatcherThroughFaultsYieldsEveryPhaseOnce()
    {
        string[] phases = ["auth", "workspace", "compute", "compute_bootstrap", "configure", "payment", "install", "done"];
        string[] offers = ["offer_a", "offer_b", "offer_c"];
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        var phase = new ConcurrentDictionary<string, int>(offers.ToDictionary(o => o, _ => 0));
        var faults = 0;

        // Every 4th request fails: a 503, a reset, then a 429 with Retry-After, in turn. A draft moves one
        // phase after each list of its offer that was answered, so every phase is there to be seen once.
        await using var server = new FaultServer(r =>
        {
            if (r.Number % 4 == 0)
            {
                Interlocked.Increment(ref faults);
                return (r.Number / 4 % 3) switch
                {
                    0 => FaultServer.Reply(r, 503, "application/json", """{"success":false,"errors":[{"code":503,"message":"busy"}],"result":{}}"""),
                    1 => FaultServer.WriteAndResetAsync(r, []),
                    _ => FaultServer.Reply(r, 429, "application/json", """{"success":false,"errors":[{"code":429,"message":"slow down"}],"result":{}}""", "Retry-After: 1"),
                };
            }

            var offerId = HttpUtility.ParseQueryString(r.Target[(r.Target.IndexOf('?', StringComparison.Ordinal) + 1)..])["offer"]!;
            var current = phase[offerId];
            var body = OrderDraftPayloads.Page(null, OrderDraftPayloads.OrderDraft("odft_" + offerId, phases[current], $"e{current}", offerId));
            phase[offerId] = Math.Min(current + 1, phases.Length - 1);
            return FaultServer.Reply(r, 200, "application/json", body);
        });
        var options = FakeClockOptions(server.BaseAddress, clock);
        options.Retry.MaxRetries = 3;
        using var client = new AkuaClient(options);
        await using var driver = new ClockDriver(clock);

        var seen = new List<(string Offer, string Status)>();
        var (error, outcome, elapsed) = await Support.Outcome(async () =>
        {
            using var stop = new CancellationTokenSource(Bound);
            await foreach (var draft in client.OrderDrafts.WatchAsync(offers, new OrderDraftWatchOptions { PollInterval = TimeSpan.FromSeconds(10), MaxConcurrency = 2 }, cancellationToken: stop.Token))
            {
                seen.Add((draft.OfferId, draft.Status.Value));
                if (seen.Count == offers.Length * phases.Length)
                {
                    break;
                }
            }
        });

        var expected = offers.SelectMany(o => phases.Select(p => (o, p))).ToHashSet();
        var duplicates = seen.Count - seen.Distinct().Count();
        var lost = expected.Except(seen).Count();
        report.Record(new ScenarioRow(
            "order drafts: WatchAsync through faults",
            $"every 4th request a 503, a reset or a 429 (Retry-After 1 s), in turn: {faults} faults",
            server.RequestCount,
            duplicates,
            lost,
            outcome,
            $"3 offers x 8 phases; {seen.Count} changes yielded; {elapsed.TotalMilliseconds:F0} ms real"));
        Assert.Null(error);
        Assert.True(faults >= 5, $"only {faults} faults were injected");
        Assert.Equal(0, duplicates);
        Assert.Equal(0, lost);
        foreach (var offer in offers)
        {
            Assert.Equal(phases, seen.Where(s => s.Offer == offer).Select(s => s.Status));
        }
    }

    private static AkuaClientOptions FakeClockOptions(Uri baseAddress, TimeProvider clock)
    {
        var options = Support.Options(baseAddress);
        options.TimeProvider = clock;
        options.Timeout = TimeSpan.FromSeconds(5);
        return options;
    }

    /// <summary>Moves a fake clock forward 500 ms every 5 ms of real time until disposed (at most <see cref="FaultServer.MaxLifetime"/>).</summary>
    private sealed class ClockDriver : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new(FaultServer.MaxLifetime);
        private readonly Task _loop;

        public ClockDriver(FakeTimeProvider clock) =>
            _loop = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    clock.Advance(TimeSpan.FromMilliseconds(500));
                    await Task.Delay(5).ConfigureAwait(false);
                }
            });

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            _stop.Dispose();
        }
    }
}
