namespace LlmAbstraction.Caching;

/// <summary>
/// The default store: in process, bounded by the total size of its entries (serialized bytes plus the key), evicting the
/// least recently used first; expiry follows the client's <see cref="TimeProvider"/>. Entries are kept decoded (a private
/// copy made at write time) and every read returns a deep copy, so a hit costs no JSON parsing.
/// </summary>
internal sealed class MemoryEntryStore(long sizeLimit, int maxEntrySize, TimeProvider time) : IEntryStore
{
    private const int EntryOverhead = 96;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<Item>> _items = new(StringComparer.Ordinal);
    private readonly LinkedList<Item> _recency = new();
    private long _size;

    public int Count { get { lock (_gate) return _items.Count; } }

    public long Size { get { lock (_gate) return _size; } }

    public ValueTask<CachedEntry?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        CachedEntry entry;
        lock (_gate)
        {
            if (!_items.TryGetValue(key, out var node)) return default;
            if (node.Value.Expires <= now)
            {
                Remove(node);
                return default;
            }
            if (node != _recency.First) { _recency.Remove(node); _recency.AddFirst(node); }
            entry = node.Value.Entry;
        }
        return new(EntryCloner.Clone(entry));
    }

    public ValueTask SetAsync(string key, CachedEntry entry, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var bytes = CachedEntry.Serialize(entry);
        var size = bytes.Length + (key.Length * 2L) + EntryOverhead;
        if (bytes.Length > maxEntrySize || size > sizeLimit) return ValueTask.CompletedTask;
        var item = new Item(key, CachedEntry.Deserialize(bytes)!, time.GetUtcNow() + ttl, size); // a private copy: the caller keeps the original
        lock (_gate)
        {
            if (_items.TryGetValue(key, out var existing)) Remove(existing);
            _items[key] = _recency.AddFirst(item);
            _size += item.Size;
            while (_size > sizeLimit && _recency.Last is { } oldest) Remove(oldest);
        }
        return ValueTask.CompletedTask;
    }

    private void Remove(LinkedListNode<Item> node)
    {
        _recency.Remove(node);
        _items.Remove(node.Value.Key);
        _size -= node.Value.Size;
    }

    private sealed record Item(string Key, CachedEntry Entry, DateTimeOffset Expires, long Size);
}
