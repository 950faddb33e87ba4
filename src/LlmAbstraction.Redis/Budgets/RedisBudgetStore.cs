using System.Globalization;
using LlmAbstraction.Budgets;
using StackExchange.Redis;

namespace LlmAbstraction.Redis.Budgets;

/// <summary>
/// Keeps budgets and spend in Redis so several processes share them. Reservations and settlements are single Lua
/// scripts (atomic across all of a call's budgets); soft thresholds fire once across all processes.
/// </summary>
/// <remarks>
/// Money is stored as integer nano-USD (reservations rounded up, costs to the nearest nano-dollar). Keys are
/// <c>{prefix}budgets:{b}:…</c> (one hash slot, so the scripts also run on Redis Cluster) and never contain an API
/// key: key budgets are named by a SHA-256 digest. A bucket expires 7 days after its period ends (at least 7 days after
/// its last change, by the store's <see cref="TimeProvider"/>). Redis commands are
/// bounded by the connection's timeouts; a reservation already sent is not abandoned on cancellation (it would leak).
/// A process that dies mid-call leaves its reservation held until the period ends.
/// </remarks>
public sealed class RedisBudgetStore : IBudgetStore
{
    private const decimal NanosPerUsd = 1_000_000_000m;
    private static readonly TimeSpan Retention = TimeSpan.FromDays(7);
    private readonly IConnectionMultiplexer _redis;
    private readonly string _root;
    private readonly TimeProvider _time;

    /// <summary>Uses <paramref name="redis"/>, with keys under <paramref name="keyPrefix"/>; <paramref name="timeProvider"/> dates the buckets' expiry.</summary>
    public RedisBudgetStore(IConnectionMultiplexer redis, string keyPrefix = RedisKeys.DefaultPrefix, TimeProvider? timeProvider = null)
    {
        _redis = redis ?? throw new ArgumentNullException(nameof(redis));
        ArgumentNullException.ThrowIfNull(keyPrefix);
        _root = RedisKeys.Key(keyPrefix, "budgets", "{b}:");
        _time = timeProvider ?? TimeProvider.System;
    }

