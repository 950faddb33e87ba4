using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmAbstraction;

/// <summary>One message of a conversation, shaped like OpenAI's chat message.</summary>
public sealed class ChatMessage
{
    /// <summary>Creates an empty message (for serializers and object initializers).</summary>
    public ChatMessage() { }

    /// <summary>Creates a message with a role and text content.</summary>
    public ChatMessage(string role, string? content)
    {
        Role = role;
        Content = content;
    }

    /// <summary>The role: see <see cref="ChatRoles"/>.</summary>
    public string Role { get; set; } = ChatRoles.User;

    /// <summary>Text, or a list of content parts (text, images, audio, files).</summary>
    public MessageContent? Content { get; set; }

    /// <summary>An optional participant name.</summary>
    public string? Name { get; set; }

    /// <summary>Tool calls made by the assistant.</summary>
    public IList<ToolCall>? ToolCalls { get; set; }

    /// <summary>For <c>tool</c> messages: the id of the call this message answers.</summary>
    public string? ToolCallId { get; set; }

    /// <summary>A refusal message from the model.</summary>
    public string? Refusal { get; set; }

    /// <summary>Reasoning text the provider exposed (Anthropic thinking, Gemini thoughts…), kept apart from the content.</summary>
    public string? ReasoningContent { get; set; }

    /// <summary>Reasoning blocks with their signatures, to be sent back verbatim on the next turn.</summary>
    public IList<ThinkingBlock>? ThinkingBlocks { get; set; }

    /// <summary>Prompt-caching marker for providers that support it (Anthropic <c>cache_control</c>).</summary>
    public CacheControl? CacheControl { get; set; }

    /// <summary>Fields this type does not model (e.g. <c>annotations</c>), kept so nothing is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>A system message.</summary>
    public static ChatMessage System(string text) => new(ChatRoles.System, text);

    /// <summary>A user message.</summary>
    public static ChatMessage User(string text) => new(ChatRoles.User, text);

    /// <summary>A user message made of parts (text and images).</summary>
    public static ChatMessage User(params ContentPart[] parts) => new() { Role = ChatRoles.User, Content = new MessageContent(parts) };

    /// <summary>An assistant message.</summary>
    public static ChatMessage Assistant(string? text) => new(ChatRoles.Assistant, text);

    /// <summary>A tool result answering the call <paramref name="toolCallId"/>.</summary>
    public static ChatMessage Tool(string toolCallId, string result) => new(ChatRoles.Tool, result) { ToolCallId = toolCallId };
}

/// <summary>The message roles of the Chat Completions API.</summary>
public static class ChatRoles
{
    /// <summary><c>system</c></summary>
    public const string System = "system";
    /// <summary><c>developer</c> (OpenAI's newer name for system instructions).</summary>
    public const string Developer = "developer";
    /// <summary><c>user</c></summary>
    public const string User = "user";
    /// <summary><c>assistant</c></summary>
    public const string Assistant = "assistant";
    /// <summary><c>tool</c></summary>
    public const string Tool = "tool";
}

/// <summary>A reasoning block with the provider's signature (Anthropic <c>thinking</c> / <c>redacted_thinking</c>).</summary>
public sealed class ThinkingBlock
{
    /// <summary><c>thinking</c> or <c>redacted_thinking</c>.</summary>
    public string Type { get; set; } = "thinking";
    /// <summary>The reasoning text.</summary>
    public string? Thinking { get; set; }
    /// <summary>The provider's signature over the block.</summary>
    public string? Signature { get; set; }
    /// <summary>Encrypted data of a redacted block.</summary>
    public string? Data { get; set; }
}

/// <summary>A prompt-caching marker (<c>{"type":"ephemeral","ttl":"5m"}</c>).</summary>
public sealed class CacheControl
{
    /// <summary>Always <c>ephemeral</c> today.</summary>
    public string Type { get; set; } = "ephemeral";
    /// <summary>Optional time to live: <c>5m</c> or <c>1h</c>.</summary>
    public string? Ttl { get; set; }
}
