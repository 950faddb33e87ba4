using System.Text;

namespace LlmAbstraction.Providers.Anthropic;

/// <summary>Maps Anthropic's Messages response, finish reasons and usage to the OpenAI shape.</summary>
internal static class AnthropicResponseMapper
{
    public static ChatCompletionResponse Map(AnthropicResponse r, long created)
    {
        var message = new ChatMessage { Role = ChatRoles.Assistant };
        TextJoin text = default, reasoning = default;
        foreach (var block in r.Content)
        {
            switch (block.Type)
            {
                case "text":
                    text.Append(block.Text);
                    break;
                case "tool_use" or "server_tool_use":
                    (message.ToolCalls ??= []).Add(new ToolCall
                    {
                        Id = block.Id ?? "",
                        Function = new FunctionCall { Name = block.Name, Arguments = block.Input is { } input ? input.GetRawText() : "{}" },
                    });
                    break;
                case "thinking":
                    reasoning.Append(block.Thinking);
                    (message.ThinkingBlocks ??= []).Add(new ThinkingBlock { Type = "thinking", Thinking = block.Thinking, Signature = block.Signature });
                    break;
                case "redacted_thinking":
                    (message.ThinkingBlocks ??= []).Add(new ThinkingBlock { Type = "redacted_thinking", Data = block.Data });
                    break;
            }
        }
        message.Content = text.Value;
        message.ReasoningContent = reasoning.Value;
        return new ChatCompletionResponse
        {
            Id = r.Id,
            Created = created,
            Model = r.Model,
            Choices = [new ChatChoice { Index = 0, Message = message, FinishReason = FinishReason(r.StopReason), ProviderFinishReason = r.StopReason }],
            Usage = Usage(r.Usage),
        };
    }

    public static string? FinishReason(string? stopReason) => stopReason switch
    {
        null => null,
        "end_turn" or "stop_sequence" or "pause_turn" => FinishReasons.Stop,
        "max_tokens" or "model_context_window_exceeded" => FinishReasons.Length,
        "tool_use" => FinishReasons.ToolCalls,
        "refusal" => FinishReasons.ContentFilter,
        _ => FinishReasons.Stop,
    };

    public static Usage? Usage(AnthropicUsage? u)
    {
        if (u is null) return null;
        var input = u.InputTokens ?? 0;
        var cacheRead = u.CacheReadInputTokens ?? 0;
        var cacheWrite = u.CacheCreationInputTokens ?? 0;
        var output = u.OutputTokens ?? 0;
        var prompt = input + cacheRead + cacheWrite;
        return new Usage
        {
            PromptTokens = prompt,
            CompletionTokens = output,
            TotalTokens = prompt + output,
            PromptTokensDetails = new PromptTokensDetails
            {
                CachedTokens = cacheRead,
                CacheWriteTokens = cacheWrite,
                CacheWrite1hTokens = u.CacheCreation?.Ephemeral1hInputTokens is > 0 ? u.CacheCreation.Ephemeral1hInputTokens : null,
            },
        };
    }

    /// <summary>Folds a later usage report (message_delta) into the one from message_start: later non-null counts win.</summary>
    public static AnthropicUsage Merge(AnthropicUsage? start, AnthropicUsage? delta)
    {
        if (start is null) return delta ?? new AnthropicUsage();
        if (delta is null) return start;
        return new AnthropicUsage
        {
            InputTokens = delta.InputTokens ?? start.InputTokens,
            OutputTokens = delta.OutputTokens ?? start.OutputTokens,
            CacheCreationInputTokens = delta.CacheCreationInputTokens ?? start.CacheCreationInputTokens,
            CacheReadInputTokens = delta.CacheReadInputTokens ?? start.CacheReadInputTokens,
            CacheCreation = delta.CacheCreation ?? start.CacheCreation,
        };
    }

    /// <summary>Joins text pieces, copying nothing when there is only one (the usual single text block).</summary>
    private struct TextJoin
    {
        private string? _single;
        private StringBuilder? _many;

        public void Append(string? piece)
        {
            if (_many is not null) _many.Append(piece);
            else if (_single is null) _single = piece ?? "";
            else _many = new StringBuilder(_single).Append(piece);
        }

        public readonly string? Value => _many?.ToString() ?? _single;
    }
}
