using System.Globalization;
using System.Text.Json;

namespace LlmAbstraction.Providers.Ollama;

/// <summary>
/// Maps Ollama's chat answer to the OpenAI shape: <c>thinking</c> → reasoning, tool calls (objects without ids) →
/// OpenAI calls with synthesized ids <c>call_&lt;n&gt;</c> and JSON-string arguments, <c>done_reason</c> → finish reason
/// (<c>tool_calls</c> whenever the message has calls, since Ollama says <c>stop</c>), counts → usage.
/// </summary>
internal static class OllamaResponseMapper
{
    public static ChatCompletionResponse Map(OllamaResponse r, string model, string id, long now)
    {
        var message = new ChatMessage
        {
            Role = ChatRoles.Assistant,
            Content = r.Message?.Content is { Length: > 0 } text ? text : null,
            ReasoningContent = r.Message?.Thinking is { Length: > 0 } thinking ? thinking : null,
        };
        if (r.Message?.ToolCalls is { Count: > 0 } calls)
            message.ToolCalls = calls.Select((c, i) => new ToolCall { Id = ToolCallId(c, i), Function = new FunctionCall { Name = c.Function?.Name, Arguments = Arguments(c) } }).ToList();
        return new ChatCompletionResponse
        {
            Id = id,
            Created = Created(r.CreatedAt) ?? now,
            Model = r.Model ?? model,
            Choices = [new ChatChoice { Index = 0, Message = message, FinishReason = FinishReason(r.DoneReason, message.ToolCalls is not null), ProviderFinishReason = r.DoneReason }],
            Usage = Usage(r),
        };
    }

    /// <summary>The call's own id when a newer server sends one, else <c>call_&lt;n&gt;</c> (n = position in the answer).</summary>
    public static string ToolCallId(OllamaToolCall call, int position) => string.IsNullOrEmpty(call.Id) ? "call_" + position.ToString(CultureInfo.InvariantCulture) : call.Id;

    public static string Arguments(OllamaToolCall call) => call.Function?.Arguments switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString() is { Length: > 0 } text ? text : "{}",
        { ValueKind: JsonValueKind.Object or JsonValueKind.Array } json => json.GetRawText(),
        _ => "{}",
    };

    public static string FinishReason(string? doneReason, bool hasToolCalls) => doneReason switch
    {
        "length" => FinishReasons.Length,
        _ when hasToolCalls => FinishReasons.ToolCalls,
        _ => FinishReasons.Stop, // stop, load, unload, or missing
    };

    public static Usage Usage(OllamaResponse r)
    {
        var prompt = r.PromptEvalCount ?? 0;
        var completion = r.EvalCount ?? 0;
        return new Usage { PromptTokens = prompt, CompletionTokens = completion, TotalTokens = prompt + completion };
    }

    public static long? Created(string? createdAt)
        => DateTimeOffset.TryParse(createdAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t.ToUnixTimeSeconds() : null;
}
