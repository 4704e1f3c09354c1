// Cold start with the SDK: one list-products call against AKUA_BASE_ADDRESS, then exit.
using Akua.Sdk;

using var akua = new AkuaClient(new AkuaClientOptions
{
    BaseAddress = new Uri(Environment.GetEnvironmentVariable("AKUA_BASE_ADDRESS")!),
    ApiToken = Environment.GetEnvironmentVariable("AKUA_API_TOKEN"),
});
var page = await akua.Products.ListPageAsync(new ListProductsOptions { Limit = 10 });
Console.WriteLine($"{page.Data.Count} product(s)");
return 0;
