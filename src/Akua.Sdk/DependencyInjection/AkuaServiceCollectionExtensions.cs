using Akua.Sdk;
using Akua.Sdk.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
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
        var name = serviceKey is null ? AkuaServiceClient.DefaultName : AkuaServiceClient.DefaultName + ":" + serviceKey;
        var options = services.AddOptions<AkuaClientOptions>(name);
        configure(options);
        options.PostConfigure(AkuaClientOptionsValidator.Normalize);
        options.ValidateOnStart();
        services.AddSingleton<IValidateOptions<AkuaClientOptions>>(new AkuaClientOptionsValidation(name, settingPrefix));

        var builder = services.AddHttpClient(name)
            .ConfigurePrimaryHttpMessageHandler(AkuaTransport.CreatePrimaryHandler)
            .ConfigureHttpClient(httpClient => httpClient.Timeout = Timeout.InfiniteTimeSpan)
            // The factory's default loggers put every request header, the bearer token included, unredacted in the
            // structured state of their trace lines (only the message is redacted); the SDK logs each attempt itself.
            .RemoveAllLoggers();

        // The Akua policy on the card's handler; empty (a pass-through) when the host turned it off.
        builder.AddResilienceHandler("akua", (pipeline, context) =>
        {
            context.EnableReloads<AkuaClientOptions>(name);
            var current = context.ServiceProvider.GetRequiredService<IOptionsMonitor<AkuaClientOptions>>().Get(name);
            if (current.EnableResilience)
            {
                pipeline.TimeProvider = current.TimeProvider;
                AkuaResilience.AddStrategies(pipeline, current.Retry, current.CircuitBreaker, current.Timeout, current.TimeProvider, Logger(context.ServiceProvider), AkuaMetrics.Retries);
            }
        });

        // Inside the resilience handler, so it runs once per attempt; handlers the host adds come after it.
        builder.AddHttpMessageHandler(provider =>
        {
            var current = provider.GetRequiredService<IOptionsMonitor<AkuaClientOptions>>().Get(name);
            return new AkuaAttemptHandler(new AkuaAuthorization(current), current.MaxResponseBytes, current.TimeProvider, Logger(provider));
        });

        if (serviceKey is null)
        {
            services.AddSingleton<IAkuaClient>(provider => new AkuaServiceClient(provider, name));
            foreach (var (areaType, area) in Areas)
            {
                services.AddSingleton(areaType, provider => area(provider.GetRequiredService<IAkuaClient>()));
            }
        }
        else
        {
            services.AddKeyedSingleton<IAkuaClient>(serviceKey, (provider, _) => new AkuaServiceClient(provider, name));
            foreach (var (areaType, area) in Areas)
            {
                services.AddKeyedSingleton(areaType, serviceKey, (provider, key) => area(provider.GetRequiredKeyedService<IAkuaClient>(key)));
            }
        }

        return builder;
    }

    /// <summary>The resource clients registered beside <see cref="IAkuaClient"/>, keyed and not: one line per API area.</summary>
    private static readonly (Type Type, Func<IAkuaClient, object> Area)[] Areas =
    [
        (typeof(IOffersClient), client => client.Offers),
        (typeof(IProductsClient), client => client.Products),
        (typeof(IPackagesClient), client => client.Packages),
        (typeof(IOperationsClient), client => client.Operations),
        (typeof(IOrderDraftsClient), client => client.OrderDrafts),
        (typeof(IInstallsClient), client => client.Installs),
    ];

    private static ILogger Logger(IServiceProvider provider) =>
        provider.GetService<ILoggerFactory>()?.CreateLogger(AkuaResilience.LoggerCategory) ?? NullLogger.Instance;

    private static string SettingPrefix(IConfiguration configuration) =>
        configuration is IConfigurationSection { Path.Length: > 0 } section ? section.Path + ":" : string.Empty;
}
