using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmAbstraction.Providers.Ollama;

internal sealed class OllamaRequest
{
    public string Model { get; set; } = "";
    public List<OllamaMessage> Messages { get; set; } = [];
    /// <summary>Always written: Ollama streams when it is absent.</summary>
    public bool Stream { get; set; }
    public List<OllamaTool>? Tools { get; set; }
    public JsonElement? Format { get; set; }
    public Dictionary<string, JsonElement>? Options { get; set; }
    public JsonElement? Think { get; set; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed class OllamaMessage
{
    public string Role { get; set; } = "user";
    public string? Content { get; set; }
    public string? Thinking { get; set; }
    public List<string>? Images { get; set; }
    public List<OllamaToolCall>? ToolCalls { get; set; }
    public string? ToolName { get; set; }
}

internal sealed class OllamaTool
{
    public string Type { get; set; } = "function";
    public OllamaFunction Function { get; set; } = new();
}

internal sealed class OllamaFunction
{
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public JsonElement? Parameters { get; set; }
}

internal sealed class OllamaToolCall
{
    public string? Id { get; set; }
    public OllamaFunctionCall? Function { get; set; }
}

internal sealed class OllamaFunctionCall
{
    public int? Index { get; set; }
    public string? Name { get; set; }
    /// <summary>An object on the wire (not a JSON string as in OpenAI).</summary>
    public JsonElement? Arguments { get; set; }
}

/// <summary>A <c>/api/chat</c> answer, or one NDJSON line of a stream (which may instead be <c>{"error":"…"}</c>).</summary>
internal sealed class OllamaResponse
{
    public string? Model { get; set; }
    public string? CreatedAt { get; set; }
    public OllamaMessage? Message { get; set; }
    public bool Done { get; set; }
    public string? DoneReason { get; set; }
    public long? TotalDuration { get; set; }
    public long? LoadDuration { get; set; }
    public int? PromptEvalCount { get; set; }
    public long? PromptEvalDuration { get; set; }
    public int? EvalCount { get; set; }
    public long? EvalDuration { get; set; }
    public string? Error { get; set; }
}

internal sealed class OllamaEmbedRequest
{
    public string Model { get; set; } = "";
    /// <summary>A string for one input (as Ollama's docs show it), else an array.</summary>
    public JsonElement Input { get; set; }
    public int? Dimensions { get; set; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed class OllamaEmbedResponse
{
    public string? Model { get; set; }
    public List<float[]>? Embeddings { get; set; }
    public int? PromptEvalCount { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OllamaRequest))]
[JsonSerializable(typeof(OllamaResponse))]
[JsonSerializable(typeof(OllamaEmbedRequest))]
[JsonSerializable(typeof(OllamaEmbedResponse))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(int))]
internal sealed partial class OllamaJsonContext : JsonSerializerContext;
