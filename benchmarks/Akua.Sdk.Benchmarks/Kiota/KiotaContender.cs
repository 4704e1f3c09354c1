using Akua.Sdk.Benchmarks.Fixtures;
using Akua.Sdk.Benchmarks.KiotaClient;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using KiotaModels = Akua.Sdk.Benchmarks.KiotaClient.Models;

namespace Akua.Sdk.Benchmarks.Contenders;

/// <summary>
/// Kiota 1.38's generated client (Kiota/Generated, regenerate with Kiota/generate.sh) on its HttpClient request adapter,
/// over the same resilient HttpClient as the floor (so Kiota's own middleware is not added; the headers are the floor's).
/// </summary>
internal sealed class KiotaContender : IContender
{
    private static readonly KiotaModels.CreateOfferRequest CreateRequest = new() { ProductId = Payloads.ProductId, AllowedEmails = [Inputs.Email], MaxUses = Inputs.MaxUses, Notes = Inputs.Notes };
    private static readonly KiotaModels.UpdateProductRequest UpdateRequest = new() { Name = Inputs.NewProductName };
    private readonly AkuaKiotaClient _client;

    public KiotaContender(HttpClient http, Uri baseAddress)
    {
        var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = baseAddress.AbsoluteUri.TrimEnd('/') };
        _client = new AkuaKiotaClient(adapter);
    }

    public string Name => "kiota";

    public bool HasListAll => true;

    public async Task GetOffer() => Sink.Keep(await _client.Offers[Payloads.OfferId].GetAsync().ConfigureAwait(false));

    public async Task CreateOffer() =>
        Sink.Keep(await _client.Offers.PostAsync(CreateRequest, c => c.Headers.Add("idempotency-key", Guid.NewGuid().ToString("N"))).ConfigureAwait(false));

    public async Task UpdateProduct() =>
        Sink.Keep(await _client.Products[Payloads.ProductId].PatchAsync(UpdateRequest, c =>
        {
            c.Headers.Add("idempotency-key", Guid.NewGuid().ToString("N"));
            c.Headers.Add("if-match", Payloads.ProductEtag);
        }).ConfigureAwait(false));

    public async Task ListPage() => Sink.Keep(await _client.Offers.GetAsync(c => c.QueryParameters.Limit = Inputs.ListLimit).ConfigureAwait(false));

    public async Task ListAll()
    {
        string? cursor = null;
        var count = 0;
        while (true)
        {
            var page = (await _client.Offers.GetAsync(c =>
            {
                c.QueryParameters.Limit = Inputs.ListLimit;
                c.QueryParameters.Cursor = cursor;
            }).ConfigureAwait(false))!;
            foreach (var offer in page.Data!)
            {
                Sink.Keep(offer);
                count++;
            }

            if (page.HasMore != true || page.NextCursor is null)
            {
                break;
            }

            cursor = page.NextCursor;
        }

        HandWritten.CheckCount(count);
    }
}
