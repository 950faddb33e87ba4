namespace LlmAbstraction.Providers.Gemini;

/// <summary>
/// Gemini usage to OpenAI's: prompt = promptTokenCount (+ toolUsePromptTokenCount), which already includes
/// cachedContentTokenCount; completion = candidatesTokenCount + thoughtsTokenCount (thoughts are reported apart
/// by Gemini and as reasoning tokens here).
/// </summary>
internal static class GeminiUsageMapper
{
    public static Usage? Map(GeminiUsage? u)
    {
        if (u is null) return null;
        var prompt = (u.PromptTokenCount ?? 0) + (u.ToolUsePromptTokenCount ?? 0);
        var thoughts = u.ThoughtsTokenCount ?? 0;
        var completion = (u.CandidatesTokenCount ?? 0) + thoughts;
        return new Usage
        {
            PromptTokens = prompt,
            CompletionTokens = completion,
            TotalTokens = u.TotalTokenCount ?? prompt + completion,
            PromptTokensDetails = new PromptTokensDetails { CachedTokens = u.CachedContentTokenCount ?? 0 },
            CompletionTokensDetails = new CompletionTokensDetails { ReasoningTokens = thoughts },
        };
    }
}
