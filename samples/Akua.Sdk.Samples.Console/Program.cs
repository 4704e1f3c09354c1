// The SDK's main job, step by step: create a product, create an offer, read it back, page through
// offers, hit an etag conflict and recover, and archive.
//
//   dotnet run --project samples/Akua.Sdk.Samples.Console
//
// Without AKUA_API_TOKEN it starts an Akua emulator in this process (no account needed). With
// AKUA_API_TOKEN (and AKUA_PACKAGE_ID, the package to sell; optionally AKUA_WORKSPACE) it talks to
// the real API instead.
using Akua.Sdk;
using Akua.Sdk.Testing;

var token = Environment.GetEnvironmentVariable("AKUA_API_TOKEN");
AkuaEmulator? emulator = null;
AkuaClient akua;
string packageId;
if (string.IsNullOrEmpty(token))
{
    emulator = await AkuaEmulator.StartAsync();
    akua = emulator.CreateClient();
    packageId = "pkg_quickstart";
    Step($"Started a local Akua emulator at {emulator.BaseAddress} (set AKUA_API_TOKEN to use the real API)");
}
else
{
    packageId = Environment.GetEnvironmentVariable("AKUA_PACKAGE_ID")
        ?? throw new InvalidOperationException("With AKUA_API_TOKEN, set AKUA_PACKAGE_ID to the package (pkg_...) the sample may sell.");
    akua = new AkuaClient(new AkuaClientOptions { ApiToken = token, WorkspaceContext = Environment.GetEnvironmentVariable("AKUA_WORKSPACE") });
    Step($"Using the real Akua API at {AkuaClientOptions.DefaultBaseAddress}");
}

try
{
    // 1. A product: a package offered for sale, pinned to one version.
    var product = await akua.Products.CreateAsync(new CreateProductRequest
    {
        Name = "PostgreSQL Managed",
        PackageId = packageId,
        PackageVersionPin = PackageVersionPin.Pinned("1.2.3"),
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

    // 6. Archive the offer, then the product with its remaining offers.
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
