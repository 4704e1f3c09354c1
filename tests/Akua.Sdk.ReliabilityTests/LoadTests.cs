using System.Diagnostics;
using System.Net.NetworkInformation;
using Akua.Sdk.Testing;

namespace Akua.Sdk.ReliabilityTests;

/// <summary>Many calls through one client, and auto-paging a large list in bounded memory.</summary>
[Collection(ReliabilityCollection.Name)]
public sealed class LoadTests(ScenarioReport report)
{
    private static int EstablishedTo(int port) =>
        IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpConnections()
            .Count(c => c.State == TcpState.Established && c.RemoteEndPoint.Port == port);

    [Fact]
    public async Task ThousandConcurrentGetsThroughOneClient()
    {
        const int Calls = 1000;
        await using var emulator = await AkuaEmulator.StartAsync();
        using var client = emulator.CreateClient(o => { Support.Fast(o, maxRetries: 3); o.Timeout = TimeSpan.FromSeconds(20); });
        var productId = await Support.NewProductAsync(emulator, client);
        var offer = await client.Offers.CreateAsync(new CreateOfferRequest { ProductId = productId });
        var port = emulator.BaseAddress.Port;
        var threadsBefore = ThreadPool.ThreadCount;
        var before = emulator.RequestCount;

        var peakConnections = 0;
        using var sampling = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peakConnections = Math.Max(peakConnections, EstablishedTo(port));
                await Task.Delay(25).ConfigureAwait(false);
            }
        });

        var sw = Stopwatch.StartNew();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var results = await Task.WhenAll(Enumerable.Range(0, Calls).Select(_ => client.Offers.GetAsync(offer.Id, cancellationToken: bound.Token)));
        sw.Stop();
        peakConnections = Math.Max(peakConnections, EstablishedTo(port));
        await sampling.CancelAsync();
        await sampler;
        var threadsAfter = ThreadPool.ThreadCount;

        report.Record(new ScenarioRow("load: 1,000 concurrent GetAsync, one AkuaClient", "none", emulator.RequestCount - before, 0, 0, "success",
            $"{sw.Elapsed.TotalSeconds:F1} s; thread pool {threadsBefore} → {threadsAfter}; peak established connections {peakConnections}"));
        Assert.All(results, r => Assert.Equal(offer.Id, r.Id));
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(30));
        Assert.True(threadsAfter < 200, $"thread pool grew to {threadsAfter}");
        Assert.InRange(peakConnections, 1, Calls);
    }

    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    [Fact]
    public async Task AutoPagingTenThousandOffersInBoundedMemory()
    {
        const int Offers = 10_000;
        const int PageSize = 100;
        await using var emulator = await AkuaEmulator.StartAsync();
        using var client = emulator.CreateClient(o => Support.Fast(o, maxRetries: 3));
        var productId = await Support.NewProductAsync(emulator, client);
        var seed = Stopwatch.StartNew();
        var batch = await client.Offers.CreateManyAsync(
            Enumerable.Range(0, Offers).Select(i => new CreateOfferRequest { ProductId = productId, Notes = "offer number " + i, AllowedEmails = [$"customer{i}@example.com"] }),
            maxConcurrency: 16);
        seed.Stop();
        Assert.Equal(Offers, batch.SucceededCount);
        batch = null;
        var before = emulator.RequestCount;

        // Warm up (JIT, connection) so the baseline does not count one-time costs.
        await client.Offers.ListPageAsync(new ListOffersOptions { Limit = PageSize });

        // Duplicates are checked on 64-bit id hashes in a set sized up front, so the check itself does not grow.
        var ids = new HashSet<ulong>(Offers);
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        long peak = 0;
        long rawPeak = 0;
        var count = 0;
        var sw = Stopwatch.StartNew();
        await foreach (var offer in client.Offers.ListAsync(new ListOffersOptions { Limit = PageSize }))
        {
            count++;
            ids.Add(Fnv1a(offer.Id));
            if (count % PageSize == 0)
            {
                rawPeak = Math.Max(rawPeak, GC.GetTotalMemory(forceFullCollection: false) - baseline);
                // A gen0/gen1 collection (not a full one) drops this page's garbage, so the sample tracks what
                // is still reachable; without it the sample mostly measures the gen0 budget.
                GC.Collect(1, GCCollectionMode.Forced, blocking: true);
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false) - baseline);
            }
        }

        sw.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var pages = Offers / PageSize;
        var perPage = allocated / pages;
        const int PagesBound = 16;

        report.Record(new ScenarioRow("load: auto-page 10,000 offers (ListAsync, limit 100)", "none", emulator.RequestCount - before, count - ids.Count, Offers - ids.Count, "success",
            $"seeded in {seed.Elapsed.TotalSeconds:F1} s; paged in {sw.Elapsed.TotalSeconds:F1} s; allocated {allocated / 1024 / 1024} MB ({perPage / 1024} KB/page); " +
            $"peak growth {rawPeak / 1024} KB sampled as is, {peak / 1024} KB after a gen1 collection per page (bound {PagesBound} pages = {PagesBound * perPage / 1024} KB)"));
        Assert.Equal(Offers, count);
        Assert.Equal(Offers, ids.Count);
        Assert.Equal(pages + 1, emulator.RequestCount - before);
        Assert.True(peak < PagesBound * perPage, $"peak growth {peak} B against {perPage} B allocated per page");
        Assert.True(allocated > 5 * peak, $"allocated {allocated} B in all, peak growth {peak} B");
    }
}
