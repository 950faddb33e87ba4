using System.Text;
using System.Text.Json;

namespace LlmAbstraction.Providers.Cohere;

/// <summary>
/// Maps Cohere's v2 chat response to the OpenAI shape: <c>text</c> items are the content; <c>thinking</c> items and the
/// <c>tool_plan</c> are reasoning (never content); tool calls copy through (a <c>null</c>/empty argument string becomes
/// <c>{}</c>); citations are kept verbatim under the message's <c>citations</c>; usage comes from <c>usage.tokens</c>.
/// </summary>
internal static class CohereResponseMapper
{
    public static ChatCompletionResponse Map(CohereResponse r, string model, long created)
    {
        var message = new ChatMessage { Role = ChatRoles.Assistant };
        StringBuilder? text = null, reasoning = null;
        foreach (var item in r.Message?.Content ?? [])
        {
            if (item.Type == "text") (text ??= new StringBuilder()).Append(item.Text);
            else if (item.Type == "thinking") AppendReasoning(ref reasoning, item.Thinking);
        }
        AppendReasoning(ref reasoning, r.Message?.ToolPlan);
        message.Content = text?.ToString();
        message.ReasoningContent = reasoning?.ToString();
        if (r.Message?.ToolCalls is { Count: > 0 } calls)
            message.ToolCalls = calls.Select(c => new ToolCall { Id = c.Id ?? "", Function = new FunctionCall { Name = c.Function?.Name, Arguments = Arguments(c.Function?.Arguments) } }).ToList();
        if (r.Message?.Citations is { ValueKind: JsonValueKind.Array } citations && citations.GetArrayLength() > 0)
            message.AdditionalProperties = new Dictionary<string, JsonElement> { ["citations"] = citations };
        return new ChatCompletionResponse
        {
            Id = r.Id ?? "",
            Created = created,
            Model = model,
            Choices = [new ChatChoice { Index = 0, Message = message, FinishReason = FinishReason(r.FinishReason), ProviderFinishReason = r.FinishReason }],
            Usage = Usage(r.Usage),
        };
    }

    /// <summary>Cohere's no-argument calls come as <c>"null"</c> or <c>""</c>: both become <c>{}</c>.</summary>
    public static string Arguments(string? arguments)
        => string.IsNullOrWhiteSpace(arguments) || arguments.Trim() == "null" ? "{}" : arguments;

    /// <summary>The unified finish reason. <c>ERROR</c> and <c>TIMEOUT</c> are failures, raised by <see cref="FailureFor"/>.</summary>
    public static string? FinishReason(string? reason) => reason switch
    {
        null => null,
        "COMPLETE" or "STOP_SEQUENCE" => FinishReasons.Stop,
        "MAX_TOKENS" or "ERROR_LIMIT" => FinishReasons.Length,
        "TOOL_CALL" => FinishReasons.ToolCalls,
        "ERROR_TOXIC" => FinishReasons.ContentFilter,
        _ => FinishReasons.Stop,
    };

    /// <summary>The error code for a finish reason that means the generation failed, or null.</summary>
    public static string? FailureFor(string? reason) => reason switch
    {
        "ERROR" => "internal_error",
        "TIMEOUT" => "timeout_error",
        _ => null,
    };

    public static Usage? Usage(CohereUsage? u)
    {
        if (u is null) return null;
        var billed = u.BilledUnits is { ValueKind: JsonValueKind.Object } b ? b : (JsonElement?)null;
        var prompt = Count(u.Tokens?.InputTokens) ?? BilledCount(billed, "input_tokens") ?? 0;
        var completion = Count(u.Tokens?.OutputTokens) ?? BilledCount(billed, "output_tokens") ?? 0;
        var usage = new Usage { PromptTokens = prompt, CompletionTokens = completion, TotalTokens = prompt + completion };
        if (Count(u.CachedTokens) is { } cached) usage.PromptTokensDetails = new PromptTokensDetails { CachedTokens = cached };
        if (billed is { } units) usage.AdditionalProperties = new Dictionary<string, JsonElement> { ["billed_units"] = units };
        return usage;
    }

    private static int? Count(double? value) => value is { } v ? (int)Math.Round(v) : null;

    private static int? BilledCount(JsonElement? billed, string name)
        => billed is { } b && b.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? (int)Math.Round(v.GetDouble()) : null;

    private static void AppendReasoning(ref StringBuilder? sb, string? text)
    {
        if (string.IsNullOrEmpty(text)) return;
        if (sb is { Length: > 0 }) sb.Append('\n');
        (sb ??= new StringBuilder()).Append(text);
    }
}
