namespace LlmAbstraction.Pricing;

/// <summary>
/// Prices that apply to the whole request when its prompt is longer than <see cref="ThresholdTokens"/>
/// (LiteLLM's <c>…_above_&lt;N&gt;k_tokens</c> fields). A <see langword="null"/> price keeps the base price.
/// </summary>
public sealed record LongContextTier
{
    /// <summary>The tier applies when the prompt (cached tokens included) has strictly more tokens than this.</summary>
    public required int ThresholdTokens { get; init; }
    /// <summary>USD per uncached input token above the threshold.</summary>
    public decimal? InputCostPerToken { get; init; }
    /// <summary>USD per output token above the threshold.</summary>
    public decimal? OutputCostPerToken { get; init; }
    /// <summary>USD per cache-read token above the threshold.</summary>
    public decimal? CacheReadCostPerToken { get; init; }
    /// <summary>USD per cache-write (5-minute) token above the threshold.</summary>
    public decimal? CacheWriteCostPerToken { get; init; }
    /// <summary>USD per one-hour cache-write token above the threshold (newer price maps only).</summary>
    public decimal? CacheWrite1hCostPerToken { get; init; }
}

/// <summary>Prices of a service tier (OpenAI's <c>flex</c>, <c>priority</c>); a <see langword="null"/> price keeps the base price.</summary>
public sealed record ServiceTierPrices
{
    /// <summary>USD per uncached input token.</summary>
    public decimal? InputCostPerToken { get; init; }
    /// <summary>USD per output token.</summary>
    public decimal? OutputCostPerToken { get; init; }
    /// <summary>USD per cache-read token.</summary>
    public decimal? CacheReadCostPerToken { get; init; }
}
