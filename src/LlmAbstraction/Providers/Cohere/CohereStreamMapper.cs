using System.Text.Json;

namespace LlmAbstraction.Providers.Cohere;

/// <summary>
/// Turns Cohere's v2 stream events into OpenAI-shaped chunks: a role chunk at <c>message-start</c>, text and
/// thinking deltas, <c>tool_plan</c> deltas as reasoning, tool calls keyed by the event <c>index</c> (which counts
/// tool calls only), citations verbatim under the delta's <c>citations</c>, and at <c>message-end</c> a finish chunk
/// plus a usage-only chunk (empty choices). Holds the per-stream state; not thread-safe.
/// </summary>
internal sealed class CohereStreamMapper(string model, long created)
{
    private readonly Dictionary<int, bool> _toolHasArguments = [];
    private string _id = "";

    /// <summary>True once <c>message-end</c> arrived.</summary>
    public bool Completed { get; private set; }

    /// <summary>The provider's finish reason from <c>message-end</c>.</summary>
    public string? ProviderFinishReason { get; private set; }

    /// <summary>Maps one event into zero or more chunks appended to <paramref name="output"/>.</summary>
    public void Map(CohereStreamEvent e, List<ChatCompletionChunk> output)
    {
        var message = e.Delta?.Message;
        switch (e.Type)
        {
            case "message-start":
                _id = e.Id ?? "";
                output.Add(Chunk(new ChatDelta { Role = ChatRoles.Assistant, Content = "" }));
                break;
            case "content-start" or "content-delta":
                if (Content(message) is { } delta) output.Add(Chunk(delta));
                break;
            case "tool-plan-delta":
                if (!string.IsNullOrEmpty(message?.ToolPlan)) output.Add(Chunk(new ChatDelta { ReasoningContent = message.ToolPlan }));
                break;
            case "tool-call-start":
                ToolStart(e.Index ?? _toolHasArguments.Count, message, output);
                break;
            case "tool-call-delta":
                ToolDelta(e.Index ?? Math.Max(0, _toolHasArguments.Count - 1), message, output);
                break;
            case "tool-call-end":
                var index = e.Index ?? Math.Max(0, _toolHasArguments.Count - 1);
                if (_toolHasArguments.TryGetValue(index, out var has) && !has)
                    output.Add(Tool(new ToolCallDelta { Index = index, Function = new FunctionCall { Arguments = "{}" } }));
                break;
            case "citation-start":
                if (message?.Citations is { ValueKind: JsonValueKind.Object or JsonValueKind.Array } citation)
                    output.Add(Chunk(new ChatDelta { AdditionalProperties = new Dictionary<string, JsonElement> { ["citations"] = citation } }));
                break;
            case "message-end":
                Completed = true;
                ProviderFinishReason = e.Delta?.FinishReason;
                var finish = Chunk(new ChatDelta());
                finish.Choices[0].FinishReason = CohereResponseMapper.FinishReason(ProviderFinishReason) ?? FinishReasons.Stop;
                finish.Choices[0].ProviderFinishReason = ProviderFinishReason;
                output.Add(finish);
                output.Add(new ChatCompletionChunk { Id = _id, Created = created, Model = model, Choices = [], Usage = CohereResponseMapper.Usage(e.Delta?.Usage) ?? new Usage() });
                break;
            // content-end, citation-end, debug and future event types carry nothing to map.
        }
    }

    private static ChatDelta? Content(CohereStreamMessage? message)
    {
        if (message?.Content is not { ValueKind: JsonValueKind.Object } content) return null;
        if (content.TryGetProperty("thinking", out var thinking) && thinking.GetString() is { Length: > 0 } reasoning)
            return new ChatDelta { ReasoningContent = reasoning };
        if (content.TryGetProperty("text", out var text) && text.GetString() is { Length: > 0 } value)
            return new ChatDelta { Content = value };
        return null;
    }

    private void ToolStart(int index, CohereStreamMessage? message, List<ChatCompletionChunk> output)
    {
        var call = ToolCallOf(message);
        var arguments = call?.Function?.Arguments ?? "";
        _toolHasArguments[index] = arguments.Length > 0;
        output.Add(Tool(new ToolCallDelta { Index = index, Id = call?.Id, Type = "function", Function = new FunctionCall { Name = call?.Function?.Name, Arguments = arguments } }));
    }

    private void ToolDelta(int index, CohereStreamMessage? message, List<ChatCompletionChunk> output)
    {
        var fragment = ToolCallOf(message)?.Function?.Arguments;
        if (string.IsNullOrEmpty(fragment)) return;
        _toolHasArguments[index] = true;
        output.Add(Tool(new ToolCallDelta { Index = index, Function = new FunctionCall { Arguments = fragment } }));
    }

    /// <summary>In stream deltas <c>tool_calls</c> is one object (an array only in <c>message-start</c>).</summary>
    private static CohereToolCall? ToolCallOf(CohereStreamMessage? message)
        => message?.ToolCalls is { ValueKind: JsonValueKind.Object } call ? call.Deserialize(CohereJsonContext.Default.CohereToolCall) : null;

    private ChatCompletionChunk Tool(ToolCallDelta delta) => Chunk(new ChatDelta { ToolCalls = [delta] });

    private ChatCompletionChunk Chunk(ChatDelta delta)
        => new() { Id = _id, Created = created, Model = model, Choices = [new ChunkChoice { Index = 0, Delta = delta }] };
}
