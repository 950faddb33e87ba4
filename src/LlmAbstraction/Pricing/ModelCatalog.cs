using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using LlmAbstraction.Providers;

namespace LlmAbstraction.Pricing;

/// <summary>
/// The model catalogue: limits, capability flags and prices of about 2,500 models, built into the
/// assembly (generated from LiteLLM's public price map, no download), plus entries registered at run time.
/// </summary>
/// <remarks>
/// The built-in table is parsed lazily on first use and shared. Lookups are cached and thread-safe.
/// A name is resolved by exact key (<c>provider/model</c>, then the bare model whose provider matches),
/// then by the documented normalizations of <see cref="ModelNameNormalizer"/>; never by substring.
/// </remarks>
public sealed partial class ModelCatalog : IModelInfoProvider
{
    private const int MaxCachedLookups = 10_000;
    private static readonly Lazy<EntryTable> BuiltIn = new(CompactCatalogReader.IndexEmbedded);
    private static readonly Lazy<ModelCatalog> DefaultCatalog = new(() => new ModelCatalog(BuiltIn));

    private readonly Lazy<EntryTable> _entries;
    private readonly ConcurrentDictionary<string, ModelInfo> _registered = new(StringComparer.OrdinalIgnoreCase);
    private volatile LookupCache _lookups = NewLookupCache();

    private ModelCatalog(Lazy<EntryTable> entries) => _entries = entries;

    /// <summary>The shared catalogue with the built-in entries. Entries registered on it are seen by every user of <see cref="Default"/>.</summary>
    public static ModelCatalog Default => DefaultCatalog.Value;

    /// <summary>A new catalogue with the built-in entries and its own registrations.</summary>
    public static ModelCatalog CreateDefault() => new(BuiltIn);

    /// <summary>A new catalogue with no entries (register your own).</summary>
    public static ModelCatalog CreateEmpty() => new(new Lazy<EntryTable>(EntryTable.Empty));

    /// <summary>A catalogue holding exactly the entries of a LiteLLM-format price map (unknown fields ignored, numeric strings accepted).</summary>
    /// <exception cref="FormatException">The stream is not a LiteLLM price map.</exception>
    public static ModelCatalog FromLiteLlmJson(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var entries = LiteLlmPriceMapReader.Read(json);
        return new(new Lazy<EntryTable>(EntryTable.FromEntries(entries)));
    }

    /// <summary>The number of entries (built-in and registered; a registration replacing a built-in entry counts once).</summary>
    public int Count => _entries.Value.Count + _registered.Keys.Count(k => !_entries.Value.ContainsKey(k));

    /// <summary>The entry for <paramref name="model"/> as a provider named it, or <see langword="null"/>.</summary>
    /// <param name="provider">The provider's registry name (<c>openai</c>, <c>anthropic</c>, <c>vertex_ai</c>, …), or <see langword="null"/> when unknown.</param>
    /// <param name="model">The model name, bare (<c>claude-sonnet-4-5-20250929</c>) or prefixed (<c>anthropic/claude-sonnet-4-5</c>).</param>
    public ModelInfo? Find(string? provider, string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var cache = _lookups;
        if (cache.TryGet(provider ?? "", model, out var hit)) return hit;
        var found = Resolve(string.IsNullOrEmpty(provider) ? null : provider, model);
        cache.Add(provider ?? "", model, found);
        return found;
    }

    /// <summary>The entry for a model string (<c>gpt-4o</c>, <c>anthropic/claude-sonnet-4-5</c>), or <see langword="null"/>.</summary>
    public ModelInfo? Find(string model) => Find(null, model);

    /// <summary>Looks up a model string (<c>gpt-4o</c>, <c>gemini/gemini-2.5-pro</c>).</summary>
    public bool TryGetModelInfo(string model, [NotNullWhen(true)] out ModelInfo? info) => (info = Find(null, model)) is not null;

