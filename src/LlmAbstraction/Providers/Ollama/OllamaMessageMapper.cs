using System.Text;
using System.Text.Json;

namespace LlmAbstraction.Providers.Ollama;

/// <summary>
/// Maps OpenAI-shaped messages to Ollama's: content is always a string (text parts joined); images travel as
/// base64 in the message's <c>images</c> (only <c>data:</c> URLs: Ollama fetches nothing); assistant tool-call
/// arguments become objects and the call ids are dropped; a tool result carries the <c>tool_name</c> of the call
/// it answers, found by its <c>tool_call_id</c> among the earlier assistant turns (or the message's <c>name</c>).
/// </summary>
internal static class OllamaMessageMapper
{
    public static List<OllamaMessage> Map(IList<ChatMessage> messages)
    {
        var result = new List<OllamaMessage>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            var m = messages[i] ?? throw new BadRequestException("The request contains a null message.");
            result.Add(m.Role switch
            {
                ChatRoles.System or ChatRoles.Developer => new OllamaMessage { Role = "system", Content = Text(m.Content, null) },
                ChatRoles.User => User(m),
                ChatRoles.Assistant => Assistant(m),
                ChatRoles.Tool => new OllamaMessage { Role = "tool", Content = Text(m.Content, null), ToolName = ToolName(messages, i) },
                _ => throw new BadRequestException($"Unknown message role '{m.Role}'. Expected system, developer, user, assistant or tool."),
            });
        }
        return result;
    }

    private static OllamaMessage User(ChatMessage m)
    {
        var images = new List<string>();
        var message = new OllamaMessage { Role = "user", Content = Text(m.Content, images) };
        if (images.Count > 0) message.Images = images;
        return message;
    }

    private static OllamaMessage Assistant(ChatMessage m)
    {
        var message = new OllamaMessage { Role = "assistant", Content = Text(m.Content, null) };
        if (!string.IsNullOrEmpty(m.ReasoningContent)) message.Thinking = m.ReasoningContent;
        if (m.ToolCalls is { Count: > 0 } calls)
            message.ToolCalls = calls.Select(c => new OllamaToolCall { Function = new OllamaFunctionCall { Name = c.Function.Name, Arguments = Arguments(c) } }).ToList();
        return message;
    }

    private static string? ToolName(IList<ChatMessage> messages, int toolIndex)
    {
        var tool = messages[toolIndex];
        var id = tool.ToolCallId;
        if (!string.IsNullOrEmpty(id))
        {
            for (var i = toolIndex - 1; i >= 0; i--)
            {
                if (messages[i]?.ToolCalls?.FirstOrDefault(c => c.Id == id) is { } call) return call.Function.Name;
            }
        }
        return tool.Name ?? throw new BadRequestException(
            $"The tool message answering '{id}' has no matching assistant tool call, and Ollama needs the tool's name: set the message's name.");
    }

    private static string Text(MessageContent? content, List<string>? images)
    {
        if (content is null) return "";
        if (content.Text is not null) return content.Text;
        var sb = new StringBuilder();
        foreach (var part in content.Parts!)
        {
            switch (part.Type)
            {
                case "text":
                    sb.Append(part.Text);
                    break;
                case "image_url" when images is not null:
                    images.Add(Base64Image(part.ImageUrl?.Url));
                    break;
                default:
                    throw new UnsupportedParamsException($"Ollama does not accept '{part.Type}' content parts here.", new LlmErrorDetails { Provider = "ollama", ErrorCode = "unsupported_content" });
            }
        }
        return sb.ToString();
    }

    private static string Base64Image(string? url)
    {
        if (string.IsNullOrEmpty(url)) throw new BadRequestException("An image_url part has no url.");
        if (!url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
            throw new UnsupportedParamsException("Ollama takes images as base64 only: pass a 'data:image/…;base64,…' URL (it does not fetch image URLs).",
                new LlmErrorDetails { Provider = "ollama", ErrorCode = "unsupported_content" });
        var comma = url.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0 || !url.AsSpan(0, comma).Contains(";base64", StringComparison.OrdinalIgnoreCase))
            throw new BadRequestException("An image data URL must look like 'data:image/png;base64,…'.");
        return url[(comma + 1)..];
    }

    private static JsonElement Arguments(ToolCall call)
    {
        var args = call.Function.Arguments;
        if (string.IsNullOrWhiteSpace(args)) return EmptyObject;
        try
        {
            using var doc = JsonDocument.Parse(args);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.Clone() : EmptyObject;
        }
        catch (JsonException ex)
        {
            throw new BadRequestException($"The arguments of tool call '{call.Id}' are not valid JSON.", new LlmErrorDetails { Provider = "ollama" }, ex);
        }
    }

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();
}
