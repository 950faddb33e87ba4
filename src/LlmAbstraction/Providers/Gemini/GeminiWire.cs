using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmAbstraction.Providers.Gemini;

internal sealed class GeminiRequest
{
    public List<GeminiContent> Contents { get; set; } = [];
    public GeminiContent? SystemInstruction { get; set; }
    public List<GeminiTool>? Tools { get; set; }
    public GeminiToolConfig? ToolConfig { get; set; }
    public GeminiGenerationConfig? GenerationConfig { get; set; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed class GeminiContent
{
    public string? Role { get; set; }
    public List<GeminiPart> Parts { get; set; } = [];
}

/// <summary>Every part kind in one shape (nulls are omitted, so each serializes as its own kind).</summary>
internal sealed class GeminiPart
{
    public string? Text { get; set; }
    public bool? Thought { get; set; }
    public string? ThoughtSignature { get; set; }
    public GeminiBlob? InlineData { get; set; }
    public GeminiFileData? FileData { get; set; }
    public GeminiFunctionCall? FunctionCall { get; set; }
    public GeminiFunctionResponse? FunctionResponse { get; set; }
    public GeminiExecutableCode? ExecutableCode { get; set; }
    public GeminiCodeExecutionResult? CodeExecutionResult { get; set; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed class GeminiBlob
{
    public string MimeType { get; set; } = "";
    public string Data { get; set; } = "";
}

internal sealed class GeminiFileData
{
    public string MimeType { get; set; } = "";
    public string FileUri { get; set; } = "";
}

internal sealed class GeminiFunctionCall
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public JsonElement? Args { get; set; }
    public List<GeminiPartialArg>? PartialArgs { get; set; }
    public bool? WillContinue { get; set; }
}

/// <summary>A fragment of streamed function-call arguments (<c>streamFunctionCallArguments</c>).</summary>
internal sealed class GeminiPartialArg
{
    public string? JsonPath { get; set; }
    public string? StringValue { get; set; }
    public JsonElement? NumberValue { get; set; }
    public bool? BoolValue { get; set; }
    public JsonElement? NullValue { get; set; }
    public bool? WillContinue { get; set; }
}

internal sealed class GeminiFunctionResponse
{
    public string? Id { get; set; }
    public string Name { get; set; } = "";
    public JsonElement Response { get; set; }
}

internal sealed class GeminiExecutableCode
{
    public string? Language { get; set; }
    public string? Code { get; set; }
}

internal sealed class GeminiCodeExecutionResult
{
    public string? Outcome { get; set; }
    public string? Output { get; set; }
}

internal sealed class GeminiTool
{
    public List<GeminiFunctionDeclaration>? FunctionDeclarations { get; set; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed class GeminiFunctionDeclaration
{
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public JsonElement? Parameters { get; set; }
}

internal sealed class GeminiToolConfig
{
    public GeminiFunctionCallingConfig FunctionCallingConfig { get; set; } = new();
}

internal sealed class GeminiFunctionCallingConfig
{
    public string Mode { get; set; } = "AUTO";
    public List<string>? AllowedFunctionNames { get; set; }
}

internal sealed class GeminiGenerationConfig
{
    public int? MaxOutputTokens { get; set; }
    public double? Temperature { get; set; }
    public double? TopP { get; set; }
    public List<string>? StopSequences { get; set; }
    public int? CandidateCount { get; set; }
    public long? Seed { get; set; }
    public double? PresencePenalty { get; set; }
    public double? FrequencyPenalty { get; set; }
    public string? ResponseMimeType { get; set; }
    public JsonElement? ResponseSchema { get; set; }
    public GeminiThinkingConfig? ThinkingConfig { get; set; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? Extra { get; set; }

    [JsonIgnore]
    public bool IsEmpty => MaxOutputTokens is null && Temperature is null && TopP is null && StopSequences is null && CandidateCount is null
        && Seed is null && PresencePenalty is null && FrequencyPenalty is null && ResponseMimeType is null && ResponseSchema is null
        && ThinkingConfig is null && Extra is not { Count: > 0 };
}

internal sealed class GeminiThinkingConfig
{
    public int? ThinkingBudget { get; set; }
    public string? ThinkingLevel { get; set; }
    public bool? IncludeThoughts { get; set; }
}

internal sealed class GeminiResponse
{
    public List<GeminiCandidate>? Candidates { get; set; }
    public GeminiPromptFeedback? PromptFeedback { get; set; }
    public GeminiUsage? UsageMetadata { get; set; }
    public string? ModelVersion { get; set; }
    public string? ResponseId { get; set; }
    public JsonElement? Error { get; set; }
}

internal sealed class GeminiCandidate
{
    public GeminiContent? Content { get; set; }
    [JsonConverter(typeof(GeminiEnumConverter))] public string? FinishReason { get; set; }
    public string? FinishMessage { get; set; }
    public int? Index { get; set; }
}

internal sealed class GeminiPromptFeedback
{
    [JsonConverter(typeof(GeminiEnumConverter))] public string? BlockReason { get; set; }
    public string? BlockReasonMessage { get; set; }
}

internal sealed class GeminiUsage
{
    public int? PromptTokenCount { get; set; }
    public int? CandidatesTokenCount { get; set; }
    public int? TotalTokenCount { get; set; }
    public int? CachedContentTokenCount { get; set; }
    public int? ThoughtsTokenCount { get; set; }
    public int? ToolUsePromptTokenCount { get; set; }
}

internal sealed class GeminiEmbedRequest
{
    public List<GeminiEmbedContentRequest> Requests { get; set; } = [];
}

internal sealed class GeminiEmbedContentRequest
{
    public string Model { get; set; } = "";
    public GeminiContent Content { get; set; } = new();
    public string? TaskType { get; set; }
    public string? Title { get; set; }
    public int? OutputDimensionality { get; set; }
}

internal sealed class GeminiEmbedResponse
{
    public List<GeminiEmbedding>? Embeddings { get; set; }
}

internal sealed class GeminiEmbedding
{
    public float[] Values { get; set; } = [];
}

/// <summary>
/// Reads a protobuf enum sent as its name (<c>"STOP"</c>) or, with Vertex's <c>enum-encoding=int</c>, as its
/// number (<c>1</c>); numbers are kept as their decimal text for the mappers to translate.
/// </summary>
internal sealed class GeminiEnumConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => reader.GetInt64().ToString(CultureInfo.InvariantCulture),
        JsonTokenType.Null => null,
        _ => throw new JsonException($"Expected an enum name or number, not {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GeminiRequest))]
[JsonSerializable(typeof(GeminiResponse))]
[JsonSerializable(typeof(List<GeminiResponse>))]
[JsonSerializable(typeof(GeminiEmbedRequest))]
[JsonSerializable(typeof(GeminiEmbedResponse))]
internal sealed partial class GeminiJsonContext : JsonSerializerContext;
