using Microsoft.Extensions.Caching.Distributed;

namespace LlmAbstraction.Caching;

/// <summary>Adapts any <see cref="IDistributedCache"/> (Redis, SQL Server, HybridCache's L2…) to <see cref="ILlmCacheStore"/>.</summary>
internal sealed class DistributedCacheStore(IDistributedCache cache) : ILlmCacheStore
{
    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
        => await cache.GetAsync(key, cancellationToken).ConfigureAwait(false);

    public async ValueTask SetAsync(string key, byte[] value, TimeSpan ttl, CancellationToken cancellationToken)
        => await cache.SetAsync(key, value, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = ttl }, cancellationToken).ConfigureAwait(false);
}
