namespace LlmAbstraction;

/// <summary>
/// The semantic cache layer (<see cref="CacheOptions.Semantic"/>): when the exact key misses, the prompt is embedded
/// through the client's own embeddings API and the nearest cached prompt of the same model, parameters, namespace and
/// tenant answers if its cosine similarity reaches <see cref="SimilarityThreshold"/>.
/// </summary>
public sealed class SemanticCacheOptions
{
    /// <summary>Turns the semantic layer on (requires <see cref="CacheOptions.Enabled"/>).</summary>
    /// <value>Default: false.</value>
    public bool Enabled { get; set; }

    /// <summary>The embedding model used for prompts (any model string the client resolves, e.g. <c>openai/text-embedding-3-small</c>).</summary>
    /// <value>Default: null (required when enabled).</value>
    public string? EmbeddingModel { get; set; }

    /// <summary>The least cosine similarity that counts as a hit, in (0, 1].</summary>
    /// <value>Default: 0.95.</value>
    public double SimilarityThreshold { get; set; } = 0.95;

    /// <summary>The most prompts remembered per scope (model + parameters + namespace + tenant); the oldest go first.</summary>
    /// <value>Default: 1000.</value>
    public int MaxEntriesPerScope { get; set; } = 1000;
}
