namespace LlmAbstraction.Budgets;

/// <summary>
/// The state of the in-process stores: definitions and spend buckets, with the reserve/settle rules.
/// Not thread-safe: the stores serialise access.
/// </summary>
internal sealed class BudgetLedger
{
    private readonly Dictionary<string, BudgetDefinition> _budgets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Bucket>> _buckets = new(StringComparer.Ordinal);

    public IEnumerable<BudgetDefinition> Budgets => _budgets.Values;

    public IEnumerable<(string Subject, Bucket Bucket)> Buckets => _buckets.SelectMany(p => p.Value.Select(b => (p.Key, b)));

    public void Set(BudgetDefinition budget) => _budgets[budget.Subject.ToString()] = budget;

    public BudgetDefinition? Get(BudgetSubject subject) => _budgets.GetValueOrDefault(subject.ToString());

    public bool Delete(BudgetSubject subject)
    {
        _buckets.Remove(subject.ToString());
        return _budgets.Remove(subject.ToString());
    }

    public BudgetUsage Usage(BudgetSubject subject, DateTimeOffset periodStart)
        => Find(subject.ToString(), periodStart) is { } b
            ? new BudgetUsage { Spent = b.Spent, Reserved = b.Reserved, ModelSpend = new Dictionary<string, decimal>(b.ModelSpent, StringComparer.OrdinalIgnoreCase) }
            : BudgetUsage.Empty;

    public BudgetReserveResult TryReserve(IReadOnlyList<BudgetCharge> charges)
    {
        foreach (var c in charges)
        {
            var b = Find(c.Subject.ToString(), c.PeriodStart);
            var spent = b?.Spent ?? 0m;
            var reserved = b?.Reserved ?? 0m;
            if (!BudgetCharge.Fits(spent, reserved, c.Amount, c.Limit))
                return new BudgetReserveResult { Refused = c, Spent = spent, ReservedAmount = reserved };
            if (c.Model is { } model && c.ModelLimit is { } cap)
            {
                var ms = b?.ModelSpent.GetValueOrDefault(model) ?? 0m;
                var mr = b?.ModelReserved.GetValueOrDefault(model) ?? 0m;
                if (!BudgetCharge.Fits(ms, mr, c.Amount, cap))
                    return new BudgetReserveResult { Refused = c, RefusedByModelLimit = true, Spent = ms, ReservedAmount = mr };
            }
        }
        foreach (var c in charges)
        {
            var b = GetOrAdd(c.Subject.ToString(), c.PeriodStart);
            b.Reserved += c.Amount;
            if (c.Model is { } model) b.ModelReserved[model] = b.ModelReserved.GetValueOrDefault(model) + c.Amount;
        }
        return BudgetReserveResult.Reserved;
    }

    public List<BudgetThresholdCrossing> Settle(IReadOnlyList<BudgetCharge> charges, decimal actual)
    {
        var crossings = new List<BudgetThresholdCrossing>();
        foreach (var c in charges)
        {
            var b = GetOrAdd(c.Subject.ToString(), c.PeriodStart);
            b.Reserved = Math.Max(0m, b.Reserved - c.Amount);
            b.Spent += actual;
            if (c.Model is { } model)
            {
                b.ModelReserved[model] = Math.Max(0m, b.ModelReserved.GetValueOrDefault(model) - c.Amount);
                b.ModelSpent[model] = b.ModelSpent.GetValueOrDefault(model) + actual;
            }
            foreach (var t in c.SoftThresholds)
                if (b.Spent >= t * c.Limit && b.Fired.Add(t)) crossings.Add(new BudgetThresholdCrossing(c, t, b.Spent));
        }
        return crossings;
    }

    public void Reset(BudgetSubject subject, DateTimeOffset periodStart)
    {
        if (Find(subject.ToString(), periodStart) is not { } b) return;
        b.Spent = 0m;
        b.ModelSpent.Clear();
        b.Fired.Clear();
    }

    /// <summary>Restores a persisted bucket (no reservations: they belonged to calls of an earlier process).</summary>
    public void Restore(string subject, DateTimeOffset periodStart, decimal spent, IReadOnlyDictionary<string, decimal>? modelSpend, IEnumerable<decimal>? fired)
    {
        var b = GetOrAdd(subject, periodStart);
        b.Spent = spent;
        foreach (var (m, v) in modelSpend ?? new Dictionary<string, decimal>()) b.ModelSpent[m] = v;
        foreach (var t in fired ?? []) b.Fired.Add(t);
    }

    private Bucket? Find(string subject, DateTimeOffset start)
        => _buckets.TryGetValue(subject, out var list) ? list.Find(b => b.PeriodStart == start) : null;

    // A bucket for a newer period rolls the subject over: older buckets go once no call still holds a reservation in them.
    private Bucket GetOrAdd(string subject, DateTimeOffset start)
    {
        if (!_buckets.TryGetValue(subject, out var list)) _buckets[subject] = list = [];
        if (list.Find(b => b.PeriodStart == start) is { } found) return found;
        var bucket = new Bucket(start);
        list.Add(bucket);
        var newest = list.Max(b => b.PeriodStart);
        list.RemoveAll(b => b.PeriodStart < newest && b.Reserved == 0m && !ReferenceEquals(b, bucket));
        return bucket;
    }

    internal sealed class Bucket(DateTimeOffset periodStart)
    {
        public DateTimeOffset PeriodStart { get; } = periodStart;
        public decimal Spent { get; set; }
        public decimal Reserved { get; set; }
        public Dictionary<string, decimal> ModelSpent { get; } = new(StringComparer.OrdinalIgnoreCase);
        public Dictionary<string, decimal> ModelReserved { get; } = new(StringComparer.OrdinalIgnoreCase);
        public HashSet<decimal> Fired { get; } = [];
    }
}
