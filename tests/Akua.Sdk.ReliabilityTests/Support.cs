using System.Diagnostics;
using System.Net.Http.Headers;
using Akua.Sdk.Testing;

namespace Akua.Sdk.ReliabilityTests;

internal static class Support
{
    public const string PackageId = "pkg_j572abc123def456";

    /// <summary>Scenario client settings: short retry delays, no breaker, 1 s attempts.</summary>
    public static void Fast(AkuaClientOptions o, int maxRetries = 2)
    {
        o.Retry.MaxRetries = maxRetries;
        o.Retry.BaseDelay = TimeSpan.FromMilliseconds(10);
        o.Retry.MaxDelay = TimeSpan.FromMilliseconds(50);
        o.CircuitBreaker.Enabled = false;
        o.Timeout = TimeSpan.FromSeconds(1);
    }

    public static AkuaClient ClientFor(Uri baseAddress, int maxRetries = 2) =>
        new(Options(baseAddress, maxRetries));

    public static AkuaClientOptions Options(Uri baseAddress, int maxRetries = 2)
    {
        var o = new AkuaClientOptions { BaseAddress = baseAddress, ApiToken = "sk_akua_fault_server_token" };
        Fast(o, maxRetries);
        return o;
    }

    /// <summary>Runs <paramref name="call"/> and names its outcome: "success" or the exception's type.</summary>
    public static async Task<(Exception? Error, string Outcome, TimeSpan Elapsed)> Outcome(Func<Task> call)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            await call();
            return (null, "success", sw.Elapsed);
        }
        catch (Exception e)
        {
            return (e, e.GetType().Name, sw.Elapsed);
        }
    }

    public static async Task<string> NewProductAsync(AkuaClient client) =>
        (await client.Products.CreateAsync(new CreateProductRequest { Name = "Reliability", PackageId = PackageId, PackageVersionPin = PackageVersionPin.Latest })).Id;

    private static readonly Lazy<Task<string>> s_offerJson = new(async () =>
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var client = emulator.CreateClient();
        var productId = await NewProductAsync(client);
        var created = await client.Offers.CreateAsync(new CreateOfferRequest { ProductId = productId });
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.ApiToken);
        return await http.GetStringAsync(new Uri("offers/" + created.Id, UriKind.Relative));
    });

    /// <summary>A real offer body, as the emulator writes it.</summary>
    public static Task<string> OfferJsonAsync() => s_offerJson.Value;
}
