// The SDK's main job, step by step: pick a package version from the catalogue, create a product,
// create an offer, read it back, page through offers, hit an etag conflict and recover, watch a
// customer redeem the offer (offline) and wait for the install, and archive.
//
//   dotnet run --project samples/Akua.Sdk.Samples.Console
//
// Without AKUA_API_TOKEN it starts an Akua emulator in this process (no account needed), with a
// package in its catalogue. With AKUA_API_TOKEN (optionally AKUA_PACKAGE_ID, the package to sell, and
// AKUA_WORKSPACE) it talks to the real API instead. Either way it picks the package, and its latest
// version, from the catalogue.
using Akua.Sdk;
using Akua.Sdk.Testing;

var token = Environment.GetEnvironmentVariable("AKUA_API_TOKEN");
AkuaEmulator? emulator = null;
AkuaClient akua;
if (string.IsNullOrEmpty(token))
{
    emulator = await AkuaEmulator.StartAsync();
    emulator.AddPackage("PostgreSQL", "1.2.3", """{"type":"object","properties":{"size":{"enum":["small","medium","large"]}}}""");
    akua = emulator.CreateClient();
    Step($"Started a local Akua emulator at {emulator.BaseAddress} (set AKUA_API_TOKEN to use the real API)");
}
else
{
    akua = new AkuaClient(new AkuaClientOptions { ApiToken = token, WorkspaceContext = Environment.GetEnvironmentVariable("AKUA_WORKSPACE") });
    Step($"Using the real Akua API at {AkuaClientOptions.DefaultBaseAddress}");
}

