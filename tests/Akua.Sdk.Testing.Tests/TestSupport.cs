using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Akua.Sdk.Testing.Tests;

/// <summary>A response read once: status, headers and JSON body.</summary>
internal sealed record Answer(HttpResponseMessage Response, string Text)
{
    public int Status => (int)Response.StatusCode;

    public JsonElement Json => JsonDocument.Parse(Text).RootElement;

    public string Str(string name) => Json.GetProperty(name).GetString()!;

    /// <summary>The paths of every error entry, each joined with '/'.</summary>
    public IReadOnlyList<string> ErrorPaths => [.. Json.GetProperty("errors").EnumerateArray()
        .Select(e => e.TryGetProperty("path", out var p) ? string.Join('/', p.EnumerateArray().Select(s => s.GetString())) : "")];
}

/// <summary>Plain HttpClient calls against an emulator.</summary>
internal sealed class Api : IDisposable
{
    private readonly HttpClient _http;

    public Api(AkuaEmulator emulator, string? token = "")
    {
        _http = new HttpClient { BaseAddress = emulator.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        token = token == "" ? emulator.ApiToken : token;
        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public HttpClient Http => _http;

    public Task<Answer> Get(string path, params (string Name, string Value)[] headers) => Send(HttpMethod.Get, path, null, headers);

    public Task<Answer> Post(string path, string? json, params (string Name, string Value)[] headers) => Send(HttpMethod.Post, path, json, headers);

    public Task<Answer> Patch(string path, string? json, params (string Name, string Value)[] headers) => Send(HttpMethod.Patch, path, json, headers);

    public async Task<Answer> Send(HttpMethod method, string path, string? json, params (string Name, string Value)[] headers)
    {
        // "./" keeps a colon in the first segment (offers:resolve) from reading as a URI scheme.
        using var request = new HttpRequestMessage(method, new Uri("./" + path, UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await _http.SendAsync(request);
        return new Answer(response, await response.Content.ReadAsStringAsync());
    }

    public async Task<JsonElement> CreateProduct(string name = "PostgreSQL Managed", string? extra = null, params (string Name, string Value)[] headers)
    {
        var body = $$"""{"name":"{{name}}","package_id":"pkg_j572abc123def456","package_version_pin":{"kind":"latest"}{{extra}}}""";
        var answer = await Post("products", body, headers);
        Assert.Equal(201, answer.Status);
        return answer.Json;
    }

    public async Task<JsonElement> CreateOffer(string productId, string? extra = null, params (string Name, string Value)[] headers)
    {
        var answer = await Post("offers", $$"""{"product_id":"{{productId}}"{{extra}}}""", headers);
        Assert.True(answer.Status == 201, answer.Text);
        return (await Get("offers/" + answer.Str("id"))).Json;
    }

    public void Dispose() => _http.Dispose();
}
