using LlmAbstraction.Budgets;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers budgets with dependency injection; <c>AddLlmClient</c> then enforces them.</summary>
public static class LlmBudgetServiceCollectionExtensions
{
    /// <summary>
    /// Adds a singleton <see cref="IBudgetManager"/> over the registered <see cref="IBudgetStore"/> (an
    /// <see cref="InMemoryBudgetStore"/> unless one was registered, e.g. by <c>AddLlmRedisBudgetStore</c>), using the
    /// registered <see cref="TimeProvider"/>. The client built by <c>AddLlmClient</c> enforces its budgets.
    /// </summary>
    public static IServiceCollection AddLlmBudgets(this IServiceCollection services, Action<BudgetEnforcementOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<BudgetEnforcementOptions>();
        if (configure is not null) options.Configure(configure);
        services.TryAddSingleton<IBudgetStore, InMemoryBudgetStore>();
        services.TryAddSingleton<IBudgetManager>(sp => new BudgetManager(
            sp.GetRequiredService<IBudgetStore>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetService<ILogger<BudgetManager>>()));
        return services;
    }

    /// <summary>Keeps budgets in a JSON file (see <see cref="FileBudgetStore"/>), then adds the budget manager.</summary>
    public static IServiceCollection AddLlmFileBudgetStore(this IServiceCollection services, string path, Action<BudgetEnforcementOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        services.Replace(ServiceDescriptor.Singleton<IBudgetStore>(new FileBudgetStore(path)));
        return services.AddLlmBudgets(configure);
    }
}
