namespace LlmAbstraction.Redis;

/// <summary>The Lua scripts: each read-check-write runs atomically on the server.</summary>
internal static class RedisScripts
{
    /// <summary>Per deployment 6 keys (cooldown, inflight, rpm, tpm, latency list, ttft list) → their values.</summary>
    public const string ReadGroup = """
        local out = {}
        for i = 1, #KEYS, 6 do
          out[#out + 1] = redis.call('GET', KEYS[i]) or '0'
          out[#out + 1] = redis.call('GET', KEYS[i + 1]) or '0'
          out[#out + 1] = redis.call('GET', KEYS[i + 2]) or '0'
          out[#out + 1] = redis.call('GET', KEYS[i + 3]) or '0'
          out[#out + 1] = redis.call('LRANGE', KEYS[i + 4], 0, -1)
          out[#out + 1] = redis.call('LRANGE', KEYS[i + 5], 0, -1)
        end
        return out
        """;

    /// <summary>KEYS: rpm, tpm. ARGV: rpm limit (-1 none), tpm limit (-1 none), tokens, ttl seconds, enforce (1/0).</summary>
    public const string Reserve = """
        local r = tonumber(redis.call('GET', KEYS[1]) or '0')
        local t = tonumber(redis.call('GET', KEYS[2]) or '0')
        local rpm = tonumber(ARGV[1])
        local tpm = tonumber(ARGV[2])
        local tokens = tonumber(ARGV[3])
        if ARGV[5] == '1' then
          if rpm >= 0 and r + 1 > rpm then return 0 end
          if tpm >= 0 and t + tokens > tpm then return 0 end
        end
        redis.call('INCR', KEYS[1])
        redis.call('EXPIRE', KEYS[1], ARGV[4])
        redis.call('INCRBY', KEYS[2], tokens)
        redis.call('EXPIRE', KEYS[2], ARGV[4])
        return 1
        """;

    /// <summary>KEYS: tpm. ARGV: delta. Only an existing window is corrected; never below 0.</summary>
    public const string Reconcile = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        local v = redis.call('INCRBY', KEYS[1], ARGV[1])
        if v < 0 then redis.call('SET', KEYS[1], 0, 'KEEPTTL') end
        return 1
        """;

    /// <summary>KEYS: counter. ARGV: ttl seconds. Returns the new count.</summary>
    public const string Count = """
        local v = redis.call('INCR', KEYS[1])
        redis.call('EXPIRE', KEYS[1], ARGV[1])
        return v
        """;

    /// <summary>KEYS: inflight. Decrements, never below 0.</summary>
    public const string EndRequest = """
        local v = redis.call('DECR', KEYS[1])
        if v < 0 then redis.call('SET', KEYS[1], 0, 'KEEPTTL') end
        return v
        """;

    /// <summary>KEYS: cooldown. ARGV: until (Unix ms), ttl ms. A later cooldown already set is kept.</summary>
    public const string Cooldown = """
        local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
        if tonumber(ARGV[1]) > cur then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
        return 1
        """;

    /// <summary>KEYS: list. ARGV: sample ms, max samples, ttl seconds. A capped list, newest first.</summary>
    public const string Latency = """
        redis.call('LPUSH', KEYS[1], ARGV[1])
        redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
        redis.call('EXPIRE', KEYS[1], ARGV[3])
        return 1
        """;
}
