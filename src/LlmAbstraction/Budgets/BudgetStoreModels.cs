namespace LlmAbstraction.Budgets;

/// <summary>One subject's share of a call, as handed to an <see cref="IBudgetStore"/>.</summary>
public sealed record BudgetCharge
{
    /// <summary>The budget's subject.</summary>
    public required BudgetSubject Subject { get; init; }
    /// <summary>The start of the period the charge belongs to (names the spend bucket).</summary>
    public required DateTimeOffset PeriodStart { get; init; }
    /// <summary>The end of that period (stores may expire the bucket after it), or <see langword="null"/> for a lifetime budget.</summary>
    public DateTimeOffset? PeriodEnd { get; init; }
    /// <summary>The budget's limit, USD.</summary>
    public required decimal Limit { get; init; }
    /// <summary>The model the spend is recorded under, or <see langword="null"/>.</summary>
    public string? Model { get; init; }
    /// <summary>The cap of <see cref="Model"/> in this budget, or <see langword="null"/> when uncapped.</summary>
    public decimal? ModelLimit { get; init; }
    /// <summary>The amount reserved (the call's maximum possible cost), USD; 0 when the cost cannot be known in advance.</summary>
    public required decimal Amount { get; init; }
    /// <summary>The budget's soft thresholds (fractions of <see cref="Limit"/>).</summary>
    public IReadOnlyList<decimal> SoftThresholds { get; init; } = [];

    /// <summary>
    /// Whether <paramref name="amount"/> fits on top of <paramref name="spent"/> and <paramref name="reserved"/>: a priced
    /// amount must stay within the limit; an unknown (zero) amount needs the budget not to be used up.
    /// </summary>
    public static bool Fits(decimal spent, decimal reserved, decimal amount, decimal limit)
        => amount > 0 ? spent + reserved + amount <= limit : spent + reserved < limit;
}

/// <summary>The spend in one subject's period.</summary>
public sealed record BudgetUsage
{
    /// <summary>No spend.</summary>
    public static BudgetUsage Empty { get; } = new();
    /// <summary>Settled spend, USD.</summary>
    public decimal Spent { get; init; }
    /// <summary>Reserved by calls in flight, USD.</summary>
    public decimal Reserved { get; init; }
    /// <summary>Settled spend per model.</summary>
    public IReadOnlyDictionary<string, decimal> ModelSpend { get; init; } = new Dictionary<string, decimal>();
}

/// <summary>The outcome of <see cref="IBudgetStore.TryReserveAsync"/>.</summary>
public sealed record BudgetReserveResult
{
    /// <summary>Every charge was reserved.</summary>
    public static BudgetReserveResult Reserved { get; } = new();
    /// <summary>The charge that did not fit (nothing was reserved), or <see langword="null"/> when all were reserved.</summary>
    public BudgetCharge? Refused { get; init; }
    /// <summary>True when the refusal came from the charge's model cap rather than the total.</summary>
    public bool RefusedByModelLimit { get; init; }
    /// <summary>The refusing bucket's settled spend (of the model, for a model cap), USD.</summary>
    public decimal Spent { get; init; }
    /// <summary>The refusing bucket's reservations (of the model, for a model cap), USD.</summary>
    public decimal ReservedAmount { get; init; }
}

/// <summary>A soft threshold newly crossed by a settlement.</summary>
/// <param name="Charge">The charge whose bucket crossed it.</param>
/// <param name="Threshold">The threshold (fraction of the limit).</param>
/// <param name="Spent">The settled spend after the settlement, USD.</param>
public sealed record BudgetThresholdCrossing(BudgetCharge Charge, decimal Threshold, decimal Spent);
