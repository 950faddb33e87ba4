namespace LlmAbstraction.Budgets;

/// <summary>
/// Budgets per user, team, API key, tag and globally, with per-model caps, calendar or fixed periods, and
/// reserve-then-settle enforcement. The client enforces them when built with <c>UseBudgets</c>; the methods here
/// also serve manual use (LiteLLM's <c>BudgetManager</c>: see <see cref="BudgetManagerExtensions"/>).
/// </summary>
/// <remarks>Thread-safe. Money is USD as <see langword="decimal"/>; time comes from the manager's <see cref="TimeProvider"/>.</remarks>
public interface IBudgetManager
{
    /// <summary>Raised once per soft threshold per period when a budget's settled spend reaches it. Keep handlers fast; their exceptions are logged and ignored.</summary>
    event EventHandler<BudgetThresholdEventArgs>? ThresholdReached;

    /// <summary>Creates or replaces a budget. Replacing keeps the current period's spend (use <see cref="ResetAsync"/> to clear it).</summary>
    /// <exception cref="ArgumentException">The budget is invalid (negative cap, threshold outside (0, 1], unknown time zone).</exception>
    Task CreateBudgetAsync(BudgetDefinition budget, CancellationToken cancellationToken = default);

    /// <summary>The budget of <paramref name="subject"/>, or <see langword="null"/>.</summary>
    Task<BudgetDefinition?> GetBudgetAsync(BudgetSubject subject, CancellationToken cancellationToken = default);

    /// <summary>Every budget.</summary>
    Task<IReadOnlyList<BudgetDefinition>> ListBudgetsAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes a budget and its spend; returns whether it existed.</summary>
    Task<bool> DeleteBudgetAsync(BudgetSubject subject, CancellationToken cancellationToken = default);

    /// <summary>The budget's state in the current period, or <see langword="null"/> when the subject has no budget.</summary>
    Task<BudgetStatus?> GetStatusAsync(BudgetSubject subject, CancellationToken cancellationToken = default);

    /// <summary>Records spend that happened outside the pipeline (LiteLLM's <c>update_cost</c>).</summary>
    /// <exception cref="KeyNotFoundException">The subject has no budget.</exception>
    Task AddCostAsync(BudgetSubject subject, string? model, decimal cost, CancellationToken cancellationToken = default);

    /// <summary>Sets the current period's spend back to zero and re-arms its soft thresholds.</summary>
    /// <exception cref="KeyNotFoundException">The subject has no budget.</exception>
    Task ResetAsync(BudgetSubject subject, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reserves <paramref name="maxCost"/> in the budget of every subject that has one, atomically, or refuses.
    /// Settle the reservation with the actual cost when the call ends. Subjects without a budget are ignored;
    /// when none has one the reservation is empty.
    /// </summary>
    /// <param name="subjects">The call's subjects (global, user, team, key, tags).</param>
    /// <param name="model">The model, for per-model caps and the per-model breakdown; <see langword="null"/> when unknown.</param>
    /// <param name="maxCost">The most the call can cost, USD; 0 when unknown (then the call needs an unexhausted budget).</param>
    /// <param name="cancellationToken">Cancels the reservation.</param>
    /// <exception cref="BudgetExceededException">A budget cannot fit the call; nothing was reserved.</exception>
    Task<BudgetReservation> ReserveAsync(IReadOnlyList<BudgetSubject> subjects, string? model, decimal maxCost, CancellationToken cancellationToken = default);
}
