using System.Text.Json.Serialization;

namespace LlmAbstraction.Providers.VertexAI;

internal sealed class VertexPredictRequest
{
    public List<VertexEmbedInstance> Instances { get; set; } = [];
    public VertexEmbedParameters? Parameters { get; set; }
}

internal sealed class VertexEmbedInstance
{
    public string Content { get; set; } = "";
    [JsonPropertyName("task_type")] public string? TaskType { get; set; }
    public string? Title { get; set; }
}

internal sealed class VertexEmbedParameters
{
    public int? OutputDimensionality { get; set; }
    public bool? AutoTruncate { get; set; }
}

internal sealed class VertexPredictResponse
{
    public List<VertexPrediction>? Predictions { get; set; }
}

internal sealed class VertexPrediction
{
    public VertexEmbeddingValues? Embeddings { get; set; }
}

internal sealed class VertexEmbeddingValues
{
    public float[] Values { get; set; } = [];
    public VertexEmbeddingStatistics? Statistics { get; set; }
}

internal sealed class VertexEmbeddingStatistics
{
    [JsonPropertyName("token_count")] public int? TokenCount { get; set; }
    public bool? Truncated { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(VertexPredictRequest))]
[JsonSerializable(typeof(VertexPredictResponse))]
internal sealed partial class VertexAIJsonContext : JsonSerializerContext;
