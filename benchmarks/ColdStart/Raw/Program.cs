// Cold start without the SDK: the same list-products call, the same headers, read with source-generated System.Text.Json.
// With AKUA_COLDSTART_BREAKDOWN=1 it also prints where the time went (see Breakdown.cs).
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;

var breakdown = Breakdown.Start();
using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
breakdown?.Mark("client built");
using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Environment.GetEnvironmentVariable("AKUA_BASE_ADDRESS")! + "products?limit=10"));
request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Environment.GetEnvironmentVariable("AKUA_API_TOKEN"));
request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
request.Headers.TryAddWithoutValidation("User-Agent", "Akua.Sdk.ColdStart.Raw");
using var response = await http.SendAsync(request);
response.EnsureSuccessStatusCode();
var page = await JsonSerializer.DeserializeAsync(await response.Content.ReadAsStreamAsync(), RawJson.Default.ProductPage);
breakdown?.Mark("first call done");
Console.WriteLine($"{page!.Data.Count} product(s)");
breakdown?.Print();
return 0;

internal sealed class ProductPage
{
    [JsonPropertyName("data")] public List<ProductItem> Data { get; set; } = [];

    [JsonPropertyName("has_more")] public bool HasMore { get; set; }

    [JsonPropertyName("next_cursor")] public string? NextCursor { get; set; }
}

internal sealed class ProductItem
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";

    [JsonPropertyName("name")] public string Name { get; set; } = "";
}

[JsonSerializable(typeof(ProductPage))]
internal sealed partial class RawJson : JsonSerializerContext;
