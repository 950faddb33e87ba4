using System.Text.Json;

namespace LlmAbstraction.Providers.Mistral;

/// <summary>
/// Maps one history message for Mistral: tool-call ids (on assistant calls and tool results) rewritten to
/// Mistral's 9-alphanumeric form, assistant reasoning sent as a leading <c>thinking</c> chunk, and fields
/// Mistral does not know (cache_control, thinking_blocks, refusal) removed.
/// </summary>
internal static class MistralMessageMapper
{
    public static ChatMessage Map(ChatMessage m)
    {
        var mapped = new ChatMessage
        {
            Role = m.Role,
            Content = StripCacheControl(m.Content),
            Name = m.Name,
            ToolCallId = m.ToolCallId is null ? null : MistralToolCallIds.ToMistral(m.ToolCallId),
            ToolCalls = m.ToolCalls?.Select(c => new ToolCall { Id = MistralToolCallIds.ToMistral(c.Id), Type = c.Type, Function = c.Function }).ToList(),
            AdditionalProperties = m.AdditionalProperties,
        };
        if (m.Role == ChatRoles.Assistant && !string.IsNullOrEmpty(m.ReasoningContent))
            mapped.Content = WithThinking(m.ReasoningContent, mapped.Content);
        return mapped;
    }

    private static MessageContent? StripCacheControl(MessageContent? content)
    {
        if (content?.Parts is not { } parts || parts.All(p => p.CacheControl is null)) return content;
        return new MessageContent(parts.Select(p => new ContentPart { Type = p.Type, Text = p.Text, ImageUrl = p.ImageUrl, AdditionalProperties = p.AdditionalProperties }).ToList());
    }

    /// <summary><c>[{"type":"thinking","thinking":[{"type":"text","text":…}]}, …content as text chunks]</c>.</summary>
    private static MessageContent WithThinking(string reasoning, MessageContent? content)
    {
        var thinking = new ContentPart
        {
            Type = "thinking",
            AdditionalProperties = new Dictionary<string, JsonElement>
            {
                ["thinking"] = JsonSerializer.SerializeToElement([ContentPart.FromText(reasoning)], LlmJsonContext.Default.IListContentPart),
            },
        };
        var parts = new List<ContentPart> { thinking };
        if (content?.Parts is { } existing) parts.AddRange(existing);
        else if (content?.Text is { Length: > 0 } text) parts.Add(ContentPart.FromText(text));
        return new MessageContent(parts);
    }
}
