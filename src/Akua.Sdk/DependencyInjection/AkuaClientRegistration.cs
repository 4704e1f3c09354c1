using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Akua.Sdk.DependencyInjection;

/// <summary>
/// The client <c>AddAkuaSdk</c> registers: one per registration, for the container's lifetime, and not
/// disposable, so the container keeps nothing per resolve. Each call takes an HttpClient from the
/// factory (which rotates its handlers) and the registration's current options.
/// </summary>
internal sealed class AkuaServiceClient : IAkuaClient
{
    public const string DefaultName = "Akua.Sdk";

    private readonly AkuaResources _resources;

    public AkuaServiceClient(IServiceProvider provider, string name)
    {
        var factory = provider.GetRequiredService<IHttpClientFactory>();
        var options = provider.GetRequiredService<IOptionsMonitor<AkuaClientOptions>>();
        var pipeline = new AkuaPipeline(() => factory.CreateClient(name), () => options.Get(name), callerOwned: false, static () => false, CancellationToken.None);
        _resources = new AkuaResources(pipeline);
    }

    public IOffersClient Offers => _resources.Offers;

    public IProductsClient Products => _resources.Products;

    public IPackagesClient Packages => _resources.Packages;

    public IOperationsClient Operations => _resources.Operations;

    public IOrderDraftsClient OrderDrafts => _resources.OrderDrafts;

    public IInstallsClient Installs => _resources.Installs;
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
