using LlmAbstraction.Budgets;
using LlmAbstraction.Redis;
using LlmAbstraction.Redis.Budgets;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Redis budget store.</summary>
public static class RedisBudgetServiceCollectionExtensions
{
    /// <summary>
    /// Keeps budgets in Redis (see <see cref="RedisBudgetStore"/>) through the registered <see cref="IConnectionMultiplexer"/>,
    /// then adds the budget manager (<c>AddLlmBudgets</c>).
    /// </summary>
    public static IServiceCollection AddLlmRedisBudgetStore(this IServiceCollection services, string keyPrefix = RedisKeys.DefaultPrefix, Action<BudgetEnforcementOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(keyPrefix);
        services.Replace(ServiceDescriptor.Singleton<IBudgetStore>(sp => new RedisBudgetStore(sp.GetRequiredService<IConnectionMultiplexer>(), keyPrefix, sp.GetService<TimeProvider>())));
        return services.AddLlmBudgets(configure);
    }

    /// <summary>Keeps budgets in Redis through <paramref name="redis"/>, then adds the budget manager.</summary>
    public static IServiceCollection AddLlmRedisBudgetStore(this IServiceCollection services, IConnectionMultiplexer redis, string keyPrefix = RedisKeys.DefaultPrefix, Action<BudgetEnforcementOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(keyPrefix);
        services.Replace(ServiceDescriptor.Singleton<IBudgetStore>(sp => new RedisBudgetStore(redis, keyPrefix, sp.GetService<TimeProvider>())));
        return services.AddLlmBudgets(configure);
    }
}
