namespace LlmAbstraction.Budgets;

/// <summary>Which budget refused a call, and why.</summary>
public sealed record BudgetExceededDetails
{
    /// <summary>The budget's subject.</summary>
    public required BudgetSubject Subject { get; init; }

    /// <summary>The model cap that refused the call, or <see langword="null"/> when the budget's total did.</summary>
    public string? Model { get; init; }

    /// <summary>Settled spend in the period (of the model, for a model cap), USD.</summary>
    public required decimal Spent { get; init; }

    /// <summary>Held by calls in flight, USD.</summary>
    public required decimal Reserved { get; init; }

    /// <summary>The limit (total, or the model cap), USD.</summary>
    public required decimal Limit { get; init; }

    /// <summary>The most the refused call could have cost, USD.</summary>
    public required decimal RequestedCost { get; init; }

    /// <summary>When the period ends and the spend resets, or <see langword="null"/> for a lifetime budget.</summary>
    public required DateTimeOffset? PeriodEnd { get; init; }
}
