using System.Diagnostics;
using Akua.Sdk.Testing;

namespace Akua.Sdk.ReliabilityTests;

/// <summary>Writes under the emulator's fault queue: no duplicates, nothing lost.</summary>
[Collection(ReliabilityCollection.Name)]
public sealed class EmulatorFaultTests(ScenarioReport report)
{
    [Fact]
    public async Task ThousandCreatesUnderRandomFaults()
    {
        const int Creates = 1000;
        await using var emulator = await AkuaEmulator.StartAsync();
        using var client = emulator.CreateClient(o => Support.Fast(o, maxRetries: AkuaRetryOptions.MaxRetriesLimit));
        var productId = await Support.NewProductAsync(emulator, client);
        var before = emulator.RequestCount;

        // Refill the queue: for every request the emulator saw, a seeded 20% chance of one more fault.
        var random = new Random(20261121);
        var injected = 0;
        using var done = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var refill = Task.Run(async () =>
        {
            var seen = emulator.RequestCount;
            while (!done.IsCancellationRequested)
            {
                var now = emulator.RequestCount;
                for (; seen < now; seen++)
                {
                    // At most four pending faults, so a slow refill cannot bunch them onto one create's retries.
                    if (random.NextDouble() < 0.2 && emulator.Faults.Count < 4)
                    {
                        emulator.Faults.Enqueue(random.Next(2) == 0 ? AkuaFault.Status(503) : AkuaFault.DropConnection());
                        injected++;
                    }
                }

                await Task.Delay(1).ConfigureAwait(false);
            }
        });

        var sw = Stopwatch.StartNew();
        var requests = Enumerable.Range(0, Creates).Select(i => new CreateOfferRequest { ProductId = productId, Notes = "n" + i });
        var batch = await client.Offers.CreateManyAsync(requests, maxConcurrency: 16);
        await done.CancelAsync();
        await refill;
        var unused = emulator.Faults.Count;
        emulator.Faults.Clear();
        var faultsServed = injected - unused;
        var sent = emulator.RequestCount - before;

        var ids = batch.Items.Where(i => i.IsSuccess).Select(i => i.Value!.Id).ToList();
        var listed = new List<string>();
        await foreach (var offer in client.Offers.ListAsync(new ListOffersOptions { Limit = 100 }))
        {
            listed.Add(offer.Id);
        }

        var duplicates = listed.Count - listed.Distinct().Count() + Math.Max(0, emulator.OfferCount() - Creates);
        var lost = Creates - batch.SucceededCount;
        report.Record(new ScenarioRow("emulator: 1,000 offer creates, 16 at a time, random 503s and dropped connections", $"{faultsServed} (seeded 503s and dropped connections)",
            sent, duplicates, lost, lost == 0 ? "success" : string.Join(",", batch.Failures.Select(f => f.Exception!.GetType().Name).Distinct()),
            $"{AkuaRetryOptions.MaxRetriesLimit} retries configured; {sw.Elapsed.TotalSeconds:F1} s; OfferCount {emulator.OfferCount()}; fault rate {100.0 * faultsServed / sent:F0}% of requests"));

        Assert.True(Creates == batch.SucceededCount, string.Join("\n", batch.Failures.Select(f => f.Exception!.Message)));
        Assert.True(faultsServed >= 25, $"only {faultsServed} faults were served");
        Assert.Equal(Creates, emulator.OfferCount());
        Assert.Equal(Creates, ids.Distinct().Count());
        Assert.Equal(Creates, listed.Count);
        Assert.Equal(Creates, listed.Distinct().Count());
        Assert.True(sent >= Creates + faultsServed, $"{sent} requests for {Creates} creates and {faultsServed} faults");
        Assert.Equal(Creates, emulator.ReceivedIdempotencyKeys.Skip(1).Distinct().Count());
    }

    [Fact]
    public async Task CreateReplayWithSameIdempotencyKey()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var client = emulator.CreateClient(o => Support.Fast(o));
        var productId = await Support.NewProductAsync(emulator, client);
        var before = emulator.RequestCount;
        var request = new CreateOfferRequest { ProductId = productId, Notes = "replay" };
        var key = new AkuaRequestOptions { IdempotencyKey = "reliability-replay-1" };

        var first = await client.Offers.CreateAsync(request, key);
        var second = await client.Offers.CreateAsync(request, key);

        report.Record(new ScenarioRow("emulator: create replayed with the same idempotency key", "none (a deliberate replay)",
            emulator.RequestCount - before, emulator.OfferCount() - 1, 0, "success", $"same id: {first.Id == second.Id}"));
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(first.ShortHash, second.ShortHash);
        Assert.Equal(1, emulator.OfferCount());
    }

    [Fact]
    public async Task CreateRetriedAfterDroppedConnectionAndServerErrors()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var client = emulator.CreateClient(o => Support.Fast(o, maxRetries: 3));
        var productId = await Support.NewProductAsync(emulator, client);
        var before = emulator.RequestCount;
        emulator.Faults.Enqueue(AkuaFault.DropConnection());
        emulator.Faults.Enqueue(AkuaFault.Status(503));
        emulator.Faults.Enqueue(AkuaFault.Html(502));

        var (error, outcome, _) = await Support.Outcome(() => client.Offers.CreateAsync(new CreateOfferRequest { ProductId = productId }));
        var keys = emulator.ReceivedIdempotencyKeys.Skip(1).ToList();
        report.Record(new ScenarioRow("emulator: one create through drop, 503, HTML 502", "3", emulator.RequestCount - before,
            emulator.OfferCount() - 1, 1 - emulator.OfferCount(), outcome, $"{keys.Distinct().Count()} idempotency key(s) over {keys.Count} attempts"));
        Assert.Null(error);
        Assert.Equal(4, emulator.RequestCount - before);
        Assert.Equal(1, emulator.OfferCount());
        Assert.Single(keys.Distinct());
    }
}
