using LlmAbstraction;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="ILlmClient"/> with dependency injection.</summary>
public static class LlmServiceCollectionExtensions
{
    /// <summary>The name of the HttpClient the library uses (configure it with <c>services.AddHttpClient(name)</c>).</summary>
    public const string HttpClientName = "LlmAbstraction";

    /// <summary>
    /// Adds a singleton <see cref="ILlmClient"/>, options validated at startup, and a pooled HttpClient
    /// from IHttpClientFactory. <paramref name="configureClient"/> can add pipeline stages or providers.
    /// </summary>
    public static IServiceCollection AddLlmClient(this IServiceCollection services, Action<LlmClientOptions>? configure = null, Action<IServiceProvider, LlmClientBuilder>? configureClient = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<LlmClientOptions>();
        if (configure is not null) options.Configure(configure);
        return AddCore(services, configureClient);
    }

    /// <summary>Adds the client with options bound from <paramref name="configuration"/> (e.g. the <c>LlmAbstraction</c> section).</summary>
    public static IServiceCollection AddLlmClient(this IServiceCollection services, IConfiguration configuration, Action<IServiceProvider, LlmClientBuilder>? configureClient = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LlmClientOptions>().Bind(configuration);
        return AddCore(services, configureClient);
    }

    /// <summary>
    /// Adds the client configured by a LiteLLM config (model_list, router_settings, litellm_settings): load it with
    /// <see cref="LlmAbstraction.Configuration.LiteLlmConfigLoader"/>. <paramref name="configureClient"/> runs after the config is applied
    /// (e.g. to add a Redis state store).
    /// </summary>
    public static IServiceCollection AddLlmClient(this IServiceCollection services, LlmAbstraction.Configuration.LlmConfiguration liteLlmConfiguration, Action<IServiceProvider, LlmClientBuilder>? configureClient = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(liteLlmConfiguration);
        return services.AddLlmClient(configure: null, (sp, builder) =>
        {
            LlmAbstraction.Configuration.LiteLlmClientConfiguration.UseLiteLlmConfig(builder, liteLlmConfiguration);
            configureClient?.Invoke(sp, builder);
        });
    }

    /// <summary>
    /// Makes the client's response cache use the <see cref="Caching.Distributed.IDistributedCache"/> registered in the container
    /// (e.g. by <c>AddStackExchangeRedisCache</c>) instead of its in-memory store. Caching itself is turned on with
    /// <see cref="CacheOptions.Enabled"/>.
    /// </summary>
    public static IServiceCollection AddLlmDistributedCache(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<LlmAbstraction.Caching.ILlmCacheStore>(sp =>
            new LlmAbstraction.Caching.DistributedCacheStore(sp.GetRequiredService<Caching.Distributed.IDistributedCache>()));
        return services;
    }

    private static IServiceCollection AddCore(IServiceCollection services, Action<IServiceProvider, LlmClientBuilder>? configureClient)
    {
        services.AddOptions<LlmClientOptions>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<LlmClientOptions>, LlmClientOptionsValidator>();
        services.AddHttpClient(HttpClientName, static c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.All });
        services.AddSingleton<ILlmClient>(sp =>
        {
            var builder = new LlmClientBuilder(sp.GetRequiredService<IOptions<LlmClientOptions>>().Value)
                .UseTimeProvider(sp.GetService<TimeProvider>() ?? TimeProvider.System);
            if (sp.GetService<Microsoft.Extensions.Logging.ILoggerFactory>() is { } loggers) builder.UseLoggerFactory(loggers);
            foreach (var callback in sp.GetServices<LlmAbstraction.Callbacks.ILlmCallback>()) builder.AddCallback(callback);
            if (sp.GetService<LlmAbstraction.Budgets.IBudgetManager>() is { } budgets)
                builder.UseBudgets(budgets, sp.GetRequiredService<IOptions<LlmAbstraction.Budgets.BudgetEnforcementOptions>>().Value);
            if (sp.GetService<LlmAbstraction.Caching.ILlmCacheStore>() is { } cacheStore) builder.UseCacheStore(cacheStore);
            if (sp.GetService<LlmAbstraction.Caching.ISemanticCacheIndex>() is { } semanticIndex) builder.UseSemanticCacheIndex(semanticIndex);
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            builder.UseHttpClientSource(() => factory.CreateClient(HttpClientName));
            configureClient?.Invoke(sp, builder);
            return builder.Build();
        });
        return services;
    }
}
