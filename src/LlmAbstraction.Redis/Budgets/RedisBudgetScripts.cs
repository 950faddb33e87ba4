namespace LlmAbstraction.Redis.Budgets;

/// <summary>
/// The Lua scripts of <see cref="RedisBudgetStore"/>. Money is integer nano-USD (1e-9) in hash fields changed
/// only with HINCRBY (exact 64-bit); comparisons run in Lua doubles, exact below 2^53 nano-USD (about $9 million).
/// Bucket hash fields: <c>spent</c>, <c>reserved</c>, <c>ms:&lt;model&gt;</c>, <c>mr:&lt;model&gt;</c>, <c>t:&lt;threshold&gt;</c>.
/// </summary>
internal static class RedisBudgetScripts
{
    // KEYS: per charge, bucket then subject index. ARGV: per charge, amount, limit, model ('' = none), model limit (-1 = none), time to live in ms (0 = none).
    // Returns {0} when all were reserved, else {index, spent, reserved, 1 when a model cap refused}.
    public const string Reserve = """
        local function fits(spent, reserved, amount, limit)
          if amount > 0 then return spent + reserved + amount <= limit end
          return spent + reserved < limit
        end
        local n = #KEYS / 2
        for i = 1, n do
          local k = KEYS[2 * i - 1]
          local a = 5 * (i - 1)
          local amount = tonumber(ARGV[a + 1])
          local model = ARGV[a + 3]
          local mlimit = tonumber(ARGV[a + 4])
          local v = redis.call('HMGET', k, 'spent', 'reserved')
          if not fits(tonumber(v[1] or '0'), tonumber(v[2] or '0'), amount, tonumber(ARGV[a + 2])) then
            return {i, v[1] or '0', v[2] or '0', 0}
          end
          if model ~= '' and mlimit >= 0 then
            local mv = redis.call('HMGET', k, 'ms:' .. model, 'mr:' .. model)
            if not fits(tonumber(mv[1] or '0'), tonumber(mv[2] or '0'), amount, mlimit) then
              return {i, mv[1] or '0', mv[2] or '0', 1}
            end
          end
        end
        for i = 1, n do
          local k = KEYS[2 * i - 1]
          local a = 5 * (i - 1)
          redis.call('HINCRBY', k, 'reserved', ARGV[a + 1])
          if ARGV[a + 3] ~= '' then redis.call('HINCRBY', k, 'mr:' .. ARGV[a + 3], ARGV[a + 1]) end
          redis.call('SADD', KEYS[2 * i], k)
          if tonumber(ARGV[a + 5]) > 0 then redis.call('PEXPIRE', k, ARGV[a + 5]) end
        end
        return {0}
        """;

    // KEYS: per charge, bucket then subject index. ARGV: per charge, -amount, actual, model, time to live in ms (0 = none), threshold count m,
    // then m pairs (threshold name, spend in nano-USD at which it fires). Returns flat triples {index, threshold name, spent}.
    public const string Settle = """
        local out = {}
        local p = 1
        for i = 1, #KEYS / 2 do
          local k = KEYS[2 * i - 1]
          local neg, actual, model, expire, m = ARGV[p], ARGV[p + 1], ARGV[p + 2], tonumber(ARGV[p + 3]), tonumber(ARGV[p + 4])
          p = p + 5
          if redis.call('HINCRBY', k, 'reserved', neg) < 0 then redis.call('HSET', k, 'reserved', 0) end
          local spent = redis.call('HINCRBY', k, 'spent', actual)
          if model ~= '' then
            if redis.call('HINCRBY', k, 'mr:' .. model, neg) < 0 then redis.call('HSET', k, 'mr:' .. model, 0) end
            redis.call('HINCRBY', k, 'ms:' .. model, actual)
          end
          for j = 1, m do
            local name, at = ARGV[p], tonumber(ARGV[p + 1])
            p = p + 2
            if spent >= at and redis.call('HSETNX', k, 't:' .. name, 1) == 1 then
              table.insert(out, i)
              table.insert(out, name)
              table.insert(out, redis.call('HGET', k, 'spent'))
            end
          end
          redis.call('SADD', KEYS[2 * i], k)
          if expire > 0 then redis.call('PEXPIRE', k, expire) end
        end
        return out
        """;

    // KEYS[1]: bucket. Clears settled spend (total and per model) and fired thresholds; reservations stay.
    public const string Reset = """
        local fields = redis.call('HKEYS', KEYS[1])
        for _, f in ipairs(fields) do
          local head = string.sub(f, 1, 3)
          if head == 'ms:' then redis.call('HDEL', KEYS[1], f) end
          if string.sub(f, 1, 2) == 't:' then redis.call('HDEL', KEYS[1], f) end
        end
        if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'spent', 0) end
        return 1
        """;

    // KEYS[1]: definitions hash, KEYS[2]: subject index. ARGV[1]: subject. Deletes the definition and every bucket.
    public const string Delete = """
        for _, k in ipairs(redis.call('SMEMBERS', KEYS[2])) do redis.call('DEL', k) end
        redis.call('DEL', KEYS[2])
        return redis.call('HDEL', KEYS[1], ARGV[1])
        """;
}
