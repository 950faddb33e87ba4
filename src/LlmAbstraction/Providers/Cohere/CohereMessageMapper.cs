namespace LlmAbstraction.Providers.Cohere;

/// <summary>
/// Maps OpenAI-shaped messages to Cohere v2 messages. The roles are the same (developer becomes system);
/// text stays a string, parts become <c>text</c> / <c>image_url</c> items; an assistant turn's
/// <see cref="ChatMessage.ReasoningContent"/> travels back as its <c>tool_plan</c> when it made tool calls;
/// tool results carry <c>tool_call_id</c> and their text content.
/// </summary>
internal static class CohereMessageMapper
{
    public static List<CohereMessage> Map(IList<ChatMessage> messages)
    {
        var result = new List<CohereMessage>(messages.Count);
        foreach (var m in messages)
        {
            if (m is null) throw new BadRequestException("The request contains a null message.");
            result.Add(m.Role switch
            {
                ChatRoles.System or ChatRoles.Developer => new CohereMessage { Role = "system", Content = Content(m.Content, allowImages: false) ?? Empty },
                ChatRoles.User => new CohereMessage { Role = "user", Content = Content(m.Content, allowImages: true) ?? Empty },
                ChatRoles.Assistant => Assistant(m),
                ChatRoles.Tool => Tool(m),
                _ => throw new BadRequestException($"Unknown message role '{m.Role}'. Expected system, developer, user, assistant or tool."),
            });
        }
        return result;
    }

    private static readonly CohereContent Empty = new() { Text = "" };

    private static CohereMessage Assistant(ChatMessage m)
    {
        var message = new CohereMessage { Role = "assistant" };
        if (m.Content is { } content && content.GetText().Length > 0) message.Content = Content(content, allowImages: false);
        if (m.ToolCalls is { Count: > 0 } calls)
        {
            message.ToolCalls = calls.Select(c => new CohereToolCall
            {
                Id = c.Id,
                Type = "function",
                Function = new CohereFunctionCall { Name = c.Function.Name, Arguments = string.IsNullOrWhiteSpace(c.Function.Arguments) ? "{}" : c.Function.Arguments },
            }).ToList();
            if (!string.IsNullOrEmpty(m.ReasoningContent)) message.ToolPlan = m.ReasoningContent;
        }
        else
        {
            message.Content ??= Empty;
        }
        return message;
    }

    private static CohereMessage Tool(ChatMessage m)
    {
        if (string.IsNullOrEmpty(m.ToolCallId)) throw new BadRequestException("A tool message needs the tool_call_id of the call it answers.");
        return new CohereMessage { Role = "tool", ToolCallId = m.ToolCallId, Content = Content(m.Content, allowImages: false) ?? Empty };
    }

    private static CohereContent? Content(MessageContent? content, bool allowImages)
    {
        if (content is null) return null;
        if (content.Text is not null) return new CohereContent { Text = content.Text };
        var parts = new List<CohereContentPart>(content.Parts!.Count);
        foreach (var part in content.Parts!)
        {
            parts.Add(part.Type switch
            {
                "text" => new CohereContentPart { Type = "text", Text = part.Text ?? "" },
                "image_url" when allowImages => Image(part),
                _ => throw new UnsupportedParamsException($"Cohere does not accept '{part.Type}' content parts here.", new LlmErrorDetails { Provider = "cohere", ErrorCode = "unsupported_content" }),
            });
        }
        return new CohereContent { Parts = parts };
    }

    private static CohereContentPart Image(ContentPart part)
    {
        if (string.IsNullOrEmpty(part.ImageUrl?.Url)) throw new BadRequestException("An image_url part has no url.");
        return new CohereContentPart { Type = "image_url", ImageUrl = new CohereImageUrl { Url = part.ImageUrl.Url, Detail = part.ImageUrl.Detail } };
    }
}
