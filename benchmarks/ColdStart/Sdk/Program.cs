// Cold start with the SDK: one list-products call against AKUA_BASE_ADDRESS, then exit.
// With AKUA_COLDSTART_BREAKDOWN=1 it also prints where the time went (see Breakdown.cs).
using Akua.Sdk;

var breakdown = Breakdown.Start();
using var akua = new AkuaClient(new AkuaClientOptions
{
    BaseAddress = new Uri(Environment.GetEnvironmentVariable("AKUA_BASE_ADDRESS")!),
    ApiToken = Environment.GetEnvironmentVariable("AKUA_API_TOKEN"),
});
breakdown?.Mark("client built");
var page = await akua.Products.ListPageAsync(new ListProductsOptions { Limit = 10 });
breakdown?.Mark("first call done");
Console.WriteLine($"{page.Data.Count} product(s)");
breakdown?.Print();
return 0;
