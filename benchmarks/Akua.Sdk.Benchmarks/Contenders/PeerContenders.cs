using Akua.Sdk.Benchmarks.Fixtures;
using Akua.Sdk.Benchmarks.NSwagClient;
using RestSharp;

namespace Akua.Sdk.Benchmarks.Contenders;

/// <summary>NSwag's full generated client (NSwag/AkuaNSwagClient.g.cs, System.Text.Json, as generated).</summary>
internal sealed class NSwagContender : IContender
{
    private static readonly NSwagClient.CreateOfferRequest CreateRequest = new() { Product_id = Payloads.ProductId, Allowed_emails = [Inputs.Email], Max_uses = Inputs.MaxUses, Notes = Inputs.Notes };
    private static readonly NSwagClient.UpdateProductRequest UpdateRequest = new() { Name = Inputs.NewProductName };
    private readonly NSwagClient.OffersClient _offers;
    private readonly NSwagClient.ProductsClient _products;

    public NSwagContender(HttpClient http, Uri baseAddress)
    {
        HandWritten.DefaultHeaders(http);
        _offers = new NSwagClient.OffersClient(http) { BaseUrl = baseAddress.AbsoluteUri };
        _products = new NSwagClient.ProductsClient(http) { BaseUrl = baseAddress.AbsoluteUri };
    }

    public string Name => "nswag";

    public bool HasListAll => true;

    public async Task GetOffer() => Sink.Keep(await _offers.Offers_getAsync(Payloads.OfferId).ConfigureAwait(false));

    public async Task CreateOffer() =>
        Sink.Keep(await _offers.Offers_createAsync(CreateRequest, idempotency_key: Guid.NewGuid().ToString("N")).ConfigureAwait(false));

    public async Task UpdateProduct() =>
        Sink.Keep(await _products.Products_updateAsync(Payloads.ProductId, Payloads.ProductEtag, idempotency_key: Guid.NewGuid().ToString("N"), body: UpdateRequest).ConfigureAwait(false));

    public async Task ListPage() => Sink.Keep(await _offers.Offers_listAsync(limit: Inputs.ListLimit).ConfigureAwait(false));

    public async Task ListAll()
    {
        string? cursor = null;
        var count = 0;
        while (true)
        {
            var page = await _offers.Offers_listAsync(cursor, Inputs.ListLimit).ConfigureAwait(false);
            foreach (var offer in page.Data)
            {
                Sink.Keep(offer);
                count++;
            }

            if (!page.Has_more || page.Next_cursor is null)
            {
                break;
            }

            cursor = page.Next_cursor;
        }

        HandWritten.CheckCount(count);
    }
}

/// <summary>RestSharp 114 with its default (System.Text.Json) serializer, over the same resilient HttpClient as the floor.</summary>
internal sealed class RestSharpContender : IContender, IDisposable
{
    private static readonly HwCreateOfferRequest CreateRequest = new() { ProductId = Payloads.ProductId, AllowedEmails = [Inputs.Email], MaxUses = Inputs.MaxUses, Notes = Inputs.Notes };
    private static readonly HwUpdateProductRequest UpdateRequest = new() { Name = Inputs.NewProductName };
    private readonly RestClient _client;

    public RestSharpContender(HttpClient http, Uri baseAddress)
    {
        _client = new RestClient(http, new RestClientOptions(baseAddress), disposeHttpClient: false);
        _client.AddDefaultHeader("Authorization", "Bearer " + Inputs.Token);
    }

    public string Name => "restsharp";

    public bool HasListAll => true;

    public async Task GetOffer()
    {
        var request = new RestRequest("offers/{id}").AddUrlSegment("id", Payloads.OfferId);
        Sink.Keep(await Execute<HwOffer>(request).ConfigureAwait(false));
    }

    public async Task CreateOffer()
    {
        var request = new RestRequest("offers", Method.Post).AddJsonBody(CreateRequest).AddHeader("idempotency-key", Guid.NewGuid().ToString("N"));
        Sink.Keep(await Execute<HwOfferCreated>(request).ConfigureAwait(false));
    }

    public async Task UpdateProduct()
    {
        var request = new RestRequest("products/{id}", Method.Patch)
            .AddUrlSegment("id", Payloads.ProductId)
            .AddJsonBody(UpdateRequest)
            .AddHeader("idempotency-key", Guid.NewGuid().ToString("N"))
            .AddHeader("if-match", Payloads.ProductEtag);
        Sink.Keep(await Execute<HwProduct>(request).ConfigureAwait(false));
    }

    public async Task ListPage() => Sink.Keep(await Page(null).ConfigureAwait(false));

    public async Task ListAll()
    {
        string? cursor = null;
        var count = 0;
        while (true)
        {
            var page = await Page(cursor).ConfigureAwait(false);
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

    public void Dispose() => _client.Dispose();

    private Task<HwOfferList> Page(string? cursor)
    {
        var request = new RestRequest("offers").AddQueryParameter("limit", Inputs.ListLimit);
        if (cursor is not null)
        {
            request.AddQueryParameter("cursor", cursor);
        }

        return Execute<HwOfferList>(request);
    }

    private async Task<T> Execute<T>(RestRequest request)
    {
        var response = await _client.ExecuteAsync<T>(request).ConfigureAwait(false);
        if (!response.IsSuccessful || response.Data is null)
        {
            throw new InvalidOperationException($"RestSharp call failed: {response.StatusCode} {response.ErrorMessage}", response.ErrorException);
        }

        return response.Data;
    }
}
