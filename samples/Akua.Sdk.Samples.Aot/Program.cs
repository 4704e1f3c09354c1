// A console program that uses nothing but Akua.Sdk, so it can be published with NativeAOT and
// trimming. Point it at an API with AKUA_BASE_ADDRESS and AKUA_API_TOKEN.
using Akua.Sdk;

var baseAddress = Environment.GetEnvironmentVariable("AKUA_BASE_ADDRESS") ?? AkuaClientOptions.DefaultBaseAddress.AbsoluteUri;
var token = Environment.GetEnvironmentVariable("AKUA_API_TOKEN");
if (string.IsNullOrEmpty(token))
{
    Console.Error.WriteLine("Set AKUA_API_TOKEN (and AKUA_BASE_ADDRESS for an emulator).");
    return 2;
}

using var akua = new AkuaClient(new AkuaClientOptions { BaseAddress = new Uri(baseAddress), ApiToken = token });
try
{
    // The first package of the catalogue (the emulator tool holds a demo one), at its latest version.
    Package? package = null;
    await foreach (var candidate in akua.Packages.ListAsync(new ListPackagesOptions { Limit = 1 }))
    {
        package = candidate;
        break;
    }

    if (package is null)
    {
        Console.Error.WriteLine("The workspace has no package to sell: create or import one first.");
        return 1;
    }

    var version = await akua.Packages.GetVersionAsync(package.Id, package.LatestVersionId);
    Console.WriteLine($"package  {package.Id} {package.Name} {version.Semver}");
    var product = await akua.Products.CreateAsync(new CreateProductRequest
    {
        Name = "AOT sample product",
        PackageId = package.Id,
        PackageVersionPin = PackageVersionPin.Pinned(version.Semver),
    });
    Console.WriteLine($"product  {product.Id} ({product.State}, pin {product.Package.VersionPin})");

    var created = await akua.Offers.CreateAsync(new CreateOfferRequest
    {
        ProductId = product.Id,
        AllowedEmails = ["buyer@example.com"],
        ExpiresAt = DateTimeOffset.UtcNow.AddDays(7),
        MaxUses = OfferUsageLimit.Unlimited,
    });
    var offer = await akua.Offers.GetAsync(created.Id);
    Console.WriteLine($"offer    {offer.Id} /i/{offer.ShortHash} ({offer.Status}, expires {offer.ExpiresAt:u})");

    var listed = 0;
    await foreach (var _ in akua.Offers.ListAsync(new ListOffersOptions { Limit = 10, ProductId = product.Id }))
    {
        listed++;
    }

    Console.WriteLine($"listed   {listed} offer(s)");

    try
    {
        await akua.Products.UpdateAsync(product.Id, new UpdateProductRequest { Name = "Stale write" }, etag: "stale-etag");
    }
    catch (AkuaConcurrencyException conflict)
    {
        Console.WriteLine($"conflict etag mismatch detected (current etag {conflict.CurrentEtag ?? "not given"})");
    }

    offer = await akua.Offers.ArchiveAsync(offer);
    Console.WriteLine($"archived {offer.Id} ({offer.Status})");
    return offer.Status == OfferStatus.Archived ? 0 : 1;
}
catch (AkuaException error)
{
    Console.Error.WriteLine($"failed: {error.Message}");
    return 1;
}
