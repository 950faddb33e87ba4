using System.Text.Json.Serialization;

namespace LlmAbstraction;

/// <summary>
/// Source-generated System.Text.Json metadata for the OpenAI-shaped exchange types: snake_case names,
/// nulls omitted. Use it to (de)serialize requests, responses and chunks without reflection.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(ChatCompletionResponse))]
[JsonSerializable(typeof(ChatCompletionChunk))]
[JsonSerializable(typeof(List<ContentPart>))]
[JsonSerializable(typeof(IList<ContentPart>))]
[JsonSerializable(typeof(EmbeddingRequest))]
[JsonSerializable(typeof(EmbeddingResponse))]
public sealed partial class LlmJsonContext : JsonSerializerContext;
