using System.Text.Json;

namespace LlmAbstraction.Providers.Bedrock;

/// <summary>
/// Maps OpenAI-shaped messages to Converse turns: system/developer messages to the top-level <c>system</c> blocks,
/// tool results to <c>toolResult</c> blocks of a user turn, assistant tool calls to <c>toolUse</c> blocks, thinking
/// blocks to <c>reasoningContent</c>, and consecutive same-role turns merged (Converse roles must alternate).
/// Blank text blocks are skipped (Bedrock rejects them).
/// </summary>
internal static class BedrockMessageMapper
{
    public static void Map(IList<ChatMessage> messages, ConverseRequest wire)
    {
        foreach (var m in messages)
        {
            if (m is null) throw new BadRequestException("The request contains a null message.");
            switch (m.Role)
            {
                case ChatRoles.System or ChatRoles.Developer:
                    var system = wire.System ??= [];
                    AddContent(system, m.Content, allowImages: false);
                    AddCachePoint(system, m.CacheControl);
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
        if (wire.System is { Count: 0 }) wire.System = null;
    }

    /// <summary>Whether any turn carries toolUse or toolResult blocks (Bedrock then requires a toolConfig).</summary>
    public static bool HasToolBlocks(ConverseRequest wire)
        => wire.Messages.Any(m => m.Content.Any(b => b.ToolUse is not null || b.ToolResult is not null));

    private static void Append(List<ConverseMessage> turns, string role, List<ConverseBlock> blocks)
    {
        if (blocks.Count == 0) return;
        if (turns.Count > 0 && turns[^1].Role == role) turns[^1].Content.AddRange(blocks);
        else turns.Add(new ConverseMessage { Role = role, Content = blocks });
    }

    private static List<ConverseBlock> UserBlocks(ChatMessage m)
    {
        var blocks = new List<ConverseBlock>();
        AddContent(blocks, m.Content, allowImages: true);
        AddCachePoint(blocks, m.CacheControl);
        return blocks;
    }

    private static void AddContent(List<ConverseBlock> blocks, MessageContent? content, bool allowImages)
    {
        if (content is null) return;
        if (content.Text is not null)
        {
            if (!string.IsNullOrWhiteSpace(content.Text)) blocks.Add(new ConverseBlock { Text = content.Text });
            return;
        }
        foreach (var part in content.Parts!)
        {
            switch (part.Type)
            {
                case "text":
                    if (!string.IsNullOrWhiteSpace(part.Text)) blocks.Add(new ConverseBlock { Text = part.Text });
                    break;
                case "image_url" when allowImages:
                    blocks.Add(new ConverseBlock { Image = BedrockImages.Map(part) });
                    break;
                default:
                    throw new UnsupportedParamsException($"Bedrock Converse does not accept '{part.Type}' content parts here.",
                        new LlmErrorDetails { Provider = BedrockProvider.ProviderName, ErrorCode = "unsupported_content" });
            }
            AddCachePoint(blocks, part.CacheControl);
        }
    }

    private static void AddCachePoint(List<ConverseBlock> blocks, CacheControl? cache)
    {
        if (cache is not null && blocks.Count > 0) blocks.Add(new ConverseBlock { CachePoint = CachePointOf(cache) });
    }

    internal static CachePoint CachePointOf(CacheControl cache) => new() { Type = "default", Ttl = cache.Ttl };

    private static List<ConverseBlock> AssistantBlocks(ChatMessage m)
    {
        var blocks = new List<ConverseBlock>();
        if (m.ThinkingBlocks is { } thinking)
            foreach (var t in thinking)
                blocks.Add(new ConverseBlock
                {
                    ReasoningContent = t.Type == "redacted_thinking"
                        ? new ReasoningBlock { RedactedContent = t.Data }
                        : new ReasoningBlock { ReasoningText = new ReasoningText { Text = t.Thinking ?? "", Signature = t.Signature } },
                });
        AddContent(blocks, m.Content, allowImages: false);
        if (m.ToolCalls is { } calls)
            foreach (var call in calls)
                blocks.Add(new ConverseBlock { ToolUse = new ToolUseBlock { ToolUseId = call.Id, Name = call.Function.Name ?? "", Input = ParseArguments(call) } });
        AddCachePoint(blocks, m.CacheControl);
        return blocks;
    }

    private static ConverseBlock ToolResult(ChatMessage m)
    {
        if (string.IsNullOrEmpty(m.ToolCallId)) throw new BadRequestException("A tool message needs the tool_call_id of the call it answers.");
        var result = new ToolResultBlock { ToolUseId = m.ToolCallId };
        // Tool output is text in the OpenAI shape, so it is sent as a text block (never re-parsed into a json block);
        // empty output is an empty content list (a blank text block would be rejected).
        var text = m.Content?.GetText();
        if (!string.IsNullOrEmpty(text)) result.Content.Add(new ConverseBlock { Text = text });
        if (m.AdditionalProperties?.TryGetValue("is_error", out var isError) == true && isError.ValueKind == JsonValueKind.True)
            result.Status = "error";
        return new ConverseBlock { ToolResult = result };
    }

    private static JsonElement ParseArguments(ToolCall call)
    {
        var args = call.Function.Arguments;
        if (string.IsNullOrWhiteSpace(args)) return EmptyObject;
        try
        {
            using var doc = JsonDocument.Parse(args);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.Clone() : throw new JsonException("not an object");
        }
        catch (JsonException ex)
        {
            throw new BadRequestException($"The arguments of tool call '{call.Id}' are not a JSON object (Bedrock toolUse.input must be one).",
                new LlmErrorDetails { Provider = BedrockProvider.ProviderName }, ex);
        }
    }

    internal static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();
}
