namespace LlmAbstraction.Budgets;

/// <summary>A budget's state in its current period.</summary>
public sealed record BudgetStatus
{
    /// <summary>The budget.</summary>
    public required BudgetDefinition Budget { get; init; }

    /// <summary>Settled spend in the current period, USD.</summary>
    public required decimal Spent { get; init; }

    /// <summary>Held by calls in flight (their maximum possible cost), USD.</summary>
    public required decimal Reserved { get; init; }

    /// <summary>What is left: limit − spent − reserved (never below zero).</summary>
    public decimal Remaining => Math.Max(0m, Budget.Limit - Spent - Reserved);

    /// <summary>Settled spend per model in the current period.</summary>
    public required IReadOnlyDictionary<string, decimal> ModelSpend { get; init; }

    /// <summary>When the current period started.</summary>
    public required DateTimeOffset PeriodStart { get; init; }

    /// <summary>When the current period ends (the spend resets), or <see langword="null"/> for a lifetime budget.</summary>
    public required DateTimeOffset? PeriodEnd { get; init; }
}
