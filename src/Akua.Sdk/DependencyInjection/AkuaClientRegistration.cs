using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Akua.Sdk.DependencyInjection;

/// <summary>Creates the clients that <c>AddAkuaSdk</c> registers.</summary>
internal static class AkuaClientRegistration
{
    public const string DefaultName = "Akua.Sdk";

    public static AkuaClient Create(IServiceProvider provider, string name)
    {
        // The options system validated these once (at startup and on every reload); no second check per resolve.
        var options = provider.GetRequiredService<IOptionsMonitor<AkuaClientOptions>>().Get(name);
        var httpClient = provider.GetRequiredService<IHttpClientFactory>().CreateClient(name);
        return AkuaClient.FromValidatedOptions(options, httpClient);
    }
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
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
