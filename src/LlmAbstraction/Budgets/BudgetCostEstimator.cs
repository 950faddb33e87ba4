using LlmAbstraction.Pricing;
using LlmAbstraction.Providers;

namespace LlmAbstraction.Budgets;

/// <summary>What a call can cost at most, before it is sent.</summary>
/// <param name="Model">The model the spend is recorded under (canonical <c>provider/model</c> when it resolves).</param>
/// <param name="Info">The catalogue entry that priced it, or null when unpriced.</param>
/// <param name="CountingModel">The model name the prompt was counted with.</param>
/// <param name="PromptTokens">The prompt tokens counted.</param>
/// <param name="MaxCost">The maximum cost, or null when the price is unknown.</param>
internal sealed record BudgetEstimate(string Model, ModelInfo? Info, string CountingModel, int PromptTokens, decimal? MaxCost);

/// <summary>
/// Prices a call's worst case: prompt tokens counted (tiktoken for OpenAI-family models, an estimate otherwise)
/// plus the output limit (max_completion_tokens, else max_tokens, else the model's maximum output, else the
/// configured default; times <c>n</c>), at the model's catalogue prices. With fallbacks, the dearest model counts.
/// </summary>
internal sealed class BudgetCostEstimator(ModelCatalog catalog, ModelResolver resolver, BudgetEnforcementOptions options)
{
    public BudgetEstimate Estimate(ChatCompletionRequest request)
    {
        var first = EstimateFor(request.Model, request);
        foreach (var fallback in request.Fallbacks ?? [])
        {
            if (fallback?.Model is not { Length: > 0 } model) continue;
            var other = EstimateFor(model, request);
            if (other.MaxCost is null) return first with { MaxCost = null };
            if (first.MaxCost is { } c && other.MaxCost > c) first = first with { MaxCost = other.MaxCost };
        }
        return first;
    }

    public BudgetEstimate Estimate(EmbeddingRequest request)
    {
        var (key, info, counting) = Lookup(request.Model);
        var tokens = request.Input.Sum(text => TokenCounter.CountText(counting, text ?? "").Tokens);
        var cost = info is null ? null : Price(info, tokens, 0);
        return new BudgetEstimate(key, info, counting, tokens, cost);
    }

    /// <summary>The cost of the prompt plus <paramref name="outputTokens"/> (for a stream that ended without usage).</summary>
    public static decimal? PartialCost(BudgetEstimate estimate, int outputTokens)
        => estimate.Info is null ? null : Price(estimate.Info, estimate.PromptTokens, outputTokens);

    private BudgetEstimate EstimateFor(string model, ChatCompletionRequest request)
    {
        var (key, info, counting) = Lookup(model);
        var prompt = TokenCounter.CountMessages(counting, request.Messages, request.Tools).Tokens;
        if (info is null) return new BudgetEstimate(key, null, counting, prompt, null);
        var output = (long)(request.MaxCompletionTokens ?? request.MaxTokens ?? info.MaxOutputTokens ?? options.DefaultMaxOutputTokens) * Math.Max(1, request.N ?? 1);
        return new BudgetEstimate(key, info, counting, prompt, Price(info, prompt, (int)Math.Min(int.MaxValue, output)));
    }

    // Mirrors the cost stage: a registration for the requested name first, then the resolved provider's model, then the name.
    private (string Key, ModelInfo? Info, string Counting) Lookup(string model)
    {
        var resolved = resolver.TryResolve(model);
        var info = catalog.FindRegistered(model)
            ?? (resolved is null ? null : catalog.Find(resolved.Descriptor.Name, resolved.ProviderModel))
            ?? catalog.Find(null, model);
        if (info is { HasTokenPrices: false }) info = null;
        return (resolved?.CanonicalName ?? model, info, resolved?.ProviderModel ?? model);
    }

    private static decimal? Price(ModelInfo info, int prompt, int output)
        => CostCalculator.CostPerToken(info, new TokenQuantities { PromptTokens = prompt, CompletionTokens = output }).Cost;
}
