using System.Text.Json;

namespace LlmAbstraction.Providers.Anthropic;

/// <summary>
/// Maps OpenAI-shaped messages to Anthropic turns: system messages to the top-level <c>system</c>,
/// tool results to <c>tool_result</c> blocks in a user turn, consecutive same-role turns merged.
/// </summary>
internal static class AnthropicMessageMapper
{
    public static void Map(IList<ChatMessage> messages, AnthropicRequest wire)
    {
        List<AnthropicBlock>? system = null;
        var systemIsPlain = true;
        foreach (var m in messages)
        {
            if (m is null) throw new BadRequestException("The request contains a null message.");
            switch (m.Role)
            {
                case ChatRoles.System or ChatRoles.Developer:
                    system ??= [];
                    systemIsPlain &= m.Content?.Text is not null && m.CacheControl is null;
                    AddContent(system, m.Content, m.CacheControl);
                    break;
                case ChatRoles.User:
                    Append(wire.Messages, "user", UserBlocks(m));
                    break;
                case ChatRoles.Assistant:
                    Append(wire.Messages, "assistant", AssistantBlocks(m));
                    break;
                case ChatRoles.Tool:
                    Append(wire.Messages, "user", [ToolResult(m)]);
                    break;
                default:
                    throw new BadRequestException($"Unknown message role '{m.Role}'. Expected system, developer, user, assistant or tool.");
            }
        }
        if (system is { Count: > 0 })
            wire.System = systemIsPlain && system.Count == 1 ? new TextOrBlocks { Text = system[0].Text } : new TextOrBlocks { Blocks = system };
    }

    private static void Append(List<AnthropicMessage> turns, string role, List<AnthropicBlock> blocks)
    {
        if (blocks.Count == 0) return;
        if (turns.Count > 0 && turns[^1].Role == role) turns[^1].Content.AddRange(blocks);
        else turns.Add(new AnthropicMessage { Role = role, Content = blocks });
    }

    private static List<AnthropicBlock> UserBlocks(ChatMessage m)
    {
        var blocks = new List<AnthropicBlock>();
        AddContent(blocks, m.Content, m.CacheControl);
        return blocks;
    }

    private static void AddContent(List<AnthropicBlock> blocks, MessageContent? content, CacheControl? messageCache)
    {
        if (content is null) return;
        if (content.Text is not null)
        {
            blocks.Add(new AnthropicBlock { Type = "text", Text = content.Text, CacheControl = messageCache });
            return;
        }
        foreach (var part in content.Parts!)
        {
            blocks.Add(part.Type switch
            {
                "text" => new AnthropicBlock { Type = "text", Text = part.Text ?? "", CacheControl = part.CacheControl },
                "image_url" => Image(part),
                _ => throw new UnsupportedParamsException($"Anthropic does not accept '{part.Type}' content parts.", new LlmErrorDetails { Provider = "anthropic", ErrorCode = "unsupported_content" }),
            });
        }
        if (messageCache is not null && blocks.Count > 0) blocks[^1].CacheControl ??= messageCache;
    }

    private static AnthropicBlock Image(ContentPart part)
    {
        var url = part.ImageUrl?.Url;
        if (string.IsNullOrEmpty(url)) throw new BadRequestException("An image_url part has no url.");
        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            var comma = url.IndexOf(',', StringComparison.Ordinal);
            var semi = url.IndexOf(';', StringComparison.Ordinal);
            if (comma < 0 || semi < 0 || semi > comma || !url.AsSpan(semi, comma - semi).Contains("base64", StringComparison.OrdinalIgnoreCase))
                throw new BadRequestException("An image data URL must look like 'data:image/png;base64,…'.");
            return new AnthropicBlock { Type = "image", Source = new AnthropicImageSource { Type = "base64", MediaType = url[5..semi], Data = url[(comma + 1)..] }, CacheControl = part.CacheControl };
        }
        return new AnthropicBlock { Type = "image", Source = new AnthropicImageSource { Type = "url", Url = url }, CacheControl = part.CacheControl };
    }

    private static List<AnthropicBlock> AssistantBlocks(ChatMessage m)
    {
        var blocks = new List<AnthropicBlock>();
        if (m.ThinkingBlocks is { } thinking)
            foreach (var t in thinking)
                blocks.Add(t.Type == "redacted_thinking"
                    ? new AnthropicBlock { Type = "redacted_thinking", Data = t.Data }
                    : new AnthropicBlock { Type = "thinking", Thinking = t.Thinking ?? "", Signature = t.Signature });
        if (m.Content is { } content && content.GetText().Length > 0) AddContent(blocks, content, m.CacheControl);
        if (m.ToolCalls is { } calls)
            foreach (var call in calls)
                blocks.Add(new AnthropicBlock { Type = "tool_use", Id = call.Id, Name = call.Function.Name ?? "", Input = ParseArguments(call) });
        return blocks;
    }

    private static AnthropicBlock ToolResult(ChatMessage m)
    {
        if (string.IsNullOrEmpty(m.ToolCallId)) throw new BadRequestException("A tool message needs the tool_call_id of the call it answers.");
        var block = new AnthropicBlock { Type = "tool_result", ToolUseId = m.ToolCallId, CacheControl = m.CacheControl };
        if (m.Content is { Text: { } text }) block.Content = new TextOrBlocks { Text = text };
        else if (m.Content is { Parts: { } })
        {
            var parts = new List<AnthropicBlock>();
            AddContent(parts, m.Content, null);
            block.Content = new TextOrBlocks { Blocks = parts };
        }
        if (m.AdditionalProperties?.TryGetValue("is_error", out var isError) == true && isError.ValueKind is JsonValueKind.True or JsonValueKind.False)
            block.IsError = isError.GetBoolean();
        return block;
    }

    private static JsonElement ParseArguments(ToolCall call)
    {
        var args = call.Function.Arguments;
        if (string.IsNullOrWhiteSpace(args)) return EmptyObject;
        try
        {
            using var doc = JsonDocument.Parse(args);
            return doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new BadRequestException($"The arguments of tool call '{call.Id}' are not valid JSON.", new LlmErrorDetails { Provider = "anthropic" }, ex);
        }
    }

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();
}
