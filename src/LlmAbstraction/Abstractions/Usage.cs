using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmAbstraction;

/// <summary>
/// Token usage, OpenAI-shaped. <see cref="PromptTokens"/> includes cached and cache-write tokens;
/// <see cref="CompletionTokens"/> includes reasoning tokens, whatever the provider's own convention.
/// </summary>
public sealed class Usage
{
    /// <summary>All input tokens, including cache reads and cache writes.</summary>
    public int PromptTokens { get; set; }
    /// <summary>All output tokens, including reasoning.</summary>
    public int CompletionTokens { get; set; }
    /// <summary>Prompt plus completion.</summary>
    public int TotalTokens { get; set; }
    /// <summary>Breakdown of the prompt tokens.</summary>
    public PromptTokensDetails? PromptTokensDetails { get; set; }
    /// <summary>Breakdown of the completion tokens.</summary>
    public CompletionTokensDetails? CompletionTokensDetails { get; set; }
    /// <summary>Fields this type does not model, kept so nothing is lost.</summary>
    [JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Tokens read from the prompt cache (0 when none).</summary>
    [JsonIgnore] public int CachedTokens => PromptTokensDetails?.CachedTokens ?? 0;
    /// <summary>Tokens written to the prompt cache (0 when none).</summary>
    [JsonIgnore] public int CacheWriteTokens => PromptTokensDetails?.CacheWriteTokens ?? 0;
    /// <summary>Reasoning tokens (0 when none).</summary>
    [JsonIgnore] public int ReasoningTokens => CompletionTokensDetails?.ReasoningTokens ?? 0;
}

/// <summary>Breakdown of the prompt tokens.</summary>
public sealed class PromptTokensDetails
{
    /// <summary>Tokens served from the prompt cache (a subset of the prompt tokens).</summary>
    public int? CachedTokens { get; set; }
    /// <summary>Tokens written to the prompt cache (a subset of the prompt tokens).</summary>
    public int? CacheWriteTokens { get; set; }
    /// <summary>Of <see cref="CacheWriteTokens"/>, those written with a one-hour lifetime (Anthropic).</summary>
    [JsonPropertyName("cache_write_1h_tokens")] public int? CacheWrite1hTokens { get; set; }
    /// <summary>Audio input tokens.</summary>
    public int? AudioTokens { get; set; }
    /// <summary>Fields this type does not model.</summary>
    [JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>Breakdown of the completion tokens.</summary>
public sealed class CompletionTokensDetails
{
    /// <summary>Reasoning (thinking) tokens, a subset of the completion tokens.</summary>
    public int? ReasoningTokens { get; set; }
    /// <summary>Audio output tokens.</summary>
    public int? AudioTokens { get; set; }
    /// <summary>Accepted predicted-output tokens.</summary>
    public int? AcceptedPredictionTokens { get; set; }
    /// <summary>Rejected predicted-output tokens.</summary>
    public int? RejectedPredictionTokens { get; set; }
    /// <summary>Fields this type does not model.</summary>
    [JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
