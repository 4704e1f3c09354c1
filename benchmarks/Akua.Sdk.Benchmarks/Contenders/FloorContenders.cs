using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Akua.Sdk.Benchmarks.Fixtures;
using NJ = Newtonsoft.Json;

namespace Akua.Sdk.Benchmarks.Contenders;

/// <summary>
/// The floor: hand-written HttpClient calls sending the same request as the SDK (bearer token,
/// accept, user agent, idempotency key on writes, if-match on the update) through an HttpClient with
/// the standard resilience handler, reading with source-generated System.Text.Json into
/// hand-written types. No checks beyond the status code.
/// </summary>
internal sealed class FloorContender : IContender
{
    private static readonly HandWrittenJson Json = HandWrittenJson.Default;
    private static readonly HwCreateOfferRequest CreateRequest = new() { ProductId = Payloads.ProductId, AllowedEmails = [Inputs.Email], MaxUses = Inputs.MaxUses, Notes = Inputs.Notes };
    private static readonly HwUpdateProductRequest UpdateRequest = new() { Name = Inputs.NewProductName };
    private readonly HttpClient _http;
    private readonly string _base;

    public FloorContender(HttpClient http, Uri baseAddress, string name = "floor")
    {
        _http = http;
        _base = baseAddress.AbsoluteUri;
        Name = name;
        HandWritten.DefaultHeaders(http);
    }

    public string Name { get; }

    public bool HasListAll => true;

    public async Task GetOffer()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_base + "offers/" + Uri.EscapeDataString(Payloads.OfferId)));
        Sink.Keep(await SendAsync(request, Json.HwOffer).ConfigureAwait(false));
    }

    public async Task CreateOffer()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_base + "offers"))
        {
            Content = HandWritten.JsonBody(JsonSerializer.SerializeToUtf8Bytes(CreateRequest, Json.HwCreateOfferRequest)),
        };
        request.Headers.TryAddWithoutValidation("idempotency-key", Guid.NewGuid().ToString("N"));
        Sink.Keep(await SendAsync(request, Json.HwOfferCreated).ConfigureAwait(false));
    }

    public async Task UpdateProduct()
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(_base + "products/" + Uri.EscapeDataString(Payloads.ProductId)))
        {
            Content = HandWritten.JsonBody(JsonSerializer.SerializeToUtf8Bytes(UpdateRequest, Json.HwUpdateProductRequest)),
        };
        request.Headers.TryAddWithoutValidation("idempotency-key", Guid.NewGuid().ToString("N"));
        request.Headers.TryAddWithoutValidation("if-match", Payloads.ProductEtag);
        Sink.Keep(await SendAsync(request, Json.HwProduct).ConfigureAwait(false));
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

    private async Task<HwOfferList> Page(string? cursor)
    {
        var uri = cursor is null ? _base + "offers?limit=100" : _base + "offers?limit=100&cursor=" + Uri.EscapeDataString(cursor);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(uri));
        return await SendAsync(request, Json.HwOfferList).ConfigureAwait(false);
    }

    private async Task<T> SendAsync<T>(HttpRequestMessage request, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return (await JsonSerializer.DeserializeAsync(stream, type).ConfigureAwait(false))!;
        }
    }
}

/// <summary>The floor's twin with Newtonsoft.Json: same requests, StringContent bodies, a JsonTextReader over the stream.</summary>
internal sealed class NewtonsoftContender : IContender
{
    private static readonly NJ.JsonSerializer Serializer = NJ.JsonSerializer.CreateDefault();
    private static readonly HwCreateOfferRequest CreateRequest = new() { ProductId = Payloads.ProductId, AllowedEmails = [Inputs.Email], MaxUses = Inputs.MaxUses, Notes = Inputs.Notes };
    private static readonly HwUpdateProductRequest UpdateRequest = new() { Name = Inputs.NewProductName };
    private readonly HttpClient _http;
    private readonly string _base;

    public NewtonsoftContender(HttpClient http, Uri baseAddress)
    {
        _http = http;
        _base = baseAddress.AbsoluteUri;
        HandWritten.DefaultHeaders(http);
    }

    public string Name => "newtonsoft";

    public bool HasListAll => true;

    public async Task GetOffer()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_base + "offers/" + Uri.EscapeDataString(Payloads.OfferId)));
        Sink.Keep(await SendAsync<NjOffer>(request).ConfigureAwait(false));
    }

    public async Task CreateOffer()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_base + "offers"))
        {
            Content = new StringContent(NJ.JsonConvert.SerializeObject(CreateRequest), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("idempotency-key", Guid.NewGuid().ToString("N"));
        Sink.Keep(await SendAsync<HwOfferCreated>(request).ConfigureAwait(false));
    }

    public async Task UpdateProduct()
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(_base + "products/" + Uri.EscapeDataString(Payloads.ProductId)))
        {
            Content = new StringContent(NJ.JsonConvert.SerializeObject(UpdateRequest), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("idempotency-key", Guid.NewGuid().ToString("N"));
        request.Headers.TryAddWithoutValidation("if-match", Payloads.ProductEtag);
        Sink.Keep(await SendAsync<HwProduct>(request).ConfigureAwait(false));
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

    private async Task<NjOfferList> Page(string? cursor)
    {
        var uri = cursor is null ? _base + "offers?limit=100" : _base + "offers?limit=100&cursor=" + Uri.EscapeDataString(cursor);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(uri));
        return await SendAsync<NjOfferList>(request).ConfigureAwait(false);
    }

    private async Task<T> SendAsync<T>(HttpRequestMessage request)
    {
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var text = new StreamReader(stream, Encoding.UTF8);
            using var json = new NJ.JsonTextReader(text);
            return Serializer.Deserialize<T>(json)!;
        }
    }
}

internal static class HandWritten
{
    public const int ListAllCount = 1000;

    /// <summary>The headers the SDK sends on every call, set once as a hand-written client would.</summary>
    public static void DefaultHeaders(HttpClient http)
    {
        var headers = http.DefaultRequestHeaders;
        if (headers.Authorization is null)
        {
            headers.Authorization = new AuthenticationHeaderValue("Bearer", Inputs.Token);
            headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            // The SDK's own User-Agent as it sent it, so the wire requests match.
            headers.TryAddWithoutValidation("User-Agent", SdkHeaders.UserAgent);
        }
    }

    public static ByteArrayContent JsonBody(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        return content;
    }

    public static void CheckCount(int count)
    {
        if (count != ListAllCount)
        {
            throw new InvalidOperationException($"Listed {count} offers, expected {ListAllCount}.");
        }
    }
}
