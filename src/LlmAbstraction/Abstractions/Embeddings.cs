using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmAbstraction;

/// <summary>An embeddings request shaped like OpenAI's.</summary>
public sealed class EmbeddingRequest
{
    /// <summary>The embedding model.</summary>
    public string Model { get; set; } = "";
    /// <summary>The texts to embed. Serialized as an array.</summary>
    [JsonConverter(typeof(StringOrArrayConverter))]
    public IList<string> Input { get; set; } = new List<string>();
    /// <summary>Output dimensions, for models that support shortening.</summary>
    public int? Dimensions { get; set; }
    /// <summary><c>float</c> (default) or <c>base64</c>.</summary>
    public string? EncodingFormat { get; set; }
    /// <summary>An end-user identifier.</summary>
    public string? User { get; set; }
    /// <summary>Provider-specific body fields.</summary>
    [JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
    /// <summary>Overrides the provider's base URL.</summary>
    [JsonIgnore] public string? ApiBase { get; set; }
    /// <summary>Overrides the API key. Never logged.</summary>
    [JsonIgnore] public string? ApiKey { get; set; }
    /// <summary>Overrides the API version.</summary>
    [JsonIgnore] public string? ApiVersion { get; set; }
    /// <summary>Total time allowed.</summary>
    [JsonIgnore] public TimeSpan? Timeout { get; set; }
    /// <summary>Caller metadata for telemetry and budgets.</summary>
    [JsonIgnore] public IDictionary<string, string>? Metadata { get; set; }

    /// <summary>Per-request response-cache controls (no-cache, no-store, ttl, s-maxage, namespace); used only when <see cref="LlmClientOptions.Cache"/> is on.</summary>
    [JsonIgnore] public CacheControlOptions? Cache { get; set; }

    /// <summary>A shallow copy.</summary>
    public EmbeddingRequest Clone() => (EmbeddingRequest)MemberwiseClone();
}

/// <summary>An embeddings response shaped like OpenAI's.</summary>
public sealed class EmbeddingResponse
{
    /// <summary>Always <c>list</c>.</summary>
    public string Object { get; set; } = "list";
    /// <summary>One embedding per input, in input order.</summary>
    public IList<EmbeddingData> Data { get; set; } = new List<EmbeddingData>();
    /// <summary>The model that answered.</summary>
    public string Model { get; set; } = "";
    /// <summary>Token usage (prompt and total).</summary>
    public Usage? Usage { get; set; }
    /// <summary>Gateway details. Not serialized.</summary>
    [JsonIgnore] public ResponseDetails Details { get; set; } = new();
}

/// <summary>One embedding.</summary>
public sealed class EmbeddingData
{
    /// <summary>Always <c>embedding</c>.</summary>
    public string Object { get; set; } = "embedding";
    /// <summary>The input's index.</summary>
    public int Index { get; set; }
    /// <summary>The vector.</summary>
    public float[] Embedding { get; set; } = [];
}
