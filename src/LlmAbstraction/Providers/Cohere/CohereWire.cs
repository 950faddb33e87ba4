using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmAbstraction.Providers.Cohere;

internal sealed class CohereRequest
{
    public string Model { get; set; } = "";
    public List<CohereMessage> Messages { get; set; } = [];
    public bool Stream { get; set; }
    public List<CohereTool>? Tools { get; set; }
    public bool? StrictTools { get; set; }
    public string? ToolChoice { get; set; }
    public int? MaxTokens { get; set; }
    public List<string>? StopSequences { get; set; }
    public double? Temperature { get; set; }
    public long? Seed { get; set; }
    public double? FrequencyPenalty { get; set; }
    public double? PresencePenalty { get; set; }
    public double? P { get; set; }
    public double? K { get; set; }
    public CohereResponseFormat? ResponseFormat { get; set; }
    public CohereThinking? Thinking { get; set; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed class CohereMessage
{
    public string Role { get; set; } = "user";
    public CohereContent? Content { get; set; }
    public string? ToolPlan { get; set; }
    public List<CohereToolCall>? ToolCalls { get; set; }
    public string? ToolCallId { get; set; }
}

/// <summary>A message's content: a string, or a list of parts (text, image_url).</summary>
[JsonConverter(typeof(CohereContentConverter))]
internal sealed class CohereContent
{
    public string? Text { get; init; }
    public List<CohereContentPart>? Parts { get; init; }
}

internal sealed class CohereContentPart
{
    public string Type { get; set; } = "text";
    public string? Text { get; set; }
    public string? Thinking { get; set; }
    public CohereImageUrl? ImageUrl { get; set; }
}

internal sealed class CohereImageUrl
{
    public string Url { get; set; } = "";
    public string? Detail { get; set; }
}

internal sealed class CohereTool
{
    public string Type { get; set; } = "function";
    public CohereFunction Function { get; set; } = new();
}

internal sealed class CohereFunction
{
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public JsonElement? Parameters { get; set; }
}

internal sealed class CohereToolCall
{
    public string? Id { get; set; }
    public string? Type { get; set; }
    public CohereFunctionCall? Function { get; set; }
}

internal sealed class CohereFunctionCall
{
    public string? Name { get; set; }
    public string? Arguments { get; set; }
}

internal sealed class CohereResponseFormat
{
    public string Type { get; set; } = "json_object";
    public JsonElement? JsonSchema { get; set; }
}

internal sealed class CohereThinking
{
    public string Type { get; set; } = "enabled";
    public int? TokenBudget { get; set; }
}

internal sealed class CohereResponse
{
    public string? Id { get; set; }
    public string? FinishReason { get; set; }
    public CohereResponseMessage? Message { get; set; }
    public CohereUsage? Usage { get; set; }
}

internal sealed class CohereResponseMessage
{
    public string? Role { get; set; }
    public List<CohereContentPart>? Content { get; set; }
    public string? ToolPlan { get; set; }
    public List<CohereToolCall>? ToolCalls { get; set; }
    public JsonElement? Citations { get; set; }
}

/// <summary>Counts are numbers in the spec and sometimes arrive as <c>18.0</c>, hence doubles.</summary>
internal sealed class CohereUsage
{
    public JsonElement? BilledUnits { get; set; }
    public CohereTokens? Tokens { get; set; }
    public double? CachedTokens { get; set; }
}

internal sealed class CohereTokens
{
    public double? InputTokens { get; set; }
    public double? OutputTokens { get; set; }
}

/// <summary>One streamed event; <c>delta.message</c> fields change shape by event type, so they stay raw.</summary>
internal sealed class CohereStreamEvent
{
    public string Type { get; set; } = "";
    public string? Id { get; set; }
    public int? Index { get; set; }
    public CohereStreamDelta? Delta { get; set; }
}

internal sealed class CohereStreamDelta
{
    public CohereStreamMessage? Message { get; set; }
    public string? FinishReason { get; set; }
    public CohereUsage? Usage { get; set; }
}

internal sealed class CohereStreamMessage
{
    public string? Role { get; set; }
    public JsonElement? Content { get; set; }
    public string? ToolPlan { get; set; }
    public JsonElement? ToolCalls { get; set; }
    public JsonElement? Citations { get; set; }
}

internal sealed class CohereEmbedRequest
{
    public string Model { get; set; } = "";
    public List<string>? Texts { get; set; }
    public string? InputType { get; set; }
    public List<string> EmbeddingTypes { get; set; } = ["float"];
    public int? OutputDimension { get; set; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed class CohereEmbedResponse
{
    public string? Id { get; set; }
    public CohereEmbeddings? Embeddings { get; set; }
    public CohereEmbedMeta? Meta { get; set; }
}

internal sealed class CohereEmbeddings
{
    public List<float[]>? Float { get; set; }
}

internal sealed class CohereEmbedMeta
{
    public CohereBilledUnits? BilledUnits { get; set; }
}

internal sealed class CohereBilledUnits
{
    public double? InputTokens { get; set; }
}

internal sealed class CohereContentConverter : JsonConverter<CohereContent>
{
    public override CohereContent? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => new CohereContent { Text = reader.GetString() },
        _ => new CohereContent { Parts = JsonSerializer.Deserialize(ref reader, CohereJsonContext.Default.ListCohereContentPart) },
    };

    public override void Write(Utf8JsonWriter writer, CohereContent value, JsonSerializerOptions options)
    {
        if (value.Text is not null) writer.WriteStringValue(value.Text);
        else JsonSerializer.Serialize(writer, value.Parts ?? [], CohereJsonContext.Default.ListCohereContentPart);
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(CohereRequest))]
[JsonSerializable(typeof(CohereResponse))]
[JsonSerializable(typeof(CohereStreamEvent))]
[JsonSerializable(typeof(CohereEmbedRequest))]
[JsonSerializable(typeof(CohereEmbedResponse))]
[JsonSerializable(typeof(List<CohereContentPart>))]
[JsonSerializable(typeof(CohereContentPart))]
[JsonSerializable(typeof(CohereToolCall))]
internal sealed partial class CohereJsonContext : JsonSerializerContext;
