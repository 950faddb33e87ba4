using System.Text;

namespace LlmAbstraction.Providers.Bedrock;

/// <summary>Maps a Converse response, its stop reasons and its usage to the OpenAI shape.</summary>
internal static class BedrockResponseMapper
{
    public static ChatCompletionResponse Map(ConverseResponse r, string id, long created, string model, string? jsonToolName)
    {
        var message = new ChatMessage { Role = ChatRoles.Assistant };
        StringBuilder? text = null, reasoning = null;
        var forcedJson = false;
        foreach (var block in r.Output?.Message?.Content ?? [])
        {
            if (block.Text is not null) (text ??= new StringBuilder()).Append(block.Text);
            else if (block.ToolUse is { } use)
            {
                var arguments = use.Input is { } input ? input.GetRawText() : "{}";
                if (jsonToolName is not null && use.Name == jsonToolName)
                {
                    // response_format was honoured with a forced tool: its input is the JSON answer.
                    (text ??= new StringBuilder()).Append(arguments);
                    forcedJson = true;
                    continue;
                }
                (message.ToolCalls ??= []).Add(new ToolCall { Id = use.ToolUseId, Function = new FunctionCall { Name = use.Name, Arguments = arguments } });
            }
            else if (block.ReasoningContent is { } rc)
            {
                if (rc.ReasoningText is { } rt)
                {
                    (reasoning ??= new StringBuilder()).Append(rt.Text);
                    (message.ThinkingBlocks ??= []).Add(new ThinkingBlock { Type = "thinking", Thinking = rt.Text, Signature = rt.Signature });
                }
                else if (rc.RedactedContent is not null)
                {
                    (message.ThinkingBlocks ??= []).Add(new ThinkingBlock { Type = "redacted_thinking", Data = rc.RedactedContent });
                }
            }
        }
        message.Content = text?.ToString();
        message.ReasoningContent = reasoning?.ToString();
        var finish = FinishReason(r.StopReason);
        if (forcedJson && message.ToolCalls is null && finish == FinishReasons.ToolCalls) finish = FinishReasons.Stop;
        return new ChatCompletionResponse
        {
            Id = id,
            Created = created,
            Model = model,
            Choices = [new ChatChoice { Index = 0, Message = message, FinishReason = finish, ProviderFinishReason = r.StopReason }],
            Usage = Usage(r.Usage),
        };
    }

    /// <summary>Converse stop reasons (service model <c>StopReason</c>) as OpenAI finish reasons; unknown ones are <c>stop</c>.</summary>
    public static string? FinishReason(string? stopReason) => stopReason switch
    {
        null => null,
        "end_turn" or "stop_sequence" => FinishReasons.Stop,
        "max_tokens" or "model_context_window_exceeded" => FinishReasons.Length,
        "tool_use" => FinishReasons.ToolCalls,
        "guardrail_intervened" or "content_filtered" => FinishReasons.ContentFilter,
        _ => FinishReasons.Stop,
    };

    /// <summary>
    /// Bedrock's <c>inputTokens</c> counts only the uncached input (cache reads and writes are reported apart, as with
    /// Anthropic), so prompt_tokens = inputTokens + cacheReadInputTokens + cacheWriteInputTokens.
    /// </summary>
    public static Usage? Usage(ConverseUsage? u)
    {
        if (u is null) return null;
        var cacheRead = u.CacheReadInputTokens ?? 0;
        var cacheWrite = u.CacheWriteInputTokens ?? 0;
        var prompt = (u.InputTokens ?? 0) + cacheRead + cacheWrite;
        var completion = u.OutputTokens ?? 0;
        return new Usage
        {
            PromptTokens = prompt,
            CompletionTokens = completion,
            TotalTokens = prompt + completion,
            PromptTokensDetails = new PromptTokensDetails { CachedTokens = cacheRead, CacheWriteTokens = cacheWrite },
        };
    }
}
