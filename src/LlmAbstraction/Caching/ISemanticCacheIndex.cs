namespace LlmAbstraction.Caching;

/// <summary>
/// The vector index of the semantic cache: per scope (a hash of model, parameters, namespace and tenant), prompt
/// embeddings pointing at exact-cache keys. The default keeps them in memory; <c>LlmAbstraction.Redis</c> has one for a
/// plain Redis server.
/// </summary>
/// <remarks>Implementations must be thread-safe and may throw on failure; the cache stage then goes on without them.</remarks>
public interface ISemanticCacheIndex
{
    /// <summary>The stored prompt nearest to <paramref name="vector"/> (unit length) within <paramref name="scope"/>, or null when the scope is empty.</summary>
    ValueTask<SemanticCacheMatch?> FindNearestAsync(string scope, ReadOnlyMemory<float> vector, CancellationToken cancellationToken);

    /// <summary>Remembers that <paramref name="vector"/> (unit length) is answered by the cache entry <paramref name="entryKey"/>, until <paramref name="expires"/>.</summary>
    ValueTask AddAsync(string scope, ReadOnlyMemory<float> vector, string entryKey, DateTimeOffset expires, CancellationToken cancellationToken);
}

/// <summary>The nearest stored prompt of a scope.</summary>
/// <param name="EntryKey">The exact-cache key of its answer.</param>
/// <param name="Similarity">Cosine similarity to the looked-up prompt, in [-1, 1].</param>
public sealed record SemanticCacheMatch(string EntryKey, double Similarity);
