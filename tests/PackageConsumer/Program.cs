// A consumer of the Akua.Sdk and Akua.Sdk.Testing packages: creates and reads an offer against the
// emulator, with new AkuaClient(options) and with AddAkuaSdk, exiting non-zero if anything is off.
using Akua.Sdk;
using Akua.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

await using var emulator = await AkuaEmulator.StartAsync();
using var akua = emulator.CreateClient();

var product = await akua.Products.CreateAsync(new CreateProductRequest { Name = "Package consumer", PackageId = emulator.AddPackage("Package consumer"), PackageVersionPin = PackageVersionPin.Latest });
var created = await akua.Offers.CreateAsync(new CreateOfferRequest { ProductId = product.Id, MaxUses = 3 });
var offer = await akua.Offers.GetAsync(created.Id);

var services = new ServiceCollection();
services.AddAkuaSdk(options =>
{
    options.BaseAddress = emulator.BaseAddress;
    options.ApiToken = emulator.ApiToken;
});
await using var provider = services.BuildServiceProvider(validateScopes: true);
var viaDependencyInjection = await provider.GetRequiredService<IOffersClient>().GetAsync(created.Id);

var ok = offer.Status == OfferStatus.Active && offer.MaxUses == 3 && emulator.OfferCount() == 1 && viaDependencyInjection.Id == offer.Id;
Console.WriteLine(ok ? $"package consumer ({System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}): OK ({offer.Id}, /i/{offer.ShortHash})" : "package consumer: unexpected result");
return ok ? 0 : 1;
