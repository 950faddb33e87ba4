namespace LlmAbstraction.Caching;

/// <summary>
/// The default semantic index: per scope, a bounded list of unit vectors scanned linearly (exact nearest neighbour).
/// Suits thousands of prompts per scope; beyond that plug a vector database through <see cref="ISemanticCacheIndex"/>.
/// </summary>
internal sealed class MemorySemanticIndex(int maxEntriesPerScope, TimeProvider time, int maxScopes = 10_000) : ISemanticCacheIndex
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<Entry>> _scopes = new(StringComparer.Ordinal);

    public ValueTask<SemanticCacheMatch?> FindNearestAsync(string scope, ReadOnlyMemory<float> vector, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        SemanticCacheMatch? best = null;
        lock (_gate)
        {
            if (!_scopes.TryGetValue(scope, out var entries)) return new(best);
            foreach (var e in entries)
            {
                if (e.Expires <= now) continue;
                var similarity = VectorMath.Dot(e.Vector, vector.Span);
                if (best is null || similarity > best.Similarity) best = new SemanticCacheMatch(e.Key, similarity);
            }
        }
        return new(best);
    }

    public ValueTask AddAsync(string scope, ReadOnlyMemory<float> vector, string entryKey, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_scopes.TryGetValue(scope, out var entries))
            {
                if (_scopes.Count >= maxScopes) EvictScopes(now);
                _scopes[scope] = entries = [];
            }
            entries.RemoveAll(e => e.Expires <= now || e.Key == entryKey);
            if (entries.Count >= maxEntriesPerScope) entries.RemoveRange(0, entries.Count - maxEntriesPerScope + 1);
            entries.Add(new Entry(entryKey, vector.ToArray(), expires));
        }
        return ValueTask.CompletedTask;
    }

    private void EvictScopes(DateTimeOffset now)
    {
        foreach (var (scope, entries) in _scopes)
        {
            entries.RemoveAll(e => e.Expires <= now);
            if (entries.Count == 0) _scopes.Remove(scope);
        }
        if (_scopes.Count >= maxScopes) _scopes.Remove(_scopes.Keys.First());
    }

    private sealed record Entry(string Key, float[] Vector, DateTimeOffset Expires);
}