    /// <summary>The entry for a model string (<c>gpt-4o</c>, <c>gemini/gemini-2.5-pro</c>): limits, flags and prices.</summary>
    /// <exception cref="KeyNotFoundException">The catalogue does not know the model.</exception>
    public ModelInfo GetModelInfo(string model)
        => Find(null, model) ?? throw new KeyNotFoundException($"The model catalogue has no entry for '{model}'. Register it with ModelCatalog.Register.");

    /// <summary>True when the catalogue states that <paramref name="model"/> supports every flag in <paramref name="capabilities"/> (unknown models support nothing).</summary>
    public bool Supports(string model, ModelCapabilities capabilities) => Find(null, model)?.Supports(capabilities) ?? false;

    /// <summary>True when the catalogue states that the provider's model supports every flag in <paramref name="capabilities"/>.</summary>
    public bool Supports(string? provider, string model, ModelCapabilities capabilities) => Find(provider, model)?.Supports(capabilities) ?? false;

    /// <inheritdoc/>
    /// <remarks>Falls back to the small built-in table of Anthropic limits for models newer than the catalogue.</remarks>
    public int? GetMaxOutputTokens(string provider, string model)
        => Find(provider, model)?.MaxOutputTokens ?? BuiltInModelInfo.Instance.GetMaxOutputTokens(provider, model);

    private ModelInfo? Resolve(string? provider, string model)
    {
        if (provider is null)
        {
            if (TryGet(model, out var exact)) return exact;
            var slash = model.IndexOf('/');
            if (slash > 0 && slash < model.Length - 1) return Resolve(model[..slash], model[(slash + 1)..]);
            foreach (var variant in ModelNameNormalizer.Variants(model))
                if (TryGet(variant, out var e)) return e;
            return null;
        }
        if (model.Length > provider.Length + 1 && model[provider.Length] == '/' && model.StartsWith(provider, StringComparison.OrdinalIgnoreCase))
            model = model[(provider.Length + 1)..];
        return Match(provider, model) ?? ModelNameNormalizer.Variants(model).Select(v => Match(provider, v)).FirstOrDefault(e => e is not null);
    }

    private ModelInfo? Match(string provider, string name)
    {
        if (TryGetMatching(string.Concat(provider, "/", name), provider, out var e)) return e;
        return TryGetMatching(name, provider, out e) ? e : null;
    }

    private bool TryGetMatching(string key, string provider, [NotNullWhen(true)] out ModelInfo? info)
    {
        if (_registered.TryGetValue(key, out info)) return true; // a registration is the caller's explicit word
        return _entries.Value.TryGetValue(key, out info) && ProviderMatcher.Matches(provider, info.Provider);
    }

    private bool TryGet(string key, [NotNullWhen(true)] out ModelInfo? info)
        => _registered.TryGetValue(key, out info) || _entries.Value.TryGetValue(key, out info);

    private void InvalidateLookups() => _lookups = NewLookupCache();

    // Reference-typed and ordinal on purpose (fast, shared generic code): another spelling of the same name misses
    // once, resolves case-insensitively, and is cached too. Bounded, so arbitrary names cannot grow it without limit.
    private static LookupCache NewLookupCache() => new();

    private sealed class LookupCache
    {
        private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, ModelInfo?>> _byProvider = new(StringComparer.Ordinal);
        private int _count;

        public bool TryGet(string provider, string model, out ModelInfo? info)
        {
            info = null;
            return _byProvider.TryGetValue(provider, out var models) && models.TryGetValue(model, out info);
        }

        public void Add(string provider, string model, ModelInfo? info)
        {
            if (Volatile.Read(ref _count) >= MaxCachedLookups) return;
            var models = _byProvider.GetOrAdd(provider, static _ => new ConcurrentDictionary<string, ModelInfo?>(StringComparer.Ordinal));
            if (models.TryAdd(model, info)) Interlocked.Increment(ref _count);
        }
    }
}
