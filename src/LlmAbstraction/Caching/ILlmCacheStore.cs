namespace LlmAbstraction.Caching;

/// <summary>
/// Where cached answers live: opaque byte values under string keys, with a time to live. The default is a bounded
/// in-memory store; <see cref="LlmClientBuilder.UseDistributedCache"/> plugs any <c>IDistributedCache</c> (e.g. Redis).
/// </summary>
/// <remarks>
/// Implementations must be thread-safe. They may throw on failure (a server down, a timeout): the cache stage logs and
/// counts the error and the call goes on to the provider. Keys never contain secrets.
/// </remarks>
public interface ILlmCacheStore
{
    /// <summary>Reads a value, or null when there is none.</summary>
    ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Writes a value that expires after <paramref name="ttl"/>.</summary>
    ValueTask SetAsync(string key, byte[] value, TimeSpan ttl, CancellationToken cancellationToken);
}
