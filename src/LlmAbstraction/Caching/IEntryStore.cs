namespace LlmAbstraction.Caching;

/// <summary>The cache stage's view of a store: whole entries in and out (each read a fresh copy the caller may change).</summary>
internal interface IEntryStore
{
    ValueTask<CachedEntry?> GetAsync(string key, CancellationToken cancellationToken);

    ValueTask SetAsync(string key, CachedEntry entry, TimeSpan ttl, CancellationToken cancellationToken);
}

/// <summary>Entries serialized (JSON) into any byte store, e.g. Redis; entries larger than the limit are not written.</summary>
internal sealed class BytesEntryStore(ILlmCacheStore store, int maxEntrySize) : IEntryStore
{
    public async ValueTask<CachedEntry?> GetAsync(string key, CancellationToken cancellationToken)
        => await store.GetAsync(key, cancellationToken).ConfigureAwait(false) is { } bytes ? CachedEntry.Deserialize(bytes) : null;

    public ValueTask SetAsync(string key, CachedEntry entry, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var bytes = CachedEntry.Serialize(entry);
        return bytes.Length > maxEntrySize ? ValueTask.CompletedTask : store.SetAsync(key, bytes, ttl, cancellationToken);
    }
}
