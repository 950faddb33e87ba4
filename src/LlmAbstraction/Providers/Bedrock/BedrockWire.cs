using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmAbstraction.Providers.Bedrock;

// Wire types of the Bedrock Runtime Converse API (botocore bedrock-runtime 2023-09-30 service model). Bedrock unions
// (ContentBlock, ToolResultContentBlock, ...) are one class each whose null members are omitted, so exactly one member
// is written. Unknown response fields (padding "p", metrics, trace...) are ignored.

internal sealed class ConverseRequest
{
    public List<ConverseMessage> Messages { get; set; } = [];
    public List<ConverseBlock>? System { get; set; }
    public InferenceConfig? InferenceConfig { get; set; }
    public ToolConfig? ToolConfig { get; set; }
    public Dictionary<string, JsonElement>? AdditionalModelRequestFields { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed class ConverseMessage
{
    public string Role { get; set; } = "user";
    public List<ConverseBlock> Content { get; set; } = [];
}

/// <summary>ContentBlock / SystemContentBlock / ToolResultContentBlock: one member set.</summary>
internal sealed class ConverseBlock
{
    public string? Text { get; set; }
    public JsonElement? Json { get; set; }
    public ImageBlock? Image { get; set; }
    public ToolUseBlock? ToolUse { get; set; }
    public ToolResultBlock? ToolResult { get; set; }
    public ReasoningBlock? ReasoningContent { get; set; }
    public CachePoint? CachePoint { get; set; }
}

internal sealed class ImageBlock
{
    public string Format { get; set; } = "png";
    public ImageSource Source { get; set; } = new();
}

internal sealed class ImageSource
{
    public string? Bytes { get; set; }
    public S3Location? S3Location { get; set; }
}

internal sealed class S3Location
{
    public string Uri { get; set; } = "";
}

internal sealed class ToolUseBlock
{
    public string ToolUseId { get; set; } = "";
    public string Name { get; set; } = "";
    public JsonElement? Input { get; set; }
}

internal sealed class ToolResultBlock
{
    public string ToolUseId { get; set; } = "";
    public List<ConverseBlock> Content { get; set; } = [];
    public string? Status { get; set; }
}

internal sealed class ReasoningBlock
{
    public ReasoningText? ReasoningText { get; set; }
    /// <summary>Base64 blob.</summary>
    public string? RedactedContent { get; set; }
}

internal sealed class ReasoningText
{
    public string? Text { get; set; }
    public string? Signature { get; set; }
}

internal sealed class CachePoint
{
    public string Type { get; set; } = "default";
    public string? Ttl { get; set; }
}

internal sealed class InferenceConfig
{
    public int? MaxTokens { get; set; }
    public double? Temperature { get; set; }
    public double? TopP { get; set; }
    public List<string>? StopSequences { get; set; }
}

internal sealed class ToolConfig
{
    public List<ConverseTool> Tools { get; set; } = [];
    public ConverseToolChoice? ToolChoice { get; set; }
}

internal sealed class ConverseTool
{
    public ToolSpec? ToolSpec { get; set; }
    public CachePoint? CachePoint { get; set; }
}

internal sealed class ToolSpec
{
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public ToolInputSchema InputSchema { get; set; } = new();
}

internal sealed class ToolInputSchema
{
    public JsonElement Json { get; set; }
}

internal sealed class ConverseToolChoice
{
    public JsonElement? Auto { get; set; }
    public JsonElement? Any { get; set; }
    public NamedTool? Tool { get; set; }
}

internal sealed class NamedTool
{
    public string Name { get; set; } = "";
}

internal sealed class ConverseResponse
{
    public ConverseOutput? Output { get; set; }
    public string? StopReason { get; set; }
    public ConverseUsage? Usage { get; set; }
}

internal sealed class ConverseOutput
{
    public ConverseMessage? Message { get; set; }
}

internal sealed class ConverseUsage
{
    public int? InputTokens { get; set; }
    public int? OutputTokens { get; set; }
    public int? TotalTokens { get; set; }
    public int? CacheReadInputTokens { get; set; }
    public int? CacheWriteInputTokens { get; set; }
}

/// <summary>The payload of any ConverseStream event (the event name is in the <c>:event-type</c> header).</summary>
internal sealed class ConverseStreamEvent
{
    public string? Role { get; set; }
    public int? ContentBlockIndex { get; set; }
    public StreamBlockStart? Start { get; set; }
    public StreamBlockDelta? Delta { get; set; }
    public string? StopReason { get; set; }
    public ConverseUsage? Usage { get; set; }
    public string? Message { get; set; }
}

internal sealed class StreamBlockStart
{
    public ToolUseBlock? ToolUse { get; set; }
}

internal sealed class StreamBlockDelta
{
    public string? Text { get; set; }
    public ToolUseDelta? ToolUse { get; set; }
    public ReasoningDelta? ReasoningContent { get; set; }
}

internal sealed class ToolUseDelta
{
    public string? Input { get; set; }
}

internal sealed class ReasoningDelta
{
    public string? Text { get; set; }
    public string? Signature { get; set; }
    public string? RedactedContent { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConverseRequest))]
[JsonSerializable(typeof(ConverseResponse))]
[JsonSerializable(typeof(ConverseStreamEvent))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class BedrockJsonContext : JsonSerializerContext;