try
{
    // 0. The package to sell, from the workspace's catalogue (or AKUA_PACKAGE_ID), and its latest version.
    var packageId = Environment.GetEnvironmentVariable("AKUA_PACKAGE_ID");
    if (string.IsNullOrEmpty(packageId))
    {
        await foreach (var listed in akua.Packages.ListAsync())
        {
            packageId = listed.Id;
            break;
        }
    }

    var package = await akua.Packages.GetAsync(packageId ?? throw new InvalidOperationException("The workspace has no package to sell: create or import one first."));
    var version = await akua.Packages.GetVersionAsync(package.Id, package.LatestVersionId);
    Step("Picked a package from the catalogue");
    Show("package", $"{package.Name} ({package.Id})");
    Show("version", $"{version.Semver} ({version.Id})");

    // 1. A product: a package offered for sale, pinned to one version.
    var product = await akua.Products.CreateAsync(new CreateProductRequest
    {
        Name = "PostgreSQL Managed",
        PackageId = package.Id,
        PackageVersionPin = PackageVersionPin.Pinned(version.Semver),
        CustomDescription = "Managed PostgreSQL, installed in your cloud.",
    });
    Step("Created a product");
    Show("id", product.Id);
    Show("name", product.Name);
    Show("version pin", product.Package.VersionPin.ToString());
    Show("etag", product.Etag);

    // 2. An offer: a private deal with an allowlist, an expiry and a usage limit.
    var created = await akua.Offers.CreateAsync(new CreateOfferRequest
    {
        ProductId = product.Id,
        AllowedEmails = ["jsmith@example.com"],
        ExpiresAt = DateTimeOffset.UtcNow.AddDays(14),
        MaxUses = 5,
        Notes = "Thanks for choosing us!",
    });
    Step("Created an offer");
    Show("id", created.Id);
    Show("customer link", $"/i/{created.ShortHash}");

    // 3. Read it back, as the seller sees it.
    var offer = await akua.Offers.GetAsync(created.Id);
    Step("Read the offer back");
    Show("status", offer.Status.ToString());
    Show("allowed emails", string.Join(", ", offer.AllowedEmails ?? []));
    Show("expires", $"{offer.ExpiresAt:u}");
    Show("max uses", $"{offer.MaxUses} (used {offer.UsedCount ?? 0})");

    // 4. More offers at once, then page through all of them, newest first.
    var batch = await akua.Offers.CreateManyAsync(Enumerable.Range(1, 11).Select(i => new CreateOfferRequest
    {
        ProductId = product.Id,
        AllowedEmails = [$"buyer{i}@example.com"],
    }));
    Step($"Created {batch.SucceededCount} more offers in one batch ({batch.FailedCount} failed)");
    var page = await akua.Offers.ListPageAsync(new ListOffersOptions { ProductId = product.Id, Limit = 5 });
    Show("first page", $"{page.Data.Count} offers, more: {page.HasMore}");
    var total = 0;
    await foreach (var _ in akua.Offers.ListAsync(new ListOffersOptions { ProductId = product.Id, Limit = 5 }))
    {
        total++;
    }

    Show("all pages", $"{total} offers, fetched 5 at a time");

    // 5. Optimistic concurrency: a write with an out-of-date etag is refused...
    var renamed = await akua.Products.UpdateAsync(product.Id, new UpdateProductRequest { Name = "PostgreSQL Managed (EU)" }, product.Etag);
    Step("Renamed the product; its etag moved on");
    Show("etag", $"{product.Etag} -> {renamed.Etag}");
    try
    {
        await akua.Products.UpdateAsync(product.Id, new UpdateProductRequest { Name = "A stale rename" }, product.Etag);
    }
    catch (AkuaConcurrencyException conflict)
    {
        Step("A write with the old etag was refused (409)");
        Show("current etag", conflict.CurrentEtag ?? "(not given)");
    }

    // ...and the read-modify-write overload recovers by reading again.
    var updated = await akua.Products.UpdateAsync(product.Id, current => new UpdateProductRequest { Name = current.Name + " v2" });
    Step("Recovered with read-modify-write");
    Show("name", updated.Name);
    Show("etag", updated.Etag);

    // 6. Offline, the emulator plays a customer redeeming the offer, phase by phase, while the
    //    seller watches its order draft (there are no webhooks: WatchAsync polls), then waits for
    //    the install the redemption started, like any long-running operation.
    if (emulator is not null)
    {
        Step("A customer redeems the offer; the seller watches the order draft");
        using var watching = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var watch = new OrderDraftWatchOptions { PollInterval = OrderDraftWatchOptions.MinPollInterval };
        await using var drafts = akua.OrderDrafts.WatchAsync([offer.Id], watch, cancellationToken: watching.Token).GetAsyncEnumerator(watching.Token);
        var draftId = emulator.SimulateOrderDraft(offer.Id, "jsmith@example.com");
        OrderDraft draft;
        do
        {
            if (!await drafts.MoveNextAsync())
            {
                throw new InvalidOperationException("The order draft watch ended early.");
            }

            draft = drafts.Current;
            Show("order draft", draft.Status.ToString());
            if (!draft.Status.IsTerminal)
            {
                emulator.AdvanceOrderDraft(draftId);
            }
        }
        while (!draft.Status.IsTerminal);

        var installing = await AkuaOperation<Install>.ResumeAsync(akua, draft.InstallOperationId!);
        var install = await installing.WaitForCompletionAsync();
        var status = await akua.Installs.GetStatusAsync(install.Id);
        Show("install", $"{install.Id}: {status.State} ({status.Health}, {status.Sync})");
        offer = await akua.Offers.GetAsync(offer.Id);
        Show("offer used", $"{offer.UsedCount} of {offer.MaxUses}");
    }

    // 7. Archive the offer, then the product with its remaining offers.
    offer = await akua.Offers.ArchiveAsync(offer);
    Step("Archived the first offer");
    Show("status", offer.Status.ToString());
    var archived = await akua.Products.ArchiveAsync(updated, new ArchiveProductRequest { CascadeOffers = true, ArchiveReason = "Quick-start finished" });
    Step("Archived the product and its offers");
    Show("state", archived.State.ToString());
    Console.WriteLine();
    Console.WriteLine("Done.");
    return 0;
}
catch (AkuaException error)
{
    Console.Error.WriteLine($"The sample failed: {error.Message}");
    return 1;
}
finally
{
    akua.Dispose();
    if (emulator is not null)
    {
        await emulator.DisposeAsync();
    }
}

static void Step(string text)
{
    Console.WriteLine();
    Console.WriteLine($"==> {text}");
}

static void Show(string label, string? value) => Console.WriteLine($"    {label,-15} {value}");
