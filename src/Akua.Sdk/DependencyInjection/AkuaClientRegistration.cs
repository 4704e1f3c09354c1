using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace Akua.Sdk.DependencyInjection;

/// <summary>
/// The client <c>AddAkuaSdk</c> registers: one per registration, for the container's lifetime, and not
/// disposable, so the container keeps nothing per resolve. Calls take the registration's current options
/// and an HttpClient from the factory, taken anew once half the factory's handler lifetime has passed
/// (so handler rotation still reaches every call) instead of on every call (an HttpClient and its
/// cancellation source are some 200 bytes a call).
/// </summary>
internal sealed class AkuaServiceClient : IAkuaClient
{
    public const string DefaultName = "Akua.Sdk";

    private readonly AkuaResources _resources;
    private readonly IHttpClientFactory _factory;
    private readonly IOptionsMonitor<HttpClientFactoryOptions> _factoryOptions;
    private readonly string _name;
    private FactoryClient? _current;

    public AkuaServiceClient(IServiceProvider provider, string name)
    {
        _factory = provider.GetRequiredService<IHttpClientFactory>();
        _factoryOptions = provider.GetRequiredService<IOptionsMonitor<HttpClientFactoryOptions>>();
        _name = name;
        var options = provider.GetRequiredService<IOptionsMonitor<AkuaClientOptions>>();
        var pipeline = new AkuaPipeline(Http, () => options.Get(name), callerOwned: false, static () => false, CancellationToken.None);
        _resources = new AkuaResources(pipeline);
    }

    public IOffersClient Offers => _resources.Offers;

    public IProductsClient Products => _resources.Products;

    public IPackagesClient Packages => _resources.Packages;

    public IOperationsClient Operations => _resources.Operations;

    public IOrderDraftsClient OrderDrafts => _resources.OrderDrafts;

    public IInstallsClient Installs => _resources.Installs;

    private HttpClient Http()
    {
        var now = Stopwatch.GetTimestamp();
        var current = Volatile.Read(ref _current);
        if (current is null || Stopwatch.GetElapsedTime(current.Taken, now) >= current.KeepFor)
        {
            // Racing callers may each take one: harmless, the factory hands out the same handlers.
            var lifetime = _factoryOptions.Get(_name).HandlerLifetime;
            current = new FactoryClient(_factory.CreateClient(_name), now, lifetime < TimeSpan.Zero ? TimeSpan.MaxValue : lifetime / 2);
            Volatile.Write(ref _current, current);
        }

        return current.Http;
    }

    private sealed record FactoryClient(HttpClient Http, long Taken, TimeSpan KeepFor);
}

/// <summary>Applies the client option rules to one named registration, naming settings by their configuration path.</summary>
internal sealed class AkuaClientOptionsValidation(string name, string settingPrefix) : IValidateOptions<AkuaClientOptions>
{
    public ValidateOptionsResult Validate(string? optionsName, AkuaClientOptions options)
    {
        if (optionsName != name)
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = AkuaClientOptionsValidator.Validate(options, settingPrefix);
        if (options.Transport is not null)
        {
            errors.Add($"{settingPrefix}Transport is not used by AddAkuaSdk: call ConfigurePrimaryHttpMessageHandler on the builder AddAkuaSdk returns.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
