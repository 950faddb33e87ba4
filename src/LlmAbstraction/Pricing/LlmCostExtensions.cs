using LlmAbstraction.Pricing;

namespace LlmAbstraction;

/// <summary>Cost helpers on responses, priced with <see cref="CostCalculator.Default"/>.</summary>
public static class LlmCostExtensions
{
    /// <summary>The cost of this completion (see <see cref="CostCalculator.CompletionCost(ChatCompletionResponse, bool)"/>).</summary>
    public static CostResult CompletionCost(this ChatCompletionResponse response, bool strict = false)
        => CostCalculator.Default.CompletionCost(response, strict);

    /// <summary>The cost of this embeddings call (see <see cref="CostCalculator.EmbeddingCost(EmbeddingResponse, bool)"/>).</summary>
    public static CostResult EmbeddingCost(this EmbeddingResponse response, bool strict = false)
        => CostCalculator.Default.EmbeddingCost(response, strict);
}
