using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmAbstraction;

/// <summary>A streamed chunk, shaped like OpenAI's <c>chat.completion.chunk</c>.</summary>
public sealed class ChatCompletionChunk
{
    /// <summary>The completion id (the same on every chunk).</summary>
    [JsonConverter(typeof(RepeatedStringConverter))]
    public string Id { get; set; } = "";
    /// <summary>Always <c>chat.completion.chunk</c>.</summary>
    [JsonConverter(typeof(RepeatedStringConverter))]
    public string Object { get; set; } = "chat.completion.chunk";
    /// <summary>Creation time in Unix seconds.</summary>
    public long Created { get; set; }
    /// <summary>The model that answers.</summary>
    [JsonConverter(typeof(RepeatedStringConverter))]
    public string Model { get; set; } = "";
    /// <summary>Deltas; empty on the final usage chunk.</summary>
    public IList<ChunkChoice> Choices { get => _choices ??= new List<ChunkChoice>(); set => _choices = value; }
    private IList<ChunkChoice>? _choices; // created on first read: deserialization sets its own list
    /// <summary>Usage, on the final chunk.</summary>
    public Usage? Usage { get; set; }
    /// <summary>The backend fingerprint (OpenAI).</summary>
    [JsonConverter(typeof(RepeatedStringConverter))]
    public string? SystemFingerprint { get; set; }
    /// <summary>The service tier.</summary>
    [JsonConverter(typeof(RepeatedStringConverter))]
    public string? ServiceTier { get; set; }
    /// <summary>Fields this type does not model.</summary>
    [JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Gateway details; set on the last chunk of a stream. Not serialized.</summary>
    [JsonIgnore] public ResponseDetails? Details { get; set; }
}

/// <summary>One choice's delta within a chunk.</summary>
public sealed class ChunkChoice
{
    /// <summary>The choice index.</summary>
    public int Index { get; set; }
    /// <summary>What this chunk adds.</summary>
    public ChatDelta Delta { get => _delta ??= new(); set => _delta = value; }
    private ChatDelta? _delta; // created on first read: deserialization sets its own delta
    /// <summary>Unified finish reason, on the choice's last chunk.</summary>
    public string? FinishReason { get; set; }
    /// <summary>Log probabilities, verbatim.</summary>
    public JsonElement? Logprobs { get; set; }
    /// <summary>The provider's own finish reason. Not serialized.</summary>
    [JsonIgnore] public string? ProviderFinishReason { get; set; }
    /// <summary>Fields this type does not model (e.g. Azure's <c>content_filter_results</c>).</summary>
    [JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>The incremental part of a message.</summary>
public sealed class ChatDelta
{
    /// <summary>The role, on the first delta.</summary>
    public string? Role { get; set; }
    /// <summary>A piece of text.</summary>
    public string? Content { get; set; }
    /// <summary>A piece of a refusal.</summary>
    public string? Refusal { get; set; }
    /// <summary>A piece of reasoning text.</summary>
    public string? ReasoningContent { get; set; }
    /// <summary>Reasoning blocks (with signatures), when the provider completes one.</summary>
    public IList<ThinkingBlock>? ThinkingBlocks { get; set; }
    /// <summary>Tool-call fragments, keyed by <see cref="ToolCallDelta.Index"/>.</summary>
    public IList<ToolCallDelta>? ToolCalls { get; set; }
    /// <summary>Fields this type does not model.</summary>
    [JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>A fragment of a tool call; <see cref="Id"/> and the name come on the first fragment of each index.</summary>
public sealed class ToolCallDelta
{
    /// <summary>Which tool call this fragment belongs to.</summary>
    public int Index { get; set; }
    /// <summary>The call id (first fragment only).</summary>
    public string? Id { get; set; }
    /// <summary><c>function</c> (first fragment only).</summary>
    public string? Type { get; set; }
    /// <summary>Name (first fragment) and an arguments fragment.</summary>
    public FunctionCall? Function { get; set; }
    /// <summary>Provider data for the call (see <see cref="ToolCall.ProviderSpecificFields"/>); merged into the rebuilt call.</summary>
    public IDictionary<string, JsonElement>? ProviderSpecificFields { get; set; }
}
