using System.Buffers;
using System.Text;
using System.Text.Json;

namespace LlmAbstraction.Telemetry;

/// <summary>Message content in the GenAI semconv JSON shape (<c>[{role, parts:[…]}]</c>), only when the user opted in.</summary>
internal static class MessageContentJson
{
    public static string Input(IList<ChatMessage> messages)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var m in messages) Write(w, m, null);
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string Output(ChatCompletionResponse response)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var c in response.Choices) Write(w, c.Message, c.FinishReason);
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter w, ChatMessage m, string? finishReason)
    {
        w.WriteStartObject();
        w.WriteString("role", m.Role);
        w.WriteStartArray("parts");
        if (m.ReasoningContent is { } reasoning) Part(w, "reasoning", reasoning);
        if (m.Role == ChatRoles.Tool)
        {
            w.WriteStartObject();
            w.WriteString("type", "tool_call_response");
            w.WriteString("id", m.ToolCallId);
            w.WriteString("response", m.Content?.GetText());
            w.WriteEndObject();
        }
        else if (m.Content is { } content)
        {
            if (content.Parts is null) Part(w, "text", content.Text!);
            else
                foreach (var p in content.Parts)
                    if (p.Text is not null) Part(w, "text", p.Text);
                    else if (p.ImageUrl is not null) { w.WriteStartObject(); w.WriteString("type", "uri"); w.WriteString("modality", "image"); w.WriteString("uri", p.ImageUrl.Url.StartsWith("data:", StringComparison.Ordinal) ? "data:…" : p.ImageUrl.Url); w.WriteEndObject(); }
        }
        if (m.ToolCalls is { } calls)
            foreach (var call in calls)
            {
                w.WriteStartObject();
                w.WriteString("type", "tool_call");
                w.WriteString("id", call.Id);
                w.WriteString("name", call.Function.Name);
                w.WriteString("arguments", call.Function.Arguments);
                w.WriteEndObject();
            }
        w.WriteEndArray();
        if (finishReason is not null) w.WriteString("finish_reason", finishReason);
        w.WriteEndObject();
    }

    private static void Part(Utf8JsonWriter w, string type, string content)
    {
        w.WriteStartObject();
        w.WriteString("type", type);
        w.WriteString("content", content);
        w.WriteEndObject();
    }
}
