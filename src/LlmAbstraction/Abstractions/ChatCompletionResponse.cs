using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmAbstraction;

/// <summary>A chat completion, shaped like OpenAI's, whichever provider answered.</summary>
public sealed class ChatCompletionResponse
{
    /// <summary>The completion id.</summary>
    public string Id { get; set; } = "";
    /// <summary>Always <c>chat.completion</c>.</summary>
    public string Object { get; set; } = "chat.completion";
    /// <summary>Creation time in Unix seconds.</summary>
    public long Created { get; set; }
    /// <summary>The model that answered, as the provider names it.</summary>
    public string Model { get; set; } = "";
    /// <summary>The choices (usually one).</summary>
    public IList<ChatChoice> Choices { get => _choices ??= new List<ChatChoice>(); set => _choices = value; }
    private IList<ChatChoice>? _choices; // created on first read: deserialization sets its own list
    /// <summary>Token usage.</summary>
    public Usage? Usage { get; set; }
    /// <summary>The backend fingerprint (OpenAI).</summary>
    public string? SystemFingerprint { get; set; }
    /// <summary>The service tier that served the request.</summary>
    public string? ServiceTier { get; set; }
    /// <summary>Fields this type does not model, kept so nothing is lost.</summary>
    [JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>What the gateway knows about this call: provider, model, cost, attempts, cache, warnings. Not serialized.</summary>
    [JsonIgnore] public ResponseDetails Details { get; set; } = new();

    /// <summary>The first choice's text content, or <see langword="null"/>.</summary>
    [JsonIgnore] public string? Content => Choices.Count > 0 ? Choices[0].Message.Content?.GetText() : null;
}

/// <summary>One choice of a completion.</summary>
public sealed class ChatChoice
{
    /// <summary>The choice index.</summary>
    public int Index { get; set; }
    /// <summary>The assistant message.</summary>
    public ChatMessage Message { get => _message ??= new() { Role = ChatRoles.Assistant }; set => _message = value; }
    private ChatMessage? _message; // created on first read: deserialization sets its own message
    /// <summary>Unified finish reason: see <see cref="FinishReasons"/>.</summary>
    public string? FinishReason { get; set; }
    /// <summary>Log probabilities, verbatim.</summary>
    public JsonElement? Logprobs { get; set; }
    /// <summary>The provider's own finish reason (e.g. Anthropic's <c>end_turn</c>). Not serialized.</summary>
    [JsonIgnore] public string? ProviderFinishReason { get; set; }
    /// <summary>Fields this type does not model (e.g. Azure's <c>content_filter_results</c>), kept so nothing is lost.</summary>
    [JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>The unified finish reasons.</summary>
public static class FinishReasons
{
    /// <summary>Natural end or a stop sequence.</summary>
    public const string Stop = "stop";
    /// <summary>The token limit was reached.</summary>
    public const string Length = "length";
    /// <summary>The model called tools.</summary>
    public const string ToolCalls = "tool_calls";
    /// <summary>Output was withheld by a safety system.</summary>
    public const string ContentFilter = "content_filter";
}
