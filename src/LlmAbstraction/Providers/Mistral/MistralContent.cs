using System.Text;
using System.Text.Json;

namespace LlmAbstraction.Providers.Mistral;

/// <summary>Splits Mistral content (a string, or text/thinking chunks) into text and reasoning.</summary>
internal static class MistralContent
{
    public static (string? Text, string? Reasoning) Split(JsonElement? content)
    {
        if (content is not { } c) return (null, null);
        switch (c.ValueKind)
        {
            case JsonValueKind.String: return (c.GetString(), null);
            case JsonValueKind.Array:
                StringBuilder? text = null, reasoning = null;
                foreach (var chunk in c.EnumerateArray())
                {
                    if (chunk.ValueKind != JsonValueKind.Object) continue;
                    var type = chunk.TryGetProperty("type", out var t) ? t.GetString() : null;
                    if (type == "thinking" && chunk.TryGetProperty("thinking", out var thinking))
                        AppendText(reasoning ??= new(), thinking);
                    else if (type == "text" && chunk.TryGetProperty("text", out var tx) && tx.ValueKind == JsonValueKind.String)
                        (text ??= new()).Append(tx.GetString());
                }
                return (text?.ToString(), reasoning?.ToString());
            default: return (null, null);
        }
    }

    private static void AppendText(StringBuilder sb, JsonElement thinking)
    {
        if (thinking.ValueKind == JsonValueKind.String) { sb.Append(thinking.GetString()); return; }
        if (thinking.ValueKind != JsonValueKind.Array) return;
        foreach (var part in thinking.EnumerateArray())
            if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var tx) && tx.ValueKind == JsonValueKind.String)
                sb.Append(tx.GetString());
    }

    /// <summary>Arguments as a JSON string: Mistral sends a string, but an object is accepted too.</summary>
    public static string? Arguments(JsonElement? arguments) => arguments switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Null } => null,
        { } other => other.GetRawText(),
    };
}
