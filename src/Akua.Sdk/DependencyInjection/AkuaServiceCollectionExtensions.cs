using Akua.Sdk;
using Akua.Sdk.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Akua SDK with dependency injection, on <c>IHttpClientFactory</c>.</summary>
public static class AkuaServiceCollectionExtensions
{
    /// <summary>The configuration section <c>AddAkuaSdk</c> conventionally binds: <c>"Akua"</c>.</summary>
    public const string DefaultSectionName = "Akua";

    /// <summary>
    /// Registers <see cref="IAkuaClient"/>, <see cref="IOffersClient"/> and <see cref="IProductsClient"/>,
    /// configured in code. Options are validated when the host starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the client options.</param>
    /// <returns>The builder of the underlying <see cref="HttpClient"/>, to add your own handlers.</returns>
    public static IHttpClientBuilder AddAkuaSdk(this IServiceCollection services, Action<AkuaClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddAkua(serviceKey: null, options => options.Configure(configure), settingPrefix: string.Empty);
    }

    /// <summary>
    /// Registers <see cref="IAkuaClient"/>, <see cref="IOffersClient"/> and <see cref="IProductsClient"/>,
    /// bound to a configuration section such as <c>builder.Configuration.GetSection("Akua")</c>
    /// (<c>BaseAddress</c>, <c>ApiToken</c>, <c>WorkspaceContext</c>, <c>Timeout</c>, …). Options are
    /// validated when the host starts, with messages naming the bad setting.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration section holding the options.</param>
    /// <returns>The builder of the underlying <see cref="HttpClient"/>, to add your own handlers.</returns>
    public static IHttpClientBuilder AddAkuaSdk(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddAkua(serviceKey: null, options => options.Bind(configuration), SettingPrefix(configuration));
    }

    /// <summary>
    /// Registers a keyed client for one of several Akua accounts: inject it with
    /// <c>[FromKeyedServices("tenant-a")] IAkuaClient</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="serviceKey">The key, e.g. <c>"tenant-a"</c>.</param>
    /// <param name="configure">Sets the client options.</param>
    /// <returns>The builder of the underlying <see cref="HttpClient"/>, to add your own handlers.</returns>
    public static IHttpClientBuilder AddAkuaSdk(this IServiceCollection services, string serviceKey, Action<AkuaClientOptions> configure)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceKey);
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddAkua(serviceKey, options => options.Configure(configure), $"[{serviceKey}] ");
    }

    /// <summary>Registers a keyed client bound to a configuration section, e.g. <c>GetSection("Akua:Tenants:tenant-a")</c>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="serviceKey">The key, e.g. <c>"tenant-a"</c>.</param>
    /// <param name="configuration">The configuration section holding the options.</param>
    /// <returns>The builder of the underlying <see cref="HttpClient"/>, to add your own handlers.</returns>
    public static IHttpClientBuilder AddAkuaSdk(this IServiceCollection services, string serviceKey, IConfiguration configuration)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceKey);
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddAkua(serviceKey, options => options.Bind(configuration), SettingPrefix(configuration));
    }

    private static IHttpClientBuilder AddAkua(this IServiceCollection services, string? serviceKey, Action<OptionsBuilder<AkuaClientOptions>> configure, string settingPrefix)
    {
        ArgumentNullException.ThrowIfNull(services);

        // The options name and the HttpClient name are the same, one per registration.
        var name = serviceKey is null ? AkuaClientRegistration.DefaultName : AkuaClientRegistration.DefaultName + ":" + serviceKey;
        var options = services.AddOptions<AkuaClientOptions>(name);
        configure(options);
        options.ValidateOnStart();
        services.AddSingleton<IValidateOptions<AkuaClientOptions>>(new AkuaClientOptionsValidation(name, settingPrefix));
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<AkuaResiliencePipelines>();
        var builder = services.AddHttpClient(name)
            .ConfigureHttpClient((provider, httpClient) =>
            {
                // With the SDK's pipeline, each attempt has its own timeout and the caller's token bounds the call.
                var clientOptions = provider.GetRequiredService<IOptionsMonitor<AkuaClientOptions>>().Get(name);
                httpClient.Timeout = clientOptions.EnableResilience ? Timeout.InfiniteTimeSpan : clientOptions.Timeout;
            })
            .ConfigureAdditionalHttpMessageHandlers((handlers, provider) =>
            {
                if (provider.GetRequiredService<AkuaResiliencePipelines>().CreateHandler(name) is { } handler)
                {
                    // Outermost, so handlers the host adds run once per attempt.
                    handlers.Insert(0, handler);
                }
            });
        if (serviceKey is null)
        {
            services.AddTransient<IAkuaClient>(provider => AkuaClientRegistration.Create(provider, name));
            services.AddTransient(provider => provider.GetRequiredService<IAkuaClient>().Offers);
            services.AddTransient(provider => provider.GetRequiredService<IAkuaClient>().Products);
        }
        else
        {
            services.AddKeyedTransient<IAkuaClient>(serviceKey, (provider, _) => AkuaClientRegistration.Create(provider, name));
            services.AddKeyedTransient(serviceKey, (provider, key) => provider.GetRequiredKeyedService<IAkuaClient>(key).Offers);
            services.AddKeyedTransient(serviceKey, (provider, key) => provider.GetRequiredKeyedService<IAkuaClient>(key).Products);
        }

        return builder;
    }

    private static string SettingPrefix(IConfiguration configuration) =>
        configuration is IConfigurationSection { Path.Length: > 0 } section ? section.Path + ":" : string.Empty;
}
