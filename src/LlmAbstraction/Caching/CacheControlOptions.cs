namespace LlmAbstraction;

/// <summary>
/// Per-request cache controls (<see cref="ChatCompletionRequest.Cache"/>, <see cref="EmbeddingRequest.Cache"/>), like
/// LiteLLM's <c>cache={"no-cache": True, "ttl": 60, ...}</c>. Every member left unset uses the client's
/// <see cref="CacheOptions"/>.
/// </summary>
public sealed class CacheControlOptions
{
    /// <summary>Do not answer from the cache (the fresh answer is still stored unless <see cref="NoStore"/>).</summary>
    public bool NoCache { get; set; }

    /// <summary>Do not store this call's answer.</summary>
    public bool NoStore { get; set; }

    /// <summary>How long this call's answer is kept. Must be positive.</summary>
    public TimeSpan? Ttl { get; set; }

    /// <summary>Accept only entries younger than this (HTTP's <c>s-maxage</c>). Zero accepts none.</summary>
    public TimeSpan? SMaxAge { get; set; }

    /// <summary>The namespace for this call's key, replacing <see cref="CacheOptions.Namespace"/>.</summary>
    public string? Namespace { get; set; }
}
