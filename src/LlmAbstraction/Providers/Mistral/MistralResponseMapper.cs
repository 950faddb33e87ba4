namespace LlmAbstraction.Providers.Mistral;

/// <summary>Maps Mistral's chat response to the OpenAI-shaped response.</summary>
internal static class MistralResponseMapper
{
    public static ChatCompletionResponse Map(MistralResponse wire, TimeProvider time, IList<string> warnings)
    {
        var response = new ChatCompletionResponse
        {
            Id = wire.Id ?? "",
            Created = wire.Created != 0 ? wire.Created : time.GetUtcNow().ToUnixTimeSeconds(),
            Model = wire.Model ?? "",
            Usage = MapUsage(wire.Usage),
        };
        foreach (var c in wire.Choices ?? [])
        {
            var (text, reasoning) = MistralContent.Split(c.Message?.Content);
            var calls = c.Message?.ToolCalls?.Select(t => new ToolCall
            {
                Id = t.Id ?? "",
                Type = t.Type ?? "function",
                Function = new FunctionCall { Name = t.Function?.Name, Arguments = MistralContent.Arguments(t.Function?.Arguments) ?? "{}" },
            }).ToList();
            response.Choices.Add(new ChatChoice
            {
                Index = c.Index,
                Message = new ChatMessage
                {
                    Role = ChatRoles.Assistant,
                    Content = text,
                    ReasoningContent = reasoning,
                    ToolCalls = calls is { Count: > 0 } ? calls : null,
                },
                FinishReason = MapFinishReason(c.FinishReason, warnings),
                ProviderFinishReason = c.FinishReason,
                Logprobs = c.Logprobs,
            });
        }
        return response;
    }

    /// <summary><c>model_length</c> → <c>length</c>; <c>error</c> → <c>stop</c> with a warning; others unchanged.</summary>
    public static string? MapFinishReason(string? reason, IList<string> warnings)
    {
        switch (reason)
        {
            case "model_length": return FinishReasons.Length;
            case "error":
                warnings.Add("Mistral ended the generation with finish_reason 'error'; the output may be incomplete.");
                return FinishReasons.Stop;
            default: return reason;
        }
    }

    /// <summary>Usage; cached tokens from <c>prompt_tokens_details.cached_tokens</c> or Mistral's <c>num_cached_tokens</c> (both inside prompt_tokens).</summary>
    public static Usage? MapUsage(MistralUsage? u)
    {
        if (u is null) return null;
        var cached = u.PromptTokensDetails?.CachedTokens ?? u.NumCachedTokens;
        return new Usage
        {
            PromptTokens = u.PromptTokens,
            CompletionTokens = u.CompletionTokens,
            TotalTokens = u.TotalTokens != 0 ? u.TotalTokens : u.PromptTokens + u.CompletionTokens,
            PromptTokensDetails = cached is null ? null : new PromptTokensDetails { CachedTokens = cached },
        };
    }
}