    private IDatabase Db => _redis.GetDatabase();
    private RedisKey Definitions => _root + "defs";
    private RedisKey Index(BudgetSubject s) => _root + "idx:" + s;
    private RedisKey Bucket(BudgetSubject s, DateTimeOffset start) => _root + "use:" + s + ":" + start.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public async Task SetBudgetAsync(BudgetDefinition budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(budget);
        cancellationToken.ThrowIfCancellationRequested();
        await Db.HashSetAsync(Definitions, budget.Subject.ToString(), BudgetJson.Serialize(budget)).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<BudgetDefinition>> GetBudgetsAsync(IReadOnlyList<BudgetSubject> subjects, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        if (subjects.Count == 0) return [];
        cancellationToken.ThrowIfCancellationRequested();
        var values = await Db.HashGetAsync(Definitions, subjects.Select(s => (RedisValue)s.ToString()).ToArray()).ConfigureAwait(false);
        return values.Where(v => v.HasValue).Select(v => BudgetJson.Deserialize(v.ToString())).ToList();
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<BudgetDefinition>> ListBudgetsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var values = await Db.HashValuesAsync(Definitions).ConfigureAwait(false);
        return values.Select(v => BudgetJson.Deserialize(v.ToString())).ToList();
    }

    /// <inheritdoc/>
    public async Task<bool> DeleteBudgetAsync(BudgetSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        cancellationToken.ThrowIfCancellationRequested();
        var removed = await Db.ScriptEvaluateAsync(RedisBudgetScripts.Delete, [Definitions, Index(subject)], [subject.ToString()]).ConfigureAwait(false);
        return (long)removed == 1;
    }

    /// <inheritdoc/>
    public async Task<BudgetUsage> GetUsageAsync(BudgetSubject subject, DateTimeOffset periodStart, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        cancellationToken.ThrowIfCancellationRequested();
        var fields = await Db.HashGetAllAsync(Bucket(subject, periodStart)).ConfigureAwait(false);
        decimal spent = 0m, reserved = 0m;
        var models = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        foreach (var f in fields)
        {
            var name = f.Name.ToString();
            if (name == "spent") spent = Usd(f.Value);
            else if (name == "reserved") reserved = Usd(f.Value);
            else if (name.StartsWith("ms:", StringComparison.Ordinal)) models[name[3..]] = Usd(f.Value);
        }
        return new BudgetUsage { Spent = spent, Reserved = reserved, ModelSpend = models };
    }

    /// <inheritdoc/>
    public async Task<BudgetReserveResult> TryReserveAsync(IReadOnlyList<BudgetCharge> charges, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(charges);
        if (charges.Count == 0) return BudgetReserveResult.Reserved;
        cancellationToken.ThrowIfCancellationRequested();
        var keys = new List<RedisKey>(charges.Count * 2);
        var args = new List<RedisValue>(charges.Count * 5);
        foreach (var c in charges)
        {
            keys.Add(Bucket(c.Subject, c.PeriodStart));
            keys.Add(Index(c.Subject));
            args.Add(Nanos(c.Amount, up: true));
            args.Add(Nanos(c.Limit));
            args.Add(c.Model ?? "");
            args.Add(c.ModelLimit is { } cap ? Nanos(cap) : -1);
            args.Add(ExpireIn(c));
        }
        var reply = (RedisResult[])(await Db.ScriptEvaluateAsync(RedisBudgetScripts.Reserve, [.. keys], [.. args]).ConfigureAwait(false))!;
        var index = (int)reply[0];
        if (index == 0) return BudgetReserveResult.Reserved;
        return new BudgetReserveResult
        {
            Refused = charges[index - 1],
            Spent = Usd((RedisValue)reply[1]),
            ReservedAmount = Usd((RedisValue)reply[2]),
            RefusedByModelLimit = (int)reply[3] == 1,
        };
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<BudgetThresholdCrossing>> SettleAsync(IReadOnlyList<BudgetCharge> charges, decimal actualCost, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(charges);
        if (charges.Count == 0) return [];
        var keys = new List<RedisKey>(charges.Count * 2);
        var args = new List<RedisValue>();
        var actual = Nanos(actualCost);
        foreach (var c in charges)
        {
            keys.Add(Bucket(c.Subject, c.PeriodStart));
            keys.Add(Index(c.Subject));
            args.Add(-Nanos(c.Amount, up: true));
            args.Add(actual);
            args.Add(c.Model ?? "");
            args.Add(ExpireIn(c));
            args.Add(c.SoftThresholds.Count);
            foreach (var t in c.SoftThresholds)
            {
                args.Add(t.ToString("0.############################", CultureInfo.InvariantCulture));
                args.Add(Nanos(t * c.Limit, up: true));
            }
        }
        var reply = (RedisResult[])(await Db.ScriptEvaluateAsync(RedisBudgetScripts.Settle, [.. keys], [.. args]).ConfigureAwait(false))!;
        var crossings = new List<BudgetThresholdCrossing>(reply.Length / 3);
        for (var i = 0; i + 2 < reply.Length; i += 3)
            crossings.Add(new BudgetThresholdCrossing(charges[(int)reply[i] - 1],
                decimal.Parse(reply[i + 1].ToString()!, NumberStyles.Float, CultureInfo.InvariantCulture), Usd((RedisValue)reply[i + 2])));
        return crossings;
    }

    /// <inheritdoc/>
    public async Task ResetAsync(BudgetSubject subject, DateTimeOffset periodStart, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        cancellationToken.ThrowIfCancellationRequested();
        await Db.ScriptEvaluateAsync(RedisBudgetScripts.Reset, [Bucket(subject, periodStart)]).ConfigureAwait(false);
    }

    // Relative, so the expiry follows the store's clock rather than the Redis server's.
    private long ExpireIn(BudgetCharge c)
        => c.PeriodEnd is { } end ? (long)Math.Max((end + Retention - _time.GetUtcNow()).TotalMilliseconds, Retention.TotalMilliseconds) : 0;

    /// <exception cref="OverflowException">The amount exceeds what the store can hold (about 9.2 billion USD).</exception>
    internal static long Nanos(decimal usd, bool up = false)
    {
        var scaled = usd * NanosPerUsd;
        return (long)(up ? Math.Ceiling(scaled) : Math.Round(scaled, MidpointRounding.AwayFromZero));
    }

    private static decimal Usd(RedisValue value) => value.IsNullOrEmpty ? 0m : (long)value / NanosPerUsd;
}
