using System.Text.Json;

namespace LlmAbstraction.Providers.Gemini;

/// <summary>
/// Maps OpenAI's <c>reasoning_effort</c> and LiteLLM's Anthropic-style <c>thinking</c> parameter to Gemini's
/// <c>thinkingConfig</c>: a <c>thinkingLevel</c> for Gemini 3 models, a <c>thinkingBudget</c> in tokens for 2.5 models.
/// Thought summaries are requested (<c>includeThoughts</c>) whenever thinking is on, so they surface as reasoning.
/// </summary>
internal static class GeminiReasoning
{
    public static GeminiThinkingConfig FromEffort(string model, string effort)
    {
        var level = effort.ToLowerInvariant();
        if (level is "none" or "disable")
            return new GeminiThinkingConfig { ThinkingBudget = 0 };
        if (model.StartsWith("gemini-3", StringComparison.OrdinalIgnoreCase))
        {
            return level switch
            {
                "minimal" or "low" or "medium" or "high" => new GeminiThinkingConfig { ThinkingLevel = level.ToUpperInvariant(), IncludeThoughts = true },
                _ => throw Unknown(effort),
            };
        }
        var budget = level switch
        {
            "minimal" => 128,
            "low" => 1024,
            "medium" => 2048,
            "high" => 4096,
            _ => throw Unknown(effort),
        };
        return new GeminiThinkingConfig { ThinkingBudget = budget, IncludeThoughts = true };
    }

    /// <summary><c>{"type":"enabled","budget_tokens":N}</c> → budget N with summaries; <c>{"type":"disabled"}</c> → budget 0.</summary>
    public static GeminiThinkingConfig FromThinking(JsonElement thinking)
    {
        if (thinking.ValueKind != JsonValueKind.Object) throw new BadRequestException("The 'thinking' parameter must be an object such as {\"type\":\"enabled\",\"budget_tokens\":1024}.");
        var type = thinking.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : "enabled";
        if (type == "disabled") return new GeminiThinkingConfig { ThinkingBudget = 0 };
        int? budget = thinking.TryGetProperty("budget_tokens", out var b) && b.TryGetInt32(out var n) ? n : null;
        return new GeminiThinkingConfig { ThinkingBudget = budget, IncludeThoughts = true };
    }

    private static BadRequestException Unknown(string effort)
        => new($"Unknown reasoning_effort '{effort}'. Expected none, minimal, low, medium or high.", new LlmErrorDetails { Provider = "gemini", ErrorCode = "invalid_reasoning_effort" });
}
