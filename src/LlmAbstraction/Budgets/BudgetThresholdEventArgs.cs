namespace LlmAbstraction.Budgets;

/// <summary>A budget's settled spend reached one of its soft thresholds (raised once per threshold per period).</summary>
public sealed class BudgetThresholdEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    public BudgetThresholdEventArgs(BudgetSubject subject, decimal threshold, decimal spent, decimal limit, DateTimeOffset? periodEnd)
    {
        Subject = subject ?? throw new ArgumentNullException(nameof(subject));
        Threshold = threshold;
        Spent = spent;
        Limit = limit;
        PeriodEnd = periodEnd;
    }

    /// <summary>The budget's subject.</summary>
    public BudgetSubject Subject { get; }

    /// <summary>The threshold reached, as a fraction of the limit (e.g. 0.8).</summary>
    public decimal Threshold { get; }

    /// <summary>The settled spend that reached it, USD.</summary>
    public decimal Spent { get; }

    /// <summary>The budget's limit, USD.</summary>
    public decimal Limit { get; }

    /// <summary>When the period ends, or <see langword="null"/> for a lifetime budget.</summary>
    public DateTimeOffset? PeriodEnd { get; }
}
