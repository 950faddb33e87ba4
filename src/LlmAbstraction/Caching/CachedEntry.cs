using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmAbstraction.Caching;

/// <summary>What a store holds: the full answer, when it was written and until when it is valid, and who answered.</summary>
internal sealed class CachedEntry
{
    /// <summary>When the entry was written (Unix milliseconds, from the client's clock).</summary>
    public long Created { get; set; }
    /// <summary>When the entry expires (Unix milliseconds); checked on read even if the store keeps it longer.</summary>
    public long Expires { get; set; }
    /// <summary>The provider that answered.</summary>
    public string? Provider { get; set; }
    /// <summary>The model that answered.</summary>
    public string? Model { get; set; }
    /// <summary>The deployment that answered.</summary>
    public string? Deployment { get; set; }
    /// <summary>A chat answer.</summary>
    public ChatCompletionResponse? Response { get; set; }
    /// <summary>One embedding.</summary>
    public float[]? Embedding { get; set; }
    /// <summary>The input tokens this embedding cost (apportioned from its batch).</summary>
    public int? Tokens { get; set; }

    public static byte[] Serialize(CachedEntry entry) => JsonSerializer.SerializeToUtf8Bytes(entry, CacheJsonContext.Default.CachedEntry);

    /// <summary>Reads an entry; null when the bytes are not one (another writer, an older format).</summary>
    public static CachedEntry? Deserialize(byte[] bytes)
    {
        try
        {
            return JsonSerializer.Deserialize(bytes, CacheJsonContext.Default.CachedEntry);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(CachedEntry))]
internal sealed partial class CacheJsonContext : JsonSerializerContext;
