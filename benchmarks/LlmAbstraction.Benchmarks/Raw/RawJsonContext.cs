using System.Text.Json.Serialization;

namespace LlmAbstraction.Benchmarks.Raw;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RawChatRequest))]
[JsonSerializable(typeof(RawChatResponse))]
[JsonSerializable(typeof(RawMessagesRequest))]
[JsonSerializable(typeof(RawMessagesResponse))]
[JsonSerializable(typeof(RawStreamEvent))]
public sealed partial class RawJsonContext : JsonSerializerContext;
