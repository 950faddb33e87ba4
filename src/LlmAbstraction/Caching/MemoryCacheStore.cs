namespace LlmAbstraction.Caching;

/// <summary>
/// The default store: in process, bounded by the total size of its entries (serialized bytes plus the key), evicting the
/// least recently used entry first; expiry follows the client's <see cref="TimeProvider"/>.
/// </summary>
internal sealed class MemoryCacheStore(long sizeLimit, TimeProvider time) : ILlmCacheStore
{
    private const int EntryOverhead = 96;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<Item>> _items = new(StringComparer.Ordinal);
    private readonly LinkedList<Item> _recency = new();
    private long _size;

    public int Count { get { lock (_gate) return _items.Count; } }

    public long Size { get { lock (_gate) return _size; } }

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_items.TryGetValue(key, out var node)) return new((byte[]?)null);
            if (node.Value.Expires <= now)
            {
                Remove(node);
                return new((byte[]?)null);
            }
            if (node != _recency.First) { _recency.Remove(node); _recency.AddFirst(node); }
            return new(node.Value.Value);
        }
    }

    public ValueTask SetAsync(string key, byte[] value, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var item = new Item(key, value, time.GetUtcNow() + ttl, value.Length + (key.Length * 2L) + EntryOverhead);
        if (item.Size > sizeLimit) return ValueTask.CompletedTask;
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

    private sealed record Item(string Key, byte[] Value, DateTimeOffset Expires, long Size);
}
