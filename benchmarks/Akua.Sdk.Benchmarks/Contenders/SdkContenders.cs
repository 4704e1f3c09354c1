using Akua.Sdk.Benchmarks.Fixtures;

namespace Akua.Sdk.Benchmarks.Contenders;

/// <summary>
/// Akua.Sdk as applications hold it: one shared client, either <c>new AkuaClient(options)</c> over the
/// transport (<see cref="Direct"/>) or the singleton <c>AddAkuaSdk</c> registers; resilience on in both.
/// </summary>
internal sealed class SdkContender(IAkuaClient client, string name = "sdk") : IContender
{
    private static readonly CreateOfferRequest CreateRequest = new() { ProductId = Payloads.ProductId, AllowedEmails = [Inputs.Email], MaxUses = Inputs.MaxUses, Notes = Inputs.Notes };
    private static readonly UpdateProductRequest UpdateRequest = new() { Name = Inputs.NewProductName };
    private static readonly ListOffersOptions PageQuery = new() { Limit = Inputs.ListLimit };

    public string Name => name;

    public bool HasListAll => true;

    /// <summary><c>new AkuaClient(options)</c> with <paramref name="transport"/> as <see cref="AkuaClientOptions.Transport"/>: the SDK's whole chain.</summary>
    public static SdkContender Direct(HttpMessageHandler transport, Uri baseAddress, string name = "sdk") =>
        new(new AkuaClient(Options(baseAddress, transport)), name);

    public static AkuaClientOptions Options(Uri baseAddress, HttpMessageHandler transport) => new() { ApiToken = Inputs.Token, BaseAddress = baseAddress, Transport = transport };

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
