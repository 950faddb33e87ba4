using LlmAbstraction.Budgets;
using LlmAbstraction.Caching;
using LlmAbstraction.Pipeline;
using LlmAbstraction.Providers;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;

namespace LlmAbstraction;

// Budgets and response caching.
public sealed partial class LlmClientBuilder
{
    private IBudgetManager? _budgets;
    private BudgetEnforcementOptions? _budgetOptions;
    private ILlmCacheStore? _cacheStore;
    private ISemanticCacheIndex? _semanticIndex;

    /// <summary>Stores cached answers in <paramref name="store"/> instead of the default in-memory store (used when <see cref="CacheOptions.Enabled"/>).</summary>
    public LlmClientBuilder UseCacheStore(ILlmCacheStore store)
    {
        _cacheStore = store ?? throw new ArgumentNullException(nameof(store));
        return this;
    }

    /// <summary>
    /// Enforces the budgets of <paramref name="budgets"/>: every call reserves its maximum cost in the budgets of its
    /// subjects (see <see cref="BudgetMetadataKeys"/>) before it is sent, is refused with <see cref="BudgetExceededException"/>
    /// when one cannot fit it, and settles to its actual cost when it ends.
    /// </summary>
    public LlmClientBuilder UseBudgets(IBudgetManager budgets, Action<BudgetEnforcementOptions>? configure = null)
    {
        var options = new BudgetEnforcementOptions();
        configure?.Invoke(options);
        return UseBudgets(budgets, options);
    }

    internal LlmClientBuilder UseBudgets(IBudgetManager budgets, BudgetEnforcementOptions options)
    {
        _budgets = budgets ?? throw new ArgumentNullException(nameof(budgets));
        if (options.DefaultMaxOutputTokens <= 0)
            throw new ArgumentOutOfRangeException(nameof(options), options.DefaultMaxOutputTokens, "BudgetEnforcementOptions.DefaultMaxOutputTokens must be positive.");
        _budgetOptions = options;
        return this;
    }

    /// <summary>
    /// Stores cached answers in any <see cref="IDistributedCache"/>, e.g. Redis through
    /// Microsoft.Extensions.Caching.StackExchangeRedis (or <c>HybridCache</c>'s backing store) to share them across processes.
    /// </summary>
    public LlmClientBuilder UseDistributedCache(IDistributedCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        return UseCacheStore(new DistributedCacheStore(cache));
    }

    /// <summary>Keeps the semantic cache's prompt vectors in <paramref name="index"/> instead of in memory (used when <see cref="SemanticCacheOptions.Enabled"/>).</summary>
    public LlmClientBuilder UseSemanticCacheIndex(ISemanticCacheIndex index)
    {
        _semanticIndex = index ?? throw new ArgumentNullException(nameof(index));
        return this;
    }

    private CacheStage BuildCacheStage(LlmHandler next, ModelResolver resolver)
    {
        var cache = Options.Cache;
        var index = cache.Semantic.Enabled ? _semanticIndex ?? new MemorySemanticIndex(cache.Semantic.MaxEntriesPerScope, _time) : null;
        var logger = _loggerFactory.CreateLogger("LlmAbstraction.Caching");
        IEntryStore entries = _cacheStore is null ? new MemoryEntryStore(cache.MemorySizeLimit, cache.MaxEntrySize, _time) : new BytesEntryStore(_cacheStore, cache.MaxEntrySize);
        var store = new GuardedStore(entries, index, cache, _time, logger);
        return new CacheStage(next, cache, new CacheKeys(resolver, cache), store, logger);
    }
}
