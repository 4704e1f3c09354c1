using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;

namespace Akua.Sdk.Tests.DependencyInjection;

public class RegistrationTests
{
    private static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static (MockHttpMessageHandler Mock, List<HttpRequestMessage> Seen) Recording()
    {
        var mock = new MockHttpMessageHandler();
        var seen = new List<HttpRequestMessage>();
        mock.Fallback.Respond(request =>
        {
            seen.Add(request);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Payloads.Product, System.Text.Encoding.UTF8, "application/json") });
        });
        return (mock, seen);
    }

    private static string? Header(HttpRequestMessage request, string name) =>
        request.Headers.NonValidated.TryGetValues(name, out var values) ? values.ToString() : null;

    [Fact]
    public async Task Resolves_all_three_clients_bound_from_configuration()
    {
        var (mock, seen) = Recording();
        var services = new ServiceCollection();
        var configuration = Configuration(
            ("Akua:BaseAddress", "https://eu.api.akua.dev/v1/"),
            ("Akua:ApiToken", "sk_akua_test_di"),
            ("Akua:WorkspaceContext", "ws_from_config"),
            ("Akua:Timeout", "00:00:12"),
            ("Akua:ApplicationId", "di-test"));
        services.AddAkuaSdk(configuration.GetSection("Akua")).ConfigurePrimaryHttpMessageHandler(() => mock);
        using var provider = services.BuildServiceProvider(validateScopes: true);

        var options = provider.GetRequiredService<IOptionsMonitor<AkuaClientOptions>>().Get("Akua.Sdk");
        Assert.Equal(TimeSpan.FromSeconds(12), options.Timeout);
        Assert.NotNull(provider.GetRequiredService<IAkuaClient>());
        await provider.GetRequiredService<IProductsClient>().GetAsync("prod_1");
        Assert.NotNull(provider.GetRequiredService<IOffersClient>());

        var request = Assert.Single(seen);
        Assert.Equal("https://eu.api.akua.dev/v1/products/prod_1", request.RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer sk_akua_test_di", Header(request, "Authorization"));
        Assert.Equal("ws_from_config", Header(request, "akua-context"));
        Assert.EndsWith(" di-test", Header(request, "User-Agent"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keyed_registrations_keep_accounts_apart()
    {
        var (mockA, seenA) = Recording();
        var (mockB, seenB) = Recording();
        var services = new ServiceCollection();
        services.AddAkuaSdk("tenant-a", o => o.ApiToken = "token-a").ConfigurePrimaryHttpMessageHandler(() => mockA);
        services.AddAkuaSdk("tenant-b", Configuration(("Tenants:B:ApiToken", "token-b")).GetSection("Tenants:B")).ConfigurePrimaryHttpMessageHandler(() => mockB);
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredKeyedService<IAkuaClient>("tenant-a").Products.GetAsync("prod_1");
        await provider.GetRequiredKeyedService<IProductsClient>("tenant-b").GetAsync("prod_1");
        Assert.NotNull(provider.GetRequiredKeyedService<IOffersClient>("tenant-a"));

        Assert.Equal("Bearer token-a", Header(Assert.Single(seenA), "Authorization"));
        Assert.Equal("Bearer token-b", Header(Assert.Single(seenB), "Authorization"));
        Assert.Null(provider.GetService<IAkuaClient>());
    }

    [Fact]
    public async Task The_returned_builder_adds_handlers_to_the_sdk_pipeline()
    {
        var (mock, _) = Recording();
        var marker = new MarkerHandler();
        var services = new ServiceCollection();
        services.AddAkuaSdk(o => o.ApiToken = "t").AddHttpMessageHandler(() => marker).ConfigurePrimaryHttpMessageHandler(() => mock);
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IProductsClient>().GetAsync("prod_1");

        Assert.Equal(1, marker.Calls);
    }

    [Theory]
    [InlineData(null, "https://api.akua.dev/v1/", "Akua:ApiToken or Akua:TokenProvider is required")]
    [InlineData("t", "http://api.akua.dev/v1/", "Akua:BaseAddress must use https")]
    [InlineData("t", "not a uri", "Akua:BaseAddress")]
    public void Misconfiguration_fails_at_startup_naming_the_setting(string? token, string baseAddress, string message)
    {
        var services = new ServiceCollection();
        services.AddAkuaSdk(Configuration(("Akua:ApiToken", token), ("Akua:BaseAddress", baseAddress)).GetSection("Akua"));
        using var provider = services.BuildServiceProvider();

        var error = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Code_configured_options_are_validated_too()
    {
        var services = new ServiceCollection();
        services.AddAkuaSdk(o => { o.ApiToken = "t"; o.Timeout = TimeSpan.Zero; });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Timeout must be between", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Anonymous_clients_need_no_token()
    {
        var services = new ServiceCollection();
        services.AddAkuaSdk(Configuration(("Akua:AllowAnonymous", "true")).GetSection("Akua"));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.NotNull(provider.GetRequiredService<IOffersClient>());
    }

    [Fact]
    public async Task The_client_keeps_its_http_client_between_calls_and_still_reaches_rotated_handlers()
    {
        var built = 0;
        var services = new ServiceCollection();
        services.AddAkuaSdk(o => o.ApiToken = "t")
            .ConfigurePrimaryHttpMessageHandler(() =>
            {
                Interlocked.Increment(ref built);
                return Recording().Mock;
            })
            .SetHandlerLifetime(TimeSpan.FromSeconds(1));
        using var provider = services.BuildServiceProvider();
        var products = provider.GetRequiredService<IProductsClient>();

        await products.GetAsync("prod_1");
        await products.GetAsync("prod_1");
        Assert.Equal(1, Volatile.Read(ref built));

        // Past the handler lifetime the factory builds a new chain, and the client's next call must go through it.
        await Task.Delay(TimeSpan.FromSeconds(1.3));
        await products.GetAsync("prod_1");
        Assert.Equal(2, Volatile.Read(ref built));
    }

    private sealed class MarkerHandler : DelegatingHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
