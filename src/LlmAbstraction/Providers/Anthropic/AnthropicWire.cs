using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmAbstraction.Providers.Anthropic;

internal sealed class AnthropicRequest
{
    public string? Model { get; set; }
    public string? AnthropicVersion { get; set; }
    public int MaxTokens { get; set; }
    public List<AnthropicMessage> Messages { get; set; } = [];
    public TextOrBlocks? System { get; set; }
    public double? Temperature { get; set; }
    public double? TopP { get; set; }
    public List<string>? StopSequences { get; set; }
    public bool? Stream { get; set; }
    public List<AnthropicTool>? Tools { get; set; }
    public AnthropicToolChoice? ToolChoice { get; set; }
    public AnthropicMetadata? Metadata { get; set; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed class AnthropicMessage
{
    public string Role { get; set; } = "user";
    public List<AnthropicBlock> Content { get; set; } = [];
}

/// <summary>Every content block type in one shape (nulls are omitted, so each serializes as its own type).</summary>
internal sealed class AnthropicBlock
{
    public string Type { get; set; } = "text";
    public string? Text { get; set; }
    public AnthropicImageSource? Source { get; set; }
    public string? Id { get; set; }
    public string? Name { get; set; }
    public JsonElement? Input { get; set; }
    public string? ToolUseId { get; set; }
    public TextOrBlocks? Content { get; set; }
    public bool? IsError { get; set; }
    public string? Thinking { get; set; }
    public string? Signature { get; set; }
    public string? Data { get; set; }
    public CacheControl? CacheControl { get; set; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed class AnthropicImageSource
{
    public string Type { get; set; } = "base64";
    public string? MediaType { get; set; }
    public string? Data { get; set; }
    public string? Url { get; set; }
}

internal sealed class AnthropicTool
{
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public JsonElement InputSchema { get; set; }
    public CacheControl? CacheControl { get; set; }
}

internal sealed class AnthropicToolChoice
{
    public string Type { get; set; } = "auto";
    public string? Name { get; set; }
    public bool? DisableParallelToolUse { get; set; }
}

internal sealed class AnthropicMetadata
{
    public string? UserId { get; set; }
}

internal sealed class AnthropicResponse
{
    public string Id { get; set; } = "";
    public string? Type { get; set; }
    public string? Role { get; set; }
    public string Model { get; set; } = "";
    public List<AnthropicBlock> Content { get; set; } = [];
    public string? StopReason { get; set; }
    public string? StopSequence { get; set; }
    public AnthropicUsage? Usage { get; set; }
}

internal sealed class AnthropicUsage
{
    public int? InputTokens { get; set; }
    public int? OutputTokens { get; set; }
    public int? CacheCreationInputTokens { get; set; }
    public int? CacheReadInputTokens { get; set; }
    public AnthropicCacheCreation? CacheCreation { get; set; }
}

internal sealed class AnthropicCacheCreation
{
    [JsonPropertyName("ephemeral_5m_input_tokens")] public int? Ephemeral5mInputTokens { get; set; }
    [JsonPropertyName("ephemeral_1h_input_tokens")] public int? Ephemeral1hInputTokens { get; set; }
}

internal sealed class AnthropicStreamEvent
{
    public string Type { get; set; } = "";
    public AnthropicResponse? Message { get; set; }
    public int Index { get; set; }
    public AnthropicBlock? ContentBlock { get; set; }
    public AnthropicDelta? Delta { get; set; }
    public AnthropicUsage? Usage { get; set; }
    public JsonElement? Error { get; set; }
}

internal sealed class AnthropicDelta
{
    public string? Type { get; set; }
    public string? Text { get; set; }
    public string? PartialJson { get; set; }
    public string? Thinking { get; set; }
    public string? Signature { get; set; }
    public string? StopReason { get; set; }
    public string? StopSequence { get; set; }
}

/// <summary>A string, or a list of content blocks (Anthropic's <c>system</c> and <c>tool_result.content</c>).</summary>
[JsonConverter(typeof(TextOrBlocksConverter))]
internal sealed class TextOrBlocks
{
    public string? Text { get; init; }
    public List<AnthropicBlock>? Blocks { get; init; }
}

internal sealed class TextOrBlocksConverter : JsonConverter<TextOrBlocks>
{
    public override TextOrBlocks? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => new TextOrBlocks { Text = reader.GetString() },
        _ => new TextOrBlocks { Blocks = JsonSerializer.Deserialize(ref reader, AnthropicJsonContext.Default.ListAnthropicBlock) },
    };

    public override void Write(Utf8JsonWriter writer, TextOrBlocks value, JsonSerializerOptions options)
    {
        if (value.Text is not null) writer.WriteStringValue(value.Text);
        else JsonSerializer.Serialize(writer, value.Blocks ?? [], AnthropicJsonContext.Default.ListAnthropicBlock);
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AnthropicRequest))]
[JsonSerializable(typeof(AnthropicResponse))]
[JsonSerializable(typeof(AnthropicStreamEvent))]
[JsonSerializable(typeof(List<AnthropicBlock>))]
internal sealed partial class AnthropicJsonContext : JsonSerializerContext;
