namespace LlmAbstraction;

/// <summary>
/// The response cache (<see cref="LlmClientOptions.Cache"/>). Off by default. When on, identical requests
/// from the same tenant are answered from a store (in memory unless another is plugged in), marked as a
/// cache hit and costing nothing; a semantic layer can also answer near-identical prompts.
/// </summary>
/// <remarks>
/// The key covers the resolved model, every parameter that changes the output (messages, tools, tool choice,
/// response format, sampling parameters, stop, n, penalties, reasoning effort, logprobs, provider extras), the
/// namespace and the tenant scope. It never covers metadata, timeouts, retries or fallbacks, and it never
/// contains an API key: only a SHA-256 digest of it is mixed into the hash.
/// </remarks>
public sealed class CacheOptions
{
    /// <summary>Turns the cache on.</summary>
    /// <value>Default: false.</value>
    public bool Enabled { get; set; }

    /// <summary>Which calls are cached.</summary>
    /// <value>Default: <see cref="CacheCallTypes.All"/> (completions, streams and embeddings).</value>
    public CacheCallTypes CallTypes { get; set; } = CacheCallTypes.All;

    /// <summary>How long an entry lives unless the request sets <see cref="CacheControlOptions.Ttl"/>.</summary>
    /// <value>Default: 10 minutes.</value>
    public TimeSpan DefaultTtl { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A namespace mixed into every key (and used as a key prefix), unless the request sets its own.</summary>
    /// <value>Default: null (no namespace).</value>
    public string? Namespace { get; set; }

    /// <summary>Who may share entries.</summary>
    /// <value>Default: <see cref="CacheTenantScope.PerCaller"/>.</value>
    public CacheTenantScope TenantScope { get; set; } = CacheTenantScope.PerCaller;

    /// <summary>
    /// A metadata key (see <see cref="ChatCompletionRequest.Metadata"/>) whose value names the tenant; it is added to the
    /// tenant scope when <see cref="TenantScope"/> is <see cref="CacheTenantScope.PerCaller"/>.
    /// </summary>
    /// <value>Default: null.</value>
    public string? TenantMetadataKey { get; set; }

    /// <summary>The size bound of the default in-memory store, in bytes of serialized entries; least recently used entries go first.</summary>
    /// <value>Default: 64 MiB.</value>
    public long MemorySizeLimit { get; set; } = 64L * 1024 * 1024;

    /// <summary>Entries larger than this (serialized) are not stored.</summary>
    /// <value>Default: 1 MiB.</value>
    public int MaxEntrySize { get; set; } = 1024 * 1024;

    /// <summary>The longest a store read or write may take before the call gives up on the cache and goes on without it.</summary>
    /// <value>Default: 1 second.</value>
    public TimeSpan StoreTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The semantic layer: answers prompts whose embedding is close enough to a cached one.</summary>
    public SemanticCacheOptions Semantic { get; set; } = new();

    internal IEnumerable<string> Validate()
    {
        if (!Enabled) yield break;
        if (DefaultTtl <= TimeSpan.Zero) yield return "Cache:DefaultTtl must be positive.";
        if (MemorySizeLimit < 1) yield return "Cache:MemorySizeLimit must be positive.";
        if (MaxEntrySize < 1) yield return "Cache:MaxEntrySize must be positive.";
        if (StoreTimeout <= TimeSpan.Zero) yield return "Cache:StoreTimeout must be positive.";
        if (Semantic is null) { yield return "Cache:Semantic: settings are missing."; yield break; }
        if (!Semantic.Enabled) yield break;
        if (string.IsNullOrWhiteSpace(Semantic.EmbeddingModel)) yield return "Cache:Semantic:EmbeddingModel is required when the semantic cache is on.";
        if (Semantic.SimilarityThreshold is <= 0 or > 1 || double.IsNaN(Semantic.SimilarityThreshold)) yield return "Cache:Semantic:SimilarityThreshold must be in (0, 1].";
        if (Semantic.MaxEntriesPerScope < 1) yield return "Cache:Semantic:MaxEntriesPerScope must be positive.";
    }
}

/// <summary>The calls the cache answers.</summary>
[Flags]
public enum CacheCallTypes
{
    /// <summary>Nothing.</summary>
    None = 0,
    /// <summary>Chat completions (not streamed).</summary>
    Completion = 1,
    /// <summary>Streamed chat completions (served as a replayed stream).</summary>
    Streaming = 2,
    /// <summary>Embeddings, per input item.</summary>
    Embeddings = 4,
    /// <summary>Everything.</summary>
    All = Completion | Streaming | Embeddings,
}

/// <summary>Who may read an entry another caller wrote.</summary>
public enum CacheTenantScope
{
    /// <summary>
    /// Only a caller with the same identity: the request's <c>user</c>, a digest of its per-request API key, and the
    /// value of <see cref="CacheOptions.TenantMetadataKey"/> when configured.
    /// </summary>
    PerCaller,
    /// <summary>Every caller of the client (or of the shared store) shares entries.</summary>
    Shared,
}
