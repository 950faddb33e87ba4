using System.Text.Json;

namespace LlmAbstraction.Configuration;

/// <summary>LiteLLM <c>litellm_settings.cache_params</c>.</summary>
public sealed class CacheSettings
{
    /// <summary><c>type</c>: <c>local</c>, <c>redis</c>, <c>redis-semantic</c>, <c>qdrant-semantic</c>, <c>s3</c>, <c>gcs</c>, <c>azure-blob</c> or <c>disk</c>.</summary>
    /// <value>Default <c>local</c>.</value>
    public string Type { get; init; } = "local";

    /// <summary><c>host</c> (Redis).</summary>
    /// <value>Default null.</value>
    public string? Host { get; init; }

    /// <summary><c>port</c> (Redis).</summary>
    /// <value>Default null.</value>
    public int? Port { get; init; }

    /// <summary><c>password</c> (Redis).</summary>
    /// <value>Default null.</value>
    public SecretValue? Password { get; init; }

    /// <summary><c>ttl</c> of cache entries.</summary>
    /// <value>Default null (backend default; 600 s in memory).</value>
    public TimeSpan? Ttl { get; init; }

    /// <summary><c>namespace</c>: key prefix.</summary>
    /// <value>Default null.</value>
    public string? Namespace { get; init; }

    /// <summary><c>similarity_threshold</c> (0..1) for semantic caches.</summary>
    /// <value>Default null.</value>
    public double? SimilarityThreshold { get; init; }

    /// <summary><c>mode</c>: <c>default_on</c> or <c>default_off</c>.</summary>
    /// <value>Default null (default_on).</value>
    public string? Mode { get; init; }

    /// <summary><c>supported_call_types</c>.</summary>
    /// <value>Default empty (all call types).</value>
    public IReadOnlyList<string> SupportedCallTypes { get; init; } = [];

    /// <summary>Every other (backend-specific) key, as written.</summary>
    /// <value>Default empty.</value>
    public IReadOnlyDictionary<string, JsonElement> Extra { get; init; } = EmptyExtra.Instance;
}
