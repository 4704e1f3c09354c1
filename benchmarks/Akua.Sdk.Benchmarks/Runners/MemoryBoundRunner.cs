using System.Diagnostics;
using Akua.Sdk.Benchmarks.Contenders;
using Akua.Sdk.Benchmarks.Fixtures;
using static Akua.Sdk.Benchmarks.Runners.Report;

namespace Akua.Sdk.Benchmarks.Runners;

/// <summary>
/// Enumerates 100,000 offers (1,000 pages of 100) through ListAsync and samples the live heap
/// (GC.GetTotalMemory(true)) on the way: allocation grows with the offers read, the live heap
/// must stay within about one page.
/// </summary>
internal static class MemoryBoundRunner
{
    private const int Pages = 1000;
    private const int Total = Pages * CannedBodies.PageSize;
    private const int SampleEvery = 5_000;

    public static async Task RunAsync()
    {
        using var client = new AkuaClient(SdkContender.Options(Inputs.InMemoryBase, new CannedHandler(Pages)));
        var query = new ListOffersOptions { Limit = CannedBodies.PageSize };

        var onePage = await OnePageAsync(client, query).ConfigureAwait(false);
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedStart = GC.GetTotalAllocatedBytes(precise: true);
        var samples = new List<(int Offers, long Live, long Allocated, long WorkingSet)>();
        var count = 0;
        var watch = Stopwatch.StartNew();
        await foreach (var offer in client.Offers.ListAsync(query).ConfigureAwait(false))
        {
            count++;
            if (count % SampleEvery == 0)
            {
                var live = GC.GetTotalMemory(forceFullCollection: true) - baseline;
                samples.Add((count, live, GC.GetTotalAllocatedBytes(precise: true) - allocatedStart, Environment.WorkingSet));
            }

            GC.KeepAlive(offer);
        }

        watch.Stop();
        if (count != Total)
        {
            throw new InvalidOperationException($"Enumerated {count} offers, expected {Total}.");
        }

        var peakLive = samples.Max(s => s.Live);
        // Allocation rate over the second and the last fifth of the run (the first pages come from
        // the handler's precomputed bytes, later ones are generated per request: ~1.8 KB per offer of the figure).
        var first = samples[samples.Count / 5];
        var mid = samples[2 * samples.Count / 5];
        var late = samples[4 * samples.Count / 5];
        var last = samples[^1];
        var perOfferEarly = (mid.Allocated - first.Allocated) / (double)(mid.Offers - first.Offers);
        var perOfferLate = (last.Allocated - late.Allocated) / (double)(last.Offers - late.Offers);
        var rows = samples.Where((_, i) => i % 4 == 3 || i == 0).Select(s => new[]
        {
            s.Offers.ToString("N0", C), Bytes(s.Live), F(s.Live / (double)onePage, "F2"), Bytes(s.Allocated), F(s.Allocated / (double)s.Offers, "N0") + " B", F(s.WorkingSet / 1048576.0, "F0") + " MiB",
        });
        var bounded = peakLive <= 2 * onePage;
        var linear = Math.Abs(perOfferLate / perOfferEarly - 1) < 0.10;
        var body = $"{Total:N0} offers through `Offers.ListAsync` (limit 100, {Pages} pages) in {watch.Elapsed.TotalSeconds:F1} s, live heap sampled with GC.GetTotalMemory(true) every {SampleEvery:N0} offers, relative to the heap before enumeration. One page of 100 offers held live: **{Bytes(onePage)}**.\n\n"
            + Table(["offers read", "live heap above start", "in pages", "allocated so far", "allocated per offer", "working set"], rows)
            + $"\nPeak live heap {Bytes(peakLive)} = {F(peakLive / (double)onePage, "F2")} pages (bound: 2 pages, the page being read plus the one being handed out); allocation rate {F(perOfferEarly, "N0")} B per offer between {first.Offers:N0} and {mid.Offers:N0} offers vs {F(perOfferLate, "N0")} B between {late.Offers:N0} and {last.Offers:N0} (linear growth; about 1.8 KB per offer of it is the in-memory handler generating each page's bytes).";
        Section("Enumerating 100,000 offers: memory bounded by a page", body);
        Verdict($"ListAsync over 100,000 offers: peak live heap {F(peakLive / (double)onePage, "F2")} pages (target: bounded by about one page, ≤ 2): {(bounded ? "holds" : "MISSED")}; allocation linear ({F(perOfferEarly, "N0")} → {F(perOfferLate, "N0")} B per offer): {(linear ? "yes" : "NO")}.");
    }

    /// <summary>The live size of one page, measured in its own frame so no temporary outlives it.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    internal static async Task<long> OnePageAsync(AkuaClient client, ListOffersOptions query)
    {
        await client.Offers.ListPageAsync(query).ConfigureAwait(false);
        var empty = GC.GetTotalMemory(forceFullCollection: true);
        var held = await client.Offers.ListPageAsync(query).ConfigureAwait(false);
        var onePage = GC.GetTotalMemory(forceFullCollection: true) - empty;
        GC.KeepAlive(held);
        return onePage;
    }
}
