namespace LlmAbstraction.Budgets;

/// <summary>Keeps budgets and spend in this process's memory (lost on restart). The default store.</summary>
/// <remarks>Thread-safe: every operation takes one lock, so reservations are exact under any concurrency.</remarks>
public sealed class InMemoryBudgetStore : IBudgetStore
{
    private readonly BudgetLedger _ledger = new();
    private readonly Lock _lock = new();

    /// <inheritdoc/>
    public Task SetBudgetAsync(BudgetDefinition budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(budget);
        lock (_lock) _ledger.Set(budget);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<BudgetDefinition>> GetBudgetsAsync(IReadOnlyList<BudgetSubject> subjects, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        lock (_lock) return Task.FromResult<IReadOnlyList<BudgetDefinition>>(subjects.Select(_ledger.Get).OfType<BudgetDefinition>().ToList());
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<BudgetDefinition>> ListBudgetsAsync(CancellationToken cancellationToken)
    {
        lock (_lock) return Task.FromResult<IReadOnlyList<BudgetDefinition>>(_ledger.Budgets.ToList());
    }

    /// <inheritdoc/>
    public Task<bool> DeleteBudgetAsync(BudgetSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        lock (_lock) return Task.FromResult(_ledger.Delete(subject));
    }

    /// <inheritdoc/>
    public Task<BudgetUsage> GetUsageAsync(BudgetSubject subject, DateTimeOffset periodStart, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        lock (_lock) return Task.FromResult(_ledger.Usage(subject, periodStart));
    }

    /// <inheritdoc/>
    public Task<BudgetReserveResult> TryReserveAsync(IReadOnlyList<BudgetCharge> charges, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(charges);
        lock (_lock) return Task.FromResult(_ledger.TryReserve(charges));
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<BudgetThresholdCrossing>> SettleAsync(IReadOnlyList<BudgetCharge> charges, decimal actualCost, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(charges);
        lock (_lock) return Task.FromResult<IReadOnlyList<BudgetThresholdCrossing>>(_ledger.Settle(charges, actualCost));
    }

    /// <inheritdoc/>
    public Task ResetAsync(BudgetSubject subject, DateTimeOffset periodStart, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        lock (_lock) _ledger.Reset(subject, periodStart);
        return Task.CompletedTask;
    }
}
