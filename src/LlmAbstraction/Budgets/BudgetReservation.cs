namespace LlmAbstraction.Budgets;

/// <summary>
/// Money held for a call in flight by <see cref="IBudgetManager.ReserveAsync"/>. Settle it exactly once with the
/// call's actual cost; later settlements are ignored.
/// </summary>
public sealed class BudgetReservation
{
    private readonly Func<decimal, CancellationToken, Task>? _settle;
    private int _settled;

    /// <summary>Creates a reservation that <paramref name="settle"/> finishes (for custom <see cref="IBudgetManager"/> implementations).</summary>
    public BudgetReservation(IReadOnlyList<BudgetSubject> subjects, decimal amount, Func<decimal, CancellationToken, Task>? settle)
    {
        Subjects = subjects ?? throw new ArgumentNullException(nameof(subjects));
        Amount = amount;
        _settle = settle;
    }

    /// <summary>A reservation that holds nothing (no budget applied).</summary>
    public static BudgetReservation None { get; } = new([], 0m, null);

    /// <summary>The subjects whose budgets hold the amount.</summary>
    public IReadOnlyList<BudgetSubject> Subjects { get; }

    /// <summary>The amount held in each of those budgets, USD.</summary>
    public decimal Amount { get; }

    /// <summary>True when no budget applied.</summary>
    public bool IsEmpty => Subjects.Count == 0;

    /// <summary>
    /// Releases the reservation and records <paramref name="actualCost"/> as spend; <see langword="null"/> (cost unknown)
    /// records the reserved amount. Pass <see cref="CancellationToken.None"/> unless the spend may be lost.
    /// </summary>
    public Task SettleAsync(decimal? actualCost, CancellationToken cancellationToken = default)
    {
        var cost = actualCost ?? Amount;
        if (cost < 0) throw new ArgumentOutOfRangeException(nameof(actualCost), cost, "A cost cannot be negative.");
        if (_settle is null || Interlocked.Exchange(ref _settled, 1) == 1) return Task.CompletedTask;
        return _settle(cost, cancellationToken);
    }
}
