namespace LlmAbstraction.Budgets;

/// <summary>How the client enforces budgets (see <c>LlmClientBuilder.UseBudgets</c>).</summary>
public sealed class BudgetEnforcementOptions
{
    /// <summary>
    /// The output tokens assumed for the reservation when the request sets neither <c>max_completion_tokens</c> nor
    /// <c>max_tokens</c> and the catalogue does not know the model's maximum output. Default 4096.
    /// </summary>
    public int DefaultMaxOutputTokens { get; set; } = 4096;

    /// <summary>
    /// When true, a call to a model without a known price is refused when any budget applies to it. Default false:
    /// such a call reserves nothing, is admitted while the budget is not used up, and adds spend only if the
    /// response carries a cost.
    /// </summary>
    public bool RefuseUnpricedModels { get; set; }
}
