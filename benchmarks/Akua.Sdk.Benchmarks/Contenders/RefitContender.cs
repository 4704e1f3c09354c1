using System.Text.Json;
using Akua.Sdk.Benchmarks.Fixtures;
using Refit;

namespace Akua.Sdk.Benchmarks.Contenders;

/// <summary>The calls as a Refit interface over the floor's hand-written types (Refit generates the implementation at build time); bodies buffered, so a retry can resend them.</summary>
public interface IAkuaRefitApi
{
    [Get("/offers/{offerId}")]
    Task<HwOffer> GetOffer(string offerId);

    [Post("/offers")]
    Task<HwOfferCreated> CreateOffer([Body(buffered: true)] HwCreateOfferRequest request, [Header("idempotency-key")] string idempotencyKey);

    [Patch("/products/{productId}")]
    Task<HwProduct> UpdateProduct(string productId, [Body(buffered: true)] HwUpdateProductRequest request, [Header("idempotency-key")] string idempotencyKey, [Header("if-match")] string etag);

    [Get("/offers")]
    Task<HwOfferList> ListOffers(int limit, string? cursor = null);
}

/// <summary>Refit 16.4 with its System.Text.Json serializer on the floor's source-generated context, over the same resilient HttpClient.</summary>
internal sealed class RefitContender : IContender
{
    private static readonly HwCreateOfferRequest CreateRequest = new() { ProductId = Payloads.ProductId, AllowedEmails = [Inputs.Email], MaxUses = Inputs.MaxUses, Notes = Inputs.Notes };
    private static readonly HwUpdateProductRequest UpdateRequest = new() { Name = Inputs.NewProductName };
    private readonly IAkuaRefitApi _api;

    public RefitContender(HttpClient http, Uri baseAddress)
    {
        // Refit joins the base address and the interface's paths itself.
        http.BaseAddress = new Uri(baseAddress.AbsoluteUri.TrimEnd('/'));
        var json = new JsonSerializerOptions { TypeInfoResolver = HandWrittenJson.Default };
        _api = RestService.For<IAkuaRefitApi>(http, new RefitSettings(new SystemTextJsonContentSerializer(json)));
    }

    public string Name => "refit";

    public bool HasListAll => true;

    public async Task GetOffer() => Sink.Keep(await _api.GetOffer(Payloads.OfferId).ConfigureAwait(false));

    public async Task CreateOffer() => Sink.Keep(await _api.CreateOffer(CreateRequest, Guid.NewGuid().ToString("N")).ConfigureAwait(false));

    public async Task UpdateProduct() => Sink.Keep(await _api.UpdateProduct(Payloads.ProductId, UpdateRequest, Guid.NewGuid().ToString("N"), Payloads.ProductEtag).ConfigureAwait(false));

    public async Task ListPage() => Sink.Keep(await _api.ListOffers(Inputs.ListLimit).ConfigureAwait(false));

    public async Task ListAll()
    {
        string? cursor = null;
        var count = 0;
        while (true)
        {
            var page = await _api.ListOffers(Inputs.ListLimit, cursor).ConfigureAwait(false);
            foreach (var offer in page.Data)
            {
                Sink.Keep(offer);
                count++;
            }

            if (!page.HasMore || page.NextCursor is null)
            {
                break;
            }

            cursor = page.NextCursor;
        }

        HandWritten.CheckCount(count);
    }
}
