using System.Text.Json;

namespace LlmAbstraction.Caching;

/// <summary>
/// Deep copies of cached entries for the in-memory store, so every hit hands the caller objects it may change freely,
/// at a fraction of a JSON round trip. Rare shapes (content parts, prompt-cache markers) take the JSON round trip.
/// </summary>
/// <remarks>A test lists every public property of the copied types, so a new field cannot be forgotten here silently.</remarks>
internal static class EntryCloner
{
    public static CachedEntry Clone(CachedEntry e) => new()
    {
        Created = e.Created,
        Expires = e.Expires,
        Provider = e.Provider,
        Model = e.Model,
        Deployment = e.Deployment,
        Response = e.Response is null ? null : Clone(e.Response),
        Embedding = e.Embedding?.ToArray(),
        Tokens = e.Tokens,
    };

    private static ChatCompletionResponse Clone(ChatCompletionResponse r)
    {
        foreach (var c in r.Choices)
            if (c.Message.Content?.Parts is not null || c.Message.CacheControl is not null) return RoundTrip(r);
        var choices = new List<ChatChoice>(r.Choices.Count);
        foreach (var c in r.Choices)
            choices.Add(new ChatChoice
            {
                Index = c.Index,
                Message = Clone(c.Message),
                FinishReason = c.FinishReason,
                Logprobs = c.Logprobs,
                ProviderFinishReason = c.ProviderFinishReason,
                AdditionalProperties = Copy(c.AdditionalProperties),
            });
        return new ChatCompletionResponse
        {
            Id = r.Id,
            Object = r.Object,
            Created = r.Created,
            Model = r.Model,
            Choices = choices,
            Usage = r.Usage is null ? null : Clone(r.Usage),
            SystemFingerprint = r.SystemFingerprint,
            ServiceTier = r.ServiceTier,
            AdditionalProperties = Copy(r.AdditionalProperties),
        };
    }

    private static ChatMessage Clone(ChatMessage m) => new()
    {
        Role = m.Role,
        Content = m.Content, // plain text content is immutable
        Name = m.Name,
        ToolCalls = m.ToolCalls?.Select(t => new ToolCall
        {
            Id = t.Id,
            Type = t.Type,
            Function = new FunctionCall { Name = t.Function.Name, Arguments = t.Function.Arguments },
            ProviderSpecificFields = Copy(t.ProviderSpecificFields),
        }).ToList(),
        ToolCallId = m.ToolCallId,
        Refusal = m.Refusal,
        ReasoningContent = m.ReasoningContent,
        ThinkingBlocks = m.ThinkingBlocks?.Select(b => new ThinkingBlock { Type = b.Type, Thinking = b.Thinking, Signature = b.Signature, Data = b.Data }).ToList(),
        AdditionalProperties = Copy(m.AdditionalProperties),
    };

    private static Usage Clone(Usage u) => new()
    {
        PromptTokens = u.PromptTokens,
        CompletionTokens = u.CompletionTokens,
        TotalTokens = u.TotalTokens,
        PromptTokensDetails = u.PromptTokensDetails is { } p ? new PromptTokensDetails
        {
            CachedTokens = p.CachedTokens,
            CacheWriteTokens = p.CacheWriteTokens,
            CacheWrite1hTokens = p.CacheWrite1hTokens,
            AudioTokens = p.AudioTokens,
            AdditionalProperties = Copy(p.AdditionalProperties),
        } : null,
        CompletionTokensDetails = u.CompletionTokensDetails is { } c ? new CompletionTokensDetails
        {
            ReasoningTokens = c.ReasoningTokens,
            AudioTokens = c.AudioTokens,
            AcceptedPredictionTokens = c.AcceptedPredictionTokens,
            RejectedPredictionTokens = c.RejectedPredictionTokens,
            AdditionalProperties = Copy(c.AdditionalProperties),
        } : null,
        AdditionalProperties = Copy(u.AdditionalProperties),
    };

    /// <summary>JSON elements are immutable: a new dictionary over the same elements is a deep copy.</summary>
    private static Dictionary<string, JsonElement>? Copy(IDictionary<string, JsonElement>? d) => d is null ? null : new(d, StringComparer.Ordinal);

    private static ChatCompletionResponse RoundTrip(ChatCompletionResponse r)
        => JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(r, LlmJsonContext.Default.ChatCompletionResponse), LlmJsonContext.Default.ChatCompletionResponse)!;
}
