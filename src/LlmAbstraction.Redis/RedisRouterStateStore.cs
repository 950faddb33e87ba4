using System.Globalization;
using LlmAbstraction.Routing;
using StackExchange.Redis;

namespace LlmAbstraction.Redis;

/// <summary>
/// An <see cref="IRouterStateStore"/> in Redis, so several processes share one rpm/tpm budget, one cooldown list,
/// in-flight counts and latency windows. Every read-check-write is one Lua script (atomic); rpm/tpm live in
/// per-minute counters and failures in per-window counters with a TTL; cooldowns are keys holding their end time,
/// with a TTL; latencies are capped lists with a TTL. A pick reads the whole group in one round trip.
/// </summary>
/// <remarks>
/// Window numbers and cooldown end times come from the router's <see cref="TimeProvider"/>; Redis TTLs only collect
/// garbage (and expire latency lists). Keys hold group names and deployment ids, never keys or secrets. The scripts
/// touch several keys of one deployment, so on Redis Cluster the keys of a deployment must share a slot (use a
/// <c>{hash tag}</c> in <see cref="RedisRouterStateStoreOptions.KeyPrefix"/>).
/// </remarks>
public sealed class RedisRouterStateStore : IRouterStateStore
{
    private const int MinuteTtlSeconds = 120;
    private readonly IDatabase _db;
    private readonly RouterRedisKeys _keys;
    private readonly RedisRouterStateStoreOptions _options;

    /// <summary>Creates the store on a connection.</summary>
    /// <param name="connection">The Redis connection (shared, long-lived).</param>
    /// <param name="options">Options; null for defaults.</param>
    public RedisRouterStateStore(IConnectionMultiplexer connection, RedisRouterStateStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _options = options ?? new RedisRouterStateStoreOptions();
        if (string.IsNullOrWhiteSpace(_options.KeyPrefix)) throw new ArgumentException("KeyPrefix must not be empty.", nameof(options));
        _db = connection.GetDatabase(_options.Database);
        _keys = new RouterRedisKeys(_options.KeyPrefix);
    }

    /// <inheritdoc/>
    public async ValueTask<RouterGroupState> GetStateAsync(DeploymentGroup group, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        var minute = RouterGroupState.MinuteOf(now);
        var keys = new RedisKey[group.Count * 6];
        for (var i = 0; i < group.Count; i++)
        {
            keys[i * 6] = _keys.Cooldown(group, i);
            keys[i * 6 + 1] = _keys.InFlight(group, i);
            keys[i * 6 + 2] = _keys.Requests(group, i, minute);
            keys[i * 6 + 3] = _keys.Tokens(group, i, minute);
            keys[i * 6 + 4] = _keys.Latency(group, i, false);
            keys[i * 6 + 5] = _keys.Latency(group, i, true);
        }
        var result = await _db.ScriptEvaluateAsync(RedisScripts.ReadGroup, keys).WaitAsync(cancellationToken).ConfigureAwait(false);
        return RedisGroupSnapshot.From((RedisResult[])result!, group.Count, minute);
    }

    /// <inheritdoc/>
    public async ValueTask BeginRequestAsync(DeploymentGroup group, int index, CancellationToken cancellationToken)
        => await _db.ScriptEvaluateAsync(RedisScripts.Count, [_keys.InFlight(group, index)], [Seconds(_options.InFlightTtl)]).WaitAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async ValueTask EndRequestAsync(DeploymentGroup group, int index, CancellationToken cancellationToken)
        => await _db.ScriptEvaluateAsync(RedisScripts.EndRequest, [_keys.InFlight(group, index)]).WaitAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async ValueTask<bool> TryReserveAsync(DeploymentGroup group, int index, long tokens, bool enforceLimits, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var minute = RouterGroupState.MinuteOf(now);
        var d = group[index];
        var result = await _db.ScriptEvaluateAsync(RedisScripts.Reserve,
            [_keys.Requests(group, index, minute), _keys.Tokens(group, index, minute)],
            [d.Rpm ?? -1, d.Tpm ?? -1, tokens, MinuteTtlSeconds, enforceLimits ? "1" : "0"]).WaitAsync(cancellationToken).ConfigureAwait(false);
        return (long)result == 1;
    }

    /// <inheritdoc/>
    public async ValueTask ReconcileTokensAsync(DeploymentGroup group, int index, long tokenDelta, long minute, CancellationToken cancellationToken)
    {
        if (tokenDelta == 0) return;
        await _db.ScriptEvaluateAsync(RedisScripts.Reconcile, [_keys.Tokens(group, index, minute)], [tokenDelta]).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<long> RecordFailureAsync(DeploymentGroup group, int index, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var bucket = now.UtcTicks / window.Ticks;
        var result = await _db.ScriptEvaluateAsync(RedisScripts.Count, [_keys.Failures(group, index, bucket)], [Seconds(window * 2)]).WaitAsync(cancellationToken).ConfigureAwait(false);
        return (long)result;
    }

    /// <inheritdoc/>
    public async ValueTask SetCooldownAsync(DeploymentGroup group, int index, DateTimeOffset until, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ttlMs = Math.Max(1, (long)Math.Ceiling((until - now).TotalMilliseconds)) + 1000;
        await _db.ScriptEvaluateAsync(RedisScripts.Cooldown, [_keys.Cooldown(group, index)], [until.ToUnixTimeMilliseconds(), ttlMs]).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask RecordLatencyAsync(DeploymentGroup group, int index, TimeSpan latency, bool timeToFirstToken, int maxSamples, TimeSpan ttl, DateTimeOffset now, CancellationToken cancellationToken)
        => await _db.ScriptEvaluateAsync(RedisScripts.Latency, [_keys.Latency(group, index, timeToFirstToken)],
            [latency.TotalMilliseconds.ToString("R", CultureInfo.InvariantCulture), maxSamples, Seconds(ttl)]).WaitAsync(cancellationToken).ConfigureAwait(false);

    private static long Seconds(TimeSpan t) => Math.Max(1, (long)Math.Ceiling(t.TotalSeconds));
}
