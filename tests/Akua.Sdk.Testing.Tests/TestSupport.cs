using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Akua.Sdk.Testing.Tests;

/// <summary>An emulator on a fake clock, with a client and the raw API, for the journey's tests.</summary>
internal sealed class Journey : IAsyncDisposable
{
    /// <summary>A real-time bound on anything a test awaits, so a broken emulator fails the test instead of hanging it.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private Journey(AkuaEmulator emulator, FakeTimeProvider clock)
    {
        Emulator = emulator;
        Clock = clock;
        Akua = emulator.CreateClient(o => o.Retry.BaseDelay = TimeSpan.FromMilliseconds(5));
        Api = new Api(emulator);
    }

    public AkuaEmulator Emulator { get; }

    public FakeTimeProvider Clock { get; }

    public AkuaClient Akua { get; }

    public Api Api { get; }

    public static async Task<Journey> StartAsync(Action<AkuaEmulatorOptions>? configure = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var options = new AkuaEmulatorOptions { TimeProvider = clock };
        configure?.Invoke(options);
        return new Journey(await AkuaEmulator.StartAsync(options), clock);
    }

    /// <summary>Moves the emulator's clock past the time an operation runs.</summary>
    public void SettleOperations() => Clock.Advance(new AkuaEmulatorOptions().OperationDuration);

    /// <summary>Starts a draft on the offer and advances it until it reaches <paramref name="status"/>.</summary>
    public OrderDraft DraftAt(string offerId, OrderDraftStatus status, string email = "ana@example.com")
    {
        var id = Emulator.SimulateOrderDraft(offerId, email);
        OrderDraft draft;
        do
        {
            draft = Emulator.AdvanceOrderDraft(id);
        }
        while (draft.Status != status && !draft.Status.IsTerminal);

        return draft;
    }

    public async Task<Offer> NewOffer(string? schema = Api.OpenSchema, CreateOfferRequest? request = null)
    {
        var packageId = Emulator.AddPackage("PostgreSQL", "1.0.0", schema);
        var product = await Akua.Products.CreateAsync(new CreateProductRequest { Name = "PostgreSQL Managed", PackageId = packageId, PackageVersionPin = PackageVersionPin.Latest });
        request ??= new CreateOfferRequest();
        request.ProductId = product.Id;
        var created = await Akua.Offers.CreateAsync(request);
        return await Akua.Offers.GetAsync(created.Id);
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        Akua.Dispose();
        await Emulator.DisposeAsync();
    }
}

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
    /// <summary>An input schema that takes any input, for tests about other things than field values.</summary>
    public const string OpenSchema = """{"type":"object"}""";

    private readonly HttpClient _http;
    private readonly AkuaEmulator _emulator;
    private readonly Dictionary<string, string> _packages = new(StringComparer.Ordinal);

    public Api(AkuaEmulator emulator, string? token = "")
    {
        _emulator = emulator;
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

    public Task<Answer> Delete(string path, params (string Name, string Value)[] headers) => Send(HttpMethod.Delete, path, null, headers);

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

    /// <summary>A package (with an open input schema) of the default workspace, added on first use.</summary>
    public string PackageId => Package(_emulator.DefaultWorkspaceId);

    /// <summary>A package of a workspace, added on first use.</summary>
    public string Package(string workspaceId)
    {
        if (!_packages.TryGetValue(workspaceId, out var id))
        {
            id = _emulator.AddPackage("PostgreSQL", "1.0.0", OpenSchema, workspaceId);
            _packages[workspaceId] = id;
        }

        return id;
    }

    /// <summary>The latest version of <see cref="PackageId"/>.</summary>
    public async Task<string> VersionId() => (await Get("packages/" + PackageId)).Str("latest_version_id");

    public async Task<JsonElement> CreateProduct(string name = "PostgreSQL Managed", string? extra = null, params (string Name, string Value)[] headers)
    {
        var workspace = headers.Where(h => h.Name == "akua-context").Select(h => h.Value).FirstOrDefault() ?? _emulator.DefaultWorkspaceId;
        var body = $$"""{"name":"{{name}}","package_id":"{{Package(workspace)}}","package_version_pin":{"kind":"latest"}{{extra}}}""";
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
