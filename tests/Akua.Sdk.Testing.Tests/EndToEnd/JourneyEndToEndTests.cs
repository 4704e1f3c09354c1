using Microsoft.Extensions.Time.Testing;

namespace Akua.Sdk.Testing.Tests.EndToEnd;

/// <summary>
/// The whole seller's journey offline, on one fake clock shared by the SDK and the emulator: a package
/// from the catalogue, a product, an offer, a customer redeeming it while the seller watches every
/// phase, the install's operation waited on, and its status.
/// </summary>
public sealed class JourneyEndToEndTests
{
    [Fact]
    public async Task Package_to_product_to_offer_to_redemption_to_install()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var emulator = await AkuaEmulator.StartAsync(new AkuaEmulatorOptions { TimeProvider = clock });
        using var akua = emulator.CreateClient(o => o.TimeProvider = clock);
        emulator.AddPackage("PostgreSQL", "1.2.3", """{"type":"object","required":["size"],"properties":{"size":{"enum":["s","m","l"]}}}""");

        Package? package = null;
        await foreach (var listed in akua.Packages.ListAsync())
        {
            package = listed;
        }

        var version = await akua.Packages.GetVersionAsync(package!.Id, package.LatestVersionId);
        Assert.Equal(["size"], (await akua.Packages.GetVersionInputsAsync(package.Id, version.Id)).PropertyNames);
        var product = await akua.Products.CreateAsync(new CreateProductRequest { Name = "PostgreSQL Managed", PackageId = package.Id, PackageVersionPin = PackageVersionPin.Pinned(version.Semver) });
        var created = await akua.Offers.CreateAsync(new CreateOfferRequest
        {
            ProductId = product.Id,
            AllowedEmails = ["ana@example.com"],
            FieldValues = new Dictionary<string, OfferFieldValueInput> { ["size"] = new() { Value = System.Text.Json.JsonDocument.Parse("\"m\"").RootElement, Locked = true } },
        });

        using var stop = new CancellationTokenSource(Journey.Bound);
        await using var watch = akua.OrderDrafts.WatchAsync([created.Id], new OrderDraftWatchOptions { PollInterval = TimeSpan.FromSeconds(1) }, cancellationToken: stop.Token).GetAsyncEnumerator(stop.Token);
        var draftId = emulator.SimulateOrderDraft(created.Id, "ana@example.com");
        var seen = new List<OrderDraft>();
        while (true)
        {
            var next = watch.MoveNextAsync().AsTask();
            while (!next.IsCompleted)
            {
                // Each second of the shared clock is one poll of the watcher.
                clock.Advance(TimeSpan.FromSeconds(1));
                await Task.WhenAny(next, Task.Delay(20));
            }

            Assert.True(await next);
            seen.Add(watch.Current);
            if (watch.Current.Status.IsTerminal)
            {
                break;
            }

            emulator.AdvanceOrderDraft(draftId);
        }

        Assert.Equal(["auth", "workspace", "compute", "compute_bootstrap", "configure", "payment", "install", "done"], seen.Select(d => d.Status.Value));
        Assert.All(seen, d => Assert.Equal(draftId, d.Id));

        var install = await AkuaOperation<Install>.ResumeAsync(akua, seen[^1].InstallOperationId!).WaitAsync(Journey.Bound);
        var installed = await install.WaitForCompletionAsync().WaitAsync(Journey.Bound);
        var status = await akua.Installs.GetStatusAsync(installed.Id);
        Assert.Equal(InstallState.Healthy, status.State);
        Assert.Equal(product.Id, installed.ProductId);

        var redeemed = await akua.Offers.GetAsync(created.Id);
        Assert.Equal(OfferStatus.Redeemed, redeemed.Status);
        await akua.Offers.ArchiveAsync(redeemed);
        Assert.Equal(OfferStatus.Archived, (await akua.Offers.GetAsync(created.Id)).Status);
    }
}
