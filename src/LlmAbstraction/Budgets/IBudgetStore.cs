namespace LlmAbstraction.Budgets;

/// <summary>
/// Where budgets and their spend live: <see cref="InMemoryBudgetStore"/> (default), <see cref="FileBudgetStore"/>,
/// or the Redis store of <c>LlmAbstraction.Redis</c>. Implement it to keep budgets elsewhere.
/// </summary>
/// <remarks>
/// Spend is kept per subject and period, in a bucket named by the period's start: a charge for a newer period
/// starts from zero (that is the roll-over); a charge for an older period still settles into its own bucket.
/// <see cref="TryReserveAsync"/> must be atomic across all its charges (all or nothing), and
/// <see cref="SettleAsync"/> must report each soft threshold of a bucket at most once, also across processes
/// sharing the store. Implementations are thread-safe.
/// </remarks>
public interface IBudgetStore
{
    /// <summary>Creates or replaces a budget definition (its spend is kept).</summary>
    Task SetBudgetAsync(BudgetDefinition budget, CancellationToken cancellationToken);

    /// <summary>The definitions that exist among <paramref name="subjects"/>.</summary>
    Task<IReadOnlyList<BudgetDefinition>> GetBudgetsAsync(IReadOnlyList<BudgetSubject> subjects, CancellationToken cancellationToken);

    /// <summary>Every definition.</summary>
    Task<IReadOnlyList<BudgetDefinition>> ListBudgetsAsync(CancellationToken cancellationToken);

    /// <summary>Deletes a definition and its spend; returns whether it existed.</summary>
    Task<bool> DeleteBudgetAsync(BudgetSubject subject, CancellationToken cancellationToken);

    /// <summary>The spend of a subject in the period starting at <paramref name="periodStart"/> (zero when none).</summary>
    Task<BudgetUsage> GetUsageAsync(BudgetSubject subject, DateTimeOffset periodStart, CancellationToken cancellationToken);

    /// <summary>Reserves every charge if each fits its limit (and model cap), atomically; otherwise reserves nothing.</summary>
    Task<BudgetReserveResult> TryReserveAsync(IReadOnlyList<BudgetCharge> charges, CancellationToken cancellationToken);

    /// <summary>
    /// Releases each charge's reserved <see cref="BudgetCharge.Amount"/> and records <paramref name="actualCost"/> as
    /// spend (pass charges of amount 0 to record spend without a reservation). Returns the soft thresholds newly crossed.
    /// </summary>
    Task<IReadOnlyList<BudgetThresholdCrossing>> SettleAsync(IReadOnlyList<BudgetCharge> charges, decimal actualCost, CancellationToken cancellationToken);

    /// <summary>Sets the settled spend of a period (total and per model) back to zero and re-arms its thresholds.</summary>
    Task ResetAsync(BudgetSubject subject, DateTimeOffset periodStart, CancellationToken cancellationToken);
}
