using LlmAbstraction.Caching;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using StackExchange.Redis;

namespace LlmAbstraction.Redis;

/// <summary>Plugs Redis into the response cache: answers through Microsoft.Extensions.Caching.StackExchangeRedis, prompt vectors through <see cref="RedisSemanticIndex"/>.</summary>
public static class RedisCacheBuilderExtensions
{
    /// <summary>
    /// Stores cached answers in Redis (shared by every process using the same server and <paramref name="instanceName"/>).
    /// Caching itself is turned on with <see cref="CacheOptions.Enabled"/>.
    /// </summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="configuration">A StackExchange.Redis configuration string, e.g. <c>localhost:6379,abortConnect=false</c>.</param>
    /// <param name="instanceName">A prefix for every key.</param>
    public static LlmClientBuilder UseRedisCache(this LlmClientBuilder builder, string configuration, string instanceName = RedisKeys.DefaultPrefix)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        return builder.UseDistributedCache(new RedisCache(new RedisCacheOptions { Configuration = configuration, InstanceName = instanceName }));
    }

    /// <summary>Stores cached answers in Redis through an existing connection.</summary>
    public static LlmClientBuilder UseRedisCache(this LlmClientBuilder builder, IConnectionMultiplexer connection, string instanceName = RedisKeys.DefaultPrefix)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(connection);
        return builder.UseDistributedCache(new RedisCache(new RedisCacheOptions
        {
            ConnectionMultiplexerFactory = () => Task.FromResult(connection),
            InstanceName = instanceName,
        }));
    }

    /// <summary>Keeps the semantic cache's prompt vectors in Redis (a plain server, no modules): see <see cref="RedisSemanticIndex"/>.</summary>
    public static LlmClientBuilder UseRedisSemanticIndex(this LlmClientBuilder builder, IConnectionMultiplexer connection, string prefix = RedisKeys.DefaultPrefix)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(connection);
        return builder.UseSemanticCacheIndex(new RedisSemanticIndex(connection, builder.Options.Cache.Semantic.MaxEntriesPerScope, prefix));
    }
}
