using Akua.Sdk.Benchmarks.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Akua.Sdk.Benchmarks.Contenders;

/// <summary>Akua.Sdk as most applications hold it: one shared client.</summary>
internal sealed class SdkContender(IAkuaClient client, string name = "sdk") : IContender
{
    private static readonly CreateOfferRequest CreateRequest = new() { ProductId = Payloads.ProductId, AllowedEmails = [Inputs.Email], MaxUses = Inputs.MaxUses, Notes = Inputs.Notes };
    private static readonly UpdateProductRequest UpdateRequest = new() { Name = Inputs.NewProductName };
    private static readonly ListOffersOptions PageQuery = new() { Limit = Inputs.ListLimit };

    public string Name => name;

    public bool HasListAll => true;

    public static SdkContender Direct(HttpClient http, Uri baseAddress, string name = "sdk") =>
        new(new AkuaClient(http, Options(baseAddress)), name);

    public static AkuaClientOptions Options(Uri baseAddress) => new() { ApiToken = Inputs.Token, BaseAddress = baseAddress };

    public Task GetOffer() => SdkCalls.GetOffer(client);

    public Task CreateOffer() => SdkCalls.CreateOffer(client);

    public Task UpdateProduct() => SdkCalls.UpdateProduct(client);

    public Task ListPage() => SdkCalls.ListPage(client);

    public Task ListAll() => SdkCalls.ListAll(client);

    internal static class SdkCalls
    {
        public static async Task GetOffer(IAkuaClient client) =>
            Sink.Keep(await client.Offers.GetAsync(Payloads.OfferId).ConfigureAwait(false));

        public static async Task CreateOffer(IAkuaClient client) =>
            Sink.Keep(await client.Offers.CreateAsync(CreateRequest).ConfigureAwait(false));

        public static async Task UpdateProduct(IAkuaClient client) =>
            Sink.Keep(await client.Products.UpdateAsync(Payloads.ProductId, UpdateRequest, Payloads.ProductEtag).ConfigureAwait(false));

        public static async Task ListPage(IAkuaClient client) =>
            Sink.Keep(await client.Offers.ListPageAsync(PageQuery).ConfigureAwait(false));

        public static async Task ListAll(IAkuaClient client)
        {
            var count = 0;
            await foreach (var offer in client.Offers.ListAsync(PageQuery).ConfigureAwait(false))
            {
                Sink.Keep(offer);
                count++;
            }

            HandWritten.CheckCount(count);
        }
    }
}

/// <summary>
/// Akua.Sdk resolved from dependency injection per call, from a scope, over IHttpClientFactory.
/// Registered by hand (services.AddHttpClient + a factory); AddAkuaSdk will replace this.
/// </summary>
internal sealed class SdkDiContender : IContender, IDisposable
{
    private const string HttpClientName = "Akua";
    private readonly ServiceProvider _provider;

    public SdkDiContender(HttpMessageHandler handler, Uri baseAddress)
    {
        var options = SdkContender.Options(baseAddress);
        var services = new ServiceCollection();
        services.AddHttpClient(HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
        services.AddScoped<IAkuaClient>(sp => new AkuaClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName), options));
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public string Name => "sdk-di";

    public bool HasListAll => true;

    public async Task GetOffer()
    {
        await using var scope = _provider.CreateAsyncScope();
        await SdkContender.SdkCalls.GetOffer(scope.ServiceProvider.GetRequiredService<IAkuaClient>()).ConfigureAwait(false);
    }

    public async Task CreateOffer()
    {
        await using var scope = _provider.CreateAsyncScope();
        await SdkContender.SdkCalls.CreateOffer(scope.ServiceProvider.GetRequiredService<IAkuaClient>()).ConfigureAwait(false);
    }

    public async Task UpdateProduct()
    {
        await using var scope = _provider.CreateAsyncScope();
        await SdkContender.SdkCalls.UpdateProduct(scope.ServiceProvider.GetRequiredService<IAkuaClient>()).ConfigureAwait(false);
    }

    public async Task ListPage()
    {
        await using var scope = _provider.CreateAsyncScope();
        await SdkContender.SdkCalls.ListPage(scope.ServiceProvider.GetRequiredService<IAkuaClient>()).ConfigureAwait(false);
    }

    public async Task ListAll()
    {
        await using var scope = _provider.CreateAsyncScope();
        await SdkContender.SdkCalls.ListAll(scope.ServiceProvider.GetRequiredService<IAkuaClient>()).ConfigureAwait(false);
    }

    public void Dispose() => _provider.Dispose();
}
