using System.Runtime.InteropServices;
using LlmAbstraction.Caching;
using StackExchange.Redis;

namespace LlmAbstraction.Redis;

/// <summary>
/// A semantic-cache vector index on a plain Redis server (7.0+, no RediSearch module): one hash per scope
/// (<c>{prefix}semantic:{scope}</c>), a field per cached prompt holding its expiry and vector; a lookup reads the
/// scope's hash and computes cosine similarities in process.
/// </summary>
/// <remarks>
/// Trade-off: a lookup moves the whole scope (entries × (dimensions × 4 + 8) bytes; 1,000 prompts of 1,536 dimensions are
/// about 6 MB), exact but linear. Keep scopes small with <see cref="SemanticCacheOptions.MaxEntriesPerScope"/>, ask the
/// embedding model for fewer dimensions, or use a vector database through <see cref="ISemanticCacheIndex"/> for large
/// scopes. (Bucketing by a locality-sensitive hash would move less but miss some neighbours.) Fields expire with their
/// entries (checked on read and removed lazily); the hash itself expires with its newest entry.
/// </remarks>
public sealed class RedisSemanticIndex : ISemanticCacheIndex
{
    private const string AddScript = """
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < tonumber(ARGV[3]) then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
        return redis.call('HLEN', KEYS[1])
        """;

    private readonly IConnectionMultiplexer _connection;
    private readonly int _maxEntriesPerScope;
    private readonly string _prefix;
    private readonly TimeProvider _time;

    /// <summary>Creates the index over a connection.</summary>
    /// <param name="connection">The Redis connection.</param>
    /// <param name="maxEntriesPerScope">The most prompts kept per scope; the soonest to expire go first.</param>
    /// <param name="prefix">The key prefix.</param>
    /// <param name="timeProvider">The clock for expiry (default: the system clock).</param>
    public RedisSemanticIndex(IConnectionMultiplexer connection, int maxEntriesPerScope = 1000, string prefix = RedisKeys.DefaultPrefix, TimeProvider? timeProvider = null)
    {
        _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntriesPerScope, 1);
        _maxEntriesPerScope = maxEntriesPerScope;
        _prefix = prefix ?? throw new ArgumentNullException(nameof(prefix));
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public async ValueTask<SemanticCacheMatch?> FindNearestAsync(string scope, ReadOnlyMemory<float> vector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var db = _connection.GetDatabase();
        var key = Key(scope);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        SemanticCacheMatch? best = null;
        List<RedisValue>? expired = null;
        foreach (var field in await db.HashGetAllAsync(key).ConfigureAwait(false))
        {
            if (!TryRead(field.Value, out var expires, out var stored)) continue;
            if (expires <= now) { (expired ??= []).Add(field.Name); continue; }
            var similarity = VectorDot(stored, vector.Span);
            if (best is null || similarity > best.Similarity) best = new SemanticCacheMatch(field.Name!, similarity);
        }
        if (expired is not null) _ = db.HashDeleteAsync(key, expired.ToArray(), CommandFlags.FireAndForget);
        return best;
    }

    /// <inheritdoc/>
    public async ValueTask AddAsync(string scope, ReadOnlyMemory<float> vector, string entryKey, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(entryKey);
        var db = _connection.GetDatabase();
        var key = Key(scope);
        var ttl = Math.Max(1, (long)(expires - _time.GetUtcNow()).TotalMilliseconds);
        var count = (long)await db.ScriptEvaluateAsync(AddScript, [key], [entryKey, Encode(vector.Span, expires.ToUnixTimeMilliseconds()), ttl]).ConfigureAwait(false);
        if (count > _maxEntriesPerScope) await TrimAsync(db, key, count - _maxEntriesPerScope).ConfigureAwait(false);
    }

    private static async Task TrimAsync(IDatabase db, RedisKey key, long excess)
    {
        var fields = await db.HashGetAllAsync(key).ConfigureAwait(false);
        var oldest = fields
            .Select(f => (f.Name, Expires: TryRead(f.Value, out var e, out _) ? e : long.MinValue))
            .OrderBy(f => f.Expires)
            .Take((int)excess)
            .Select(f => f.Name)
            .ToArray();
        if (oldest.Length > 0) await db.HashDeleteAsync(key, oldest).ConfigureAwait(false);
    }

    private RedisKey Key(string scope) => RedisKeys.Key(_prefix, "semantic", scope);

    private static byte[] Encode(ReadOnlySpan<float> vector, long expires)
    {
        var bytes = new byte[8 + (vector.Length * sizeof(float))];
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 8), expires);
        MemoryMarshal.AsBytes(vector).CopyTo(bytes.AsSpan(8));
        return bytes;
    }

    private static bool TryRead(RedisValue value, out long expires, out ReadOnlySpan<float> vector)
    {
        ReadOnlyMemory<byte> bytes = value;
        vector = default;
        expires = 0;
        if (bytes.Length < 8 || (bytes.Length - 8) % sizeof(float) != 0) return false;
        expires = BitConverter.ToInt64(bytes.Span[..8]);
        vector = MemoryMarshal.Cast<byte, float>(bytes.Span[8..]);
        return true;
    }

    private static double VectorDot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length) return 0;
        double sum = 0;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }
}
