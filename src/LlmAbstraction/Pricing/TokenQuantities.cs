namespace LlmAbstraction.Pricing;

/// <summary>
/// What a call consumed, in the library's inclusive convention: <see cref="PromptTokens"/> includes
/// cached, cache-write and audio input tokens; <see cref="CompletionTokens"/> includes reasoning and audio output.
/// </summary>
public sealed record TokenQuantities
{
    /// <summary>All input tokens (cache reads and writes included).</summary>
    public int PromptTokens { get; init; }
    /// <summary>All output tokens (reasoning included).</summary>
    public int CompletionTokens { get; init; }
    /// <summary>Input tokens read from the prompt cache.</summary>
    public int CachedTokens { get; init; }
    /// <summary>Input tokens written to the prompt cache (all lifetimes).</summary>
    public int CacheWriteTokens { get; init; }
    /// <summary>Of <see cref="CacheWriteTokens"/>, those written with a one-hour lifetime.</summary>
    public int CacheWrite1hTokens { get; init; }
    /// <summary>Of <see cref="CompletionTokens"/>, the reasoning (thinking) tokens.</summary>
    public int ReasoningTokens { get; init; }
    /// <summary>Of <see cref="PromptTokens"/>, the audio tokens.</summary>
    public int AudioInputTokens { get; init; }
    /// <summary>Of <see cref="CompletionTokens"/>, the audio tokens.</summary>
    public int AudioOutputTokens { get; init; }
    /// <summary>Input images, for per-image prices.</summary>
    public int InputImages { get; init; }
    /// <summary>Output images, for per-image prices.</summary>
    public int OutputImages { get; init; }
    /// <summary>Input characters, for character-priced models.</summary>
    public int InputCharacters { get; init; }
    /// <summary>Output characters, for character-priced models.</summary>
    public int OutputCharacters { get; init; }
    /// <summary>How long the call took, for time-priced hosts (<c>input/output_cost_per_second</c>).</summary>
    public TimeSpan? Duration { get; init; }
    /// <summary>The service tier that served the call (<c>flex</c>, <c>priority</c>), when the provider reports one.</summary>
    public string? ServiceTier { get; init; }

    /// <summary>Reads a <see cref="Usage"/>.</summary>
    public static TokenQuantities FromUsage(Usage usage, string? serviceTier = null, TimeSpan? duration = null)
    {
        ArgumentNullException.ThrowIfNull(usage);
        return new TokenQuantities
        {
            PromptTokens = usage.PromptTokens,
            CompletionTokens = usage.CompletionTokens,
            CachedTokens = usage.CachedTokens,
            CacheWriteTokens = usage.CacheWriteTokens,
            CacheWrite1hTokens = usage.PromptTokensDetails?.CacheWrite1hTokens ?? 0,
            ReasoningTokens = usage.ReasoningTokens,
            AudioInputTokens = usage.PromptTokensDetails?.AudioTokens ?? 0,
            AudioOutputTokens = usage.CompletionTokensDetails?.AudioTokens ?? 0,
            ServiceTier = serviceTier,
            Duration = duration,
        };
    }
}
