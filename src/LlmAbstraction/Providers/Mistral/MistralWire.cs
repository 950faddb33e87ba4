using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmAbstraction.Providers.Mistral;

// Mistral's response and chunk shapes: OpenAI-like, but content may be an array of text/thinking chunks,
// tool calls may lack type/index, arguments may be an object, and usage has num_cached_tokens.

internal sealed class MistralResponse
{
    public string? Id { get; set; }
    public string? Object { get; set; }
    public long Created { get; set; }
    public string? Model { get; set; }
    public List<MistralChoice>? Choices { get; set; }
    public MistralUsage? Usage { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

internal sealed class MistralChoice
{
    public int Index { get; set; }
    public MistralMessage? Message { get; set; }
    public MistralMessage? Delta { get; set; }
    public string? FinishReason { get; set; }
    public JsonElement? Logprobs { get; set; }
}

internal sealed class MistralMessage
{
    public string? Role { get; set; }
    /// <summary>A string, or an array of <c>{type:"text",text}</c> / <c>{type:"thinking",thinking:[…]}</c> chunks.</summary>
    public JsonElement? Content { get; set; }
    public List<MistralToolCall>? ToolCalls { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

internal sealed class MistralToolCall
{
    public string? Id { get; set; }
    public string? Type { get; set; }
    public int? Index { get; set; }
    public MistralFunctionCall? Function { get; set; }
}

internal sealed class MistralFunctionCall
{
    public string? Name { get; set; }
    /// <summary>A JSON string, or an object.</summary>
    public JsonElement? Arguments { get; set; }
}

internal sealed class MistralUsage
{
    public int PromptTokens { get; set; }
    public int CompletionTokens { get; set; }
    public int TotalTokens { get; set; }
    public int? NumCachedTokens { get; set; }
    public MistralPromptTokensDetails? PromptTokensDetails { get; set; }
}

internal sealed class MistralPromptTokensDetails
{
    public int? CachedTokens { get; set; }
}

internal sealed class MistralEmbeddingRequest
{
    public string Model { get; set; } = "";
    public IList<string> Input { get; set; } = [];
    public int? OutputDimension { get; set; }
    public string? EncodingFormat { get; set; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MistralResponse))]
[JsonSerializable(typeof(MistralEmbeddingRequest))]
internal sealed partial class MistralJsonContext : JsonSerializerContext;
