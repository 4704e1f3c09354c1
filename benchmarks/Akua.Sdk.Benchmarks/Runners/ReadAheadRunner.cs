using System.Diagnostics;
using Akua.Sdk.Benchmarks.Contenders;
using Akua.Sdk.Benchmarks.Fixtures;
using static Akua.Sdk.Benchmarks.Runners.Report;

namespace Akua.Sdk.Benchmarks.Runners;

/// <summary>
/// <see cref="AkuaRequestOptions.ReadAhead"/> over loopback: 10,000 offers (100 pages of 100) from
/// the Kestrel child process, each page answered after 5 ms of added latency, read by a caller that
/// spends 5 ms on each page it receives (as writing it to a store would), with and without
/// read-ahead: wall time, alternating runs, and the peak live heap in pages.
/// </summary>
internal static class ReadAheadRunner
{
    public const int Pages = 100;
    public const string SlowPath = "/slow/v1/";
    public static readonly TimeSpan PageLatency = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan ConsumerWorkPerPage = TimeSpan.FromMilliseconds(5);
    private const int Total = Pages * CannedBodies.PageSize;
    private const double WallTarget = 0.6;
    private const double HeapTargetPages = 2;

    public static async Task RunAsync(bool quick)
    {
        var rounds = quick ? 3 : 7;
        using var server = LoopbackRunner.StartServerProcess(out var address);
        try
        {
            var transport = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false };
            using var client = new AkuaClient(SdkContender.Options(new Uri(address + SlowPath), transport));
            var query = new ListOffersOptions { Limit = CannedBodies.PageSize };
            // The live size of one page, measured in memory (the same page bytes), where sockets and timers add no noise.
            long onePage;
            using (var inMemory = new AkuaClient(SdkContender.Options(Inputs.InMemoryBase, new CannedHandler(Pages))))
            {
                onePage = await MemoryBoundRunner.OnePageAsync(inMemory, query).ConfigureAwait(false);
            }


            // Warm-up: one pass of each.
            await PassAsync(client, query, readAhead: false, sampleHeap: false).ConfigureAwait(false);
            await PassAsync(client, query, readAhead: true, sampleHeap: false).ConfigureAwait(false);

            var off = new List<double>();
            var on = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                // Alternating, order swapped every round, so drift hits both alike.
                foreach (var readAhead in round % 2 == 0 ? new[] { false, true } : [true, false])
                {
                    var (seconds, _) = await PassAsync(client, query, readAhead, sampleHeap: false).ConfigureAwait(false);
                    (readAhead ? on : off).Add(seconds);
                }
            }

            var (_, peakOff) = await PassAsync(client, query, readAhead: false, sampleHeap: true).ConfigureAwait(false);
            var (_, peakOn) = await PassAsync(client, query, readAhead: true, sampleHeap: true).ConfigureAwait(false);

            var medianOff = Stats.Median(off);
            var medianOn = Stats.Median(on);
            var ratio = medianOn / medianOff;
            var rows = new List<string[]>
            {
                new[] { "sequential (ReadAhead = false)", F(medianOff * 1000, "F0") + " ms", string.Join(", ", off.Select(s => F(s * 1000, "F0"))), "1.000", Bytes(peakOff), F(peakOff / (double)onePage, "F2") },
                new[] { "ReadAhead = true", F(medianOn * 1000, "F0") + " ms", string.Join(", ", on.Select(s => F(s * 1000, "F0"))), F(ratio, "F3"), Bytes(peakOn), F(peakOn / (double)onePage, "F2") },
            };
            var floorMs = Pages * Math.Max(PageLatency.TotalMilliseconds, ConsumerWorkPerPage.TotalMilliseconds);
            var body = $"{Total:N0} offers through `Offers.ListAsync` ({Pages} pages of {CannedBodies.PageSize}, ~180 KB each) from Kestrel on 127.0.0.1 (child process), every page answered after {PageLatency.TotalMilliseconds:F0} ms of added latency; the caller awaits {ConsumerWorkPerPage.TotalMilliseconds:F0} ms after each page it receives. `new AkuaClient(options)` (resilience on) over a SocketsHttpHandler. One warm-up pass each, then {rounds} alternating rounds (median shown, every run listed); then one pass each sampling the live heap (GC.GetTotalMemory(true), relative to before the enumeration) every 50 offers. One page of 100 offers held live (measured in memory on the same page bytes): {Bytes(onePage)}; the sequential pass's peak is the baseline of what a page costs here (one page, its buffered body and the connection's buffers). Lower bound with perfect overlap: ~{floorMs:F0} ms; sequential costs latency + transfer + work per page.\n\n"
                + Table(["mode", "wall time (median)", "runs (ms)", "ratio to sequential", "peak live heap", "in pages"], rows);
            Section("Read-ahead paging: 10,000 offers over loopback, 5 ms per page", body);
            Verdict($"read-ahead: wall time {F(ratio, "F3")}x sequential (target ≤ {F(WallTarget, "F1")}): {(ratio <= WallTarget ? "holds" : "MISSED")}; peak live heap {F(peakOn / (double)onePage, "F2")} pages (target ≤ {F(HeapTargetPages, "F0")}): {(peakOn <= HeapTargetPages * onePage ? "holds" : "MISSED")}.");
        }
        finally
        {
            server.StandardInput.Close();
            if (!server.WaitForExit(5000))
            {
                server.Kill();
            }
        }
    }

    private static async Task<(double Seconds, long PeakLive)> PassAsync(AkuaClient client, ListOffersOptions query, bool readAhead, bool sampleHeap)
    {
        var baseline = sampleHeap ? GC.GetTotalMemory(forceFullCollection: true) : 0;
        long peak = 0;
        var count = 0;
        var watch = Stopwatch.StartNew();
        await foreach (var offer in client.Offers.ListAsync(query, new AkuaRequestOptions { ReadAhead = readAhead }).ConfigureAwait(false))
        {
            GC.KeepAlive(offer);
            count++;
            if (sampleHeap && count % 50 == 0)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
            }

            if (count % CannedBodies.PageSize == 0)
            {
                await Task.Delay(ConsumerWorkPerPage).ConfigureAwait(false);
            }
        }

        watch.Stop();
        if (count != Total)
        {
            throw new InvalidOperationException($"Enumerated {count} offers, expected {Total}.");
        }

        return (watch.Elapsed.TotalSeconds, peak);
    }
}
