using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlmAbstraction.Tests.Replay;

/// <summary>
/// Test oracle: writes the OpenAI-shaped request a caller would send to get a recorded Anthropic request.
/// The adapter must then send exactly the recorded body.
/// </summary>
internal static class AnthropicToOpenAI
{
    private static readonly HashSet<string> Mapped = ["model", "max_tokens", "messages", "system", "tools", "tool_choice", "stream", "temperature", "top_p", "stop_sequences", "metadata"];

    public static ChatCompletionRequest Convert(JsonObject a)
    {
        var r = new ChatCompletionRequest { Model = "anthropic/" + (string)a["model"]!, MaxTokens = (int?)a["max_tokens"], Temperature = (double?)a["temperature"], TopP = (double?)a["top_p"] };
        if (a["stop_sequences"] is JsonArray stops) r.Stop = stops.Select(s => (string)s!).ToList();
        if (a["system"] is JsonValue sys) r.Messages.Add(ChatMessage.System((string)sys!));
        else if (a["system"] is JsonArray sysBlocks) r.Messages.Add(new ChatMessage { Role = "system", Content = new MessageContent(sysBlocks.Select(Part).ToList()) });
        foreach (var m in a["messages"]!.AsArray())
        {
            var role = (string)m!["role"]!;
            var content = m["content"]!;
            if (content is JsonValue) { r.Messages.Add(new ChatMessage(role, (string)content!)); continue; }
            var blocks = content.AsArray();
            if (role == "user" && blocks.All(b => (string)b!["type"]! == "tool_result"))
            {
                foreach (var b in blocks) r.Messages.Add(ToolMessage(b!));
                continue;
            }
            if (role == "assistant")
            {
                var msg = new ChatMessage { Role = "assistant" };
                var text = string.Concat(blocks.Where(b => (string)b!["type"]! == "text").Select(b => (string)b!["text"]!));
                if (text.Length > 0) msg.Content = text;
                var calls = blocks.Where(b => (string)b!["type"]! == "tool_use").Select(b => new ToolCall { Id = (string)b!["id"]!, Function = new FunctionCall { Name = (string)b["name"]!, Arguments = b["input"]!.ToJsonString() } }).ToList();
                if (calls.Count > 0) msg.ToolCalls = calls;
                r.Messages.Add(msg);
                continue;
            }
            r.Messages.Add(blocks.Count == 1 && (string)blocks[0]!["type"]! == "text" && blocks[0]!["cache_control"] is null
                ? new ChatMessage(role, (string)blocks[0]!["text"]!)
                : new ChatMessage { Role = role, Content = new MessageContent(blocks.Select(Part).ToList()) });
        }
        if (a["tools"] is JsonArray tools)
            r.Tools = tools.Select(t => ToolDefinition.ForFunction((string)t!["name"]!, (string?)t["description"], JsonDocument.Parse(t["input_schema"]!.ToJsonString()).RootElement.Clone())).ToList();
        if (a["tool_choice"] is JsonObject tc)
        {
            r.ToolChoice = (string)tc["type"]! switch { "auto" => ToolChoice.Auto, "any" => ToolChoice.Required, "none" => ToolChoice.None, _ => ToolChoice.Function((string)tc["name"]!) };
            if ((bool?)tc["disable_parallel_tool_use"] == true) r.ParallelToolCalls = false;
        }
        foreach (var (key, value) in a)
            if (!Mapped.Contains(key) && value is not null)
                (r.AdditionalProperties ??= new Dictionary<string, JsonElement>())[key] = JsonDocument.Parse(value.ToJsonString()).RootElement.Clone();
        return r;
    }

    private static ContentPart Part(JsonNode? b) => (string)b!["type"]! switch
    {
        "text" => new ContentPart { Type = "text", Text = (string)b["text"]!, CacheControl = b["cache_control"] is JsonObject cc ? new CacheControl { Type = (string)cc["type"]!, Ttl = (string?)cc["ttl"] } : null },
        var t => throw new NotSupportedException(t),
    };

    private static ChatMessage ToolMessage(JsonNode b)
    {
        var msg = new ChatMessage { Role = "tool", ToolCallId = (string)b["tool_use_id"]! };
        msg.Content = b["content"] switch
        {
            JsonValue v => new MessageContent((string)v!),
            JsonArray parts => new MessageContent(parts.Select(Part).ToList()),
            _ => null,
        };
        if (b["is_error"] is JsonValue e)
            msg.AdditionalProperties = new Dictionary<string, JsonElement> { ["is_error"] = JsonDocument.Parse(e.ToJsonString()).RootElement.Clone() };
        return msg;
    }
}
