namespace LlmAbstraction.Budgets;

/// <summary>LiteLLM <c>BudgetManager</c>-style helpers over <see cref="IBudgetManager"/>.</summary>
public static class BudgetManagerExtensions
{
    /// <summary>Creates or replaces a budget of <paramref name="totalBudget"/> USD per <paramref name="period"/> (LiteLLM's <c>create_budget</c>).</summary>
    public static Task CreateBudgetAsync(this IBudgetManager manager, BudgetSubject subject, decimal totalBudget, BudgetPeriod period, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manager);
        return manager.CreateBudgetAsync(new BudgetDefinition(subject, totalBudget, period), cancellationToken);
    }

    /// <summary>Settled spend in the current period (LiteLLM's <c>get_current_cost</c>).</summary>
    /// <exception cref="KeyNotFoundException">The subject has no budget.</exception>
    public static async Task<decimal> GetCurrentCostAsync(this IBudgetManager manager, BudgetSubject subject, CancellationToken cancellationToken = default)
        => (await Status(manager, subject, cancellationToken).ConfigureAwait(false)).Spent;

    /// <summary>The budget's limit (LiteLLM's <c>get_total_budget</c>).</summary>
    /// <exception cref="KeyNotFoundException">The subject has no budget.</exception>
    public static async Task<decimal> GetTotalBudgetAsync(this IBudgetManager manager, BudgetSubject subject, CancellationToken cancellationToken = default)
        => (await Status(manager, subject, cancellationToken).ConfigureAwait(false)).Budget.Limit;

    /// <summary>What is left in the current period: limit − spent − reserved.</summary>
    /// <exception cref="KeyNotFoundException">The subject has no budget.</exception>
    public static async Task<decimal> GetRemainingAsync(this IBudgetManager manager, BudgetSubject subject, CancellationToken cancellationToken = default)
        => (await Status(manager, subject, cancellationToken).ConfigureAwait(false)).Remaining;

    /// <summary>Settled spend per model in the current period (LiteLLM's <c>get_model_cost</c>).</summary>
    /// <exception cref="KeyNotFoundException">The subject has no budget.</exception>
    public static async Task<IReadOnlyDictionary<string, decimal>> GetModelCostAsync(this IBudgetManager manager, BudgetSubject subject, CancellationToken cancellationToken = default)
        => (await Status(manager, subject, cancellationToken).ConfigureAwait(false)).ModelSpend;

    /// <summary>
    /// Records a response's cost (<see cref="ResponseDetails.Cost"/>) under its model (LiteLLM's <c>update_cost</c>).
    /// A response without a known cost records nothing and returns false.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The subject has no budget.</exception>
    public static async Task<bool> UpdateCostAsync(this IBudgetManager manager, BudgetSubject subject, ChatCompletionResponse response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(response);
        if (response.Details.Cost is not { } cost) return false;
        await manager.AddCostAsync(subject, response.Details.RequestedModel ?? response.Model, cost, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static async Task<BudgetStatus> Status(IBudgetManager manager, BudgetSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(subject);
        return await manager.GetStatusAsync(subject, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"No budget exists for '{subject}'. Create one with CreateBudgetAsync.");
    }
}
