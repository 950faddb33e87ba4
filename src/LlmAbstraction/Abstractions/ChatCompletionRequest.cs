using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmAbstraction;

/// <summary>
/// A chat completion request shaped like OpenAI's Chat Completions API, plus per-request gateway
/// parameters (endpoint, key, timeout, metadata, retries, fallbacks) that are never sent on the wire.
/// </summary>
/// <remarks>
/// Instances are mutable while the caller builds them; the pipeline never changes a caller's instance
/// (stages call <see cref="Clone"/> first). Not thread-safe for concurrent mutation.
/// </remarks>
public sealed class ChatCompletionRequest
{
    /// <summary>The model: <c>"provider/model"</c>, a bare model name the registry can infer, an alias, or a router group.</summary>
    public string Model { get; set; } = "";

    /// <summary>The conversation so far.</summary>
    public IList<ChatMessage> Messages { get; set; } = new List<ChatMessage>();

    /// <summary>Sampling temperature.</summary>
    public double? Temperature { get; set; }

    /// <summary>Nucleus sampling mass.</summary>
    public double? TopP { get; set; }

    /// <summary>Maximum tokens to generate (OpenAI's legacy name; still the most widely understood).</summary>
    public int? MaxTokens { get; set; }

    /// <summary>Maximum tokens to generate including reasoning tokens (OpenAI's newer name).</summary>
    public int? MaxCompletionTokens { get; set; }

    /// <summary>Stop sequences. Accepts a string or an array in JSON; always written as an array.</summary>
    [JsonConverter(typeof(StringOrArrayConverter))]
    public IList<string>? Stop { get; set; }

    /// <summary>Seed for best-effort deterministic sampling.</summary>
    public long? Seed { get; set; }

    /// <summary>An end-user identifier, forwarded to providers that accept one and used for budgets.</summary>
    public string? User { get; set; }

    /// <summary>Number of choices to generate.</summary>
    public int? N { get; set; }

    /// <summary>Presence penalty.</summary>
    public double? PresencePenalty { get; set; }

    /// <summary>Frequency penalty.</summary>
    public double? FrequencyPenalty { get; set; }

    /// <summary>Whether to return log probabilities.</summary>
    public bool? Logprobs { get; set; }

    /// <summary>Number of most likely tokens to return per position.</summary>
    public int? TopLogprobs { get; set; }

    /// <summary>Reasoning effort for reasoning models (<c>low</c>, <c>medium</c>, <c>high</c>, …).</summary>
    public string? ReasoningEffort { get; set; }

    /// <summary>Tools the model may call.</summary>
    public IList<ToolDefinition>? Tools { get; set; }

    /// <summary>How the model chooses tools.</summary>
    public ToolChoice? ToolChoice { get; set; }

    /// <summary>Whether the model may call several tools in one turn.</summary>
    public bool? ParallelToolCalls { get; set; }

    /// <summary>The output format (text, JSON object, or JSON schema).</summary>
    public ResponseFormat? ResponseFormat { get; set; }

    /// <summary>Set by the pipeline for streaming calls; callers use <see cref="ILlmClient.StreamCompletionAsync"/>.</summary>
    public bool? Stream { get; set; }

    /// <summary>Streaming options (e.g. <c>include_usage</c>).</summary>
    public StreamOptions? StreamOptions { get; set; }

    /// <summary>
    /// Provider-specific body fields (the "extra body"): written inline into the provider's request
    /// body (e.g. Anthropic's <c>thinking</c> or <c>top_k</c>). Unknown fields of a parsed request land here too.
    /// </summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    // ---- gateway parameters: never serialized ----

    /// <summary>Overrides the provider's base URL for this request.</summary>
    [JsonIgnore] public string? ApiBase { get; set; }

    /// <summary>Overrides the API key for this request. Never logged, traced or used in cache keys.</summary>
    [JsonIgnore] public string? ApiKey { get; set; }

    /// <summary>Overrides the API version (Azure, Anthropic) for this request.</summary>
    [JsonIgnore] public string? ApiVersion { get; set; }

    /// <summary>Total time allowed for this call, including retries and fallbacks. Defaults to <see cref="LlmClientOptions.Timeout"/>.</summary>
    [JsonIgnore] public TimeSpan? Timeout { get; set; }

    /// <summary>Caller metadata carried to telemetry, callbacks and budgets; never sent to the provider.</summary>
    [JsonIgnore] public IDictionary<string, string>? Metadata { get; set; }

    /// <summary>Extra HTTP headers for the provider call.</summary>
    [JsonIgnore] public IDictionary<string, string>? ExtraHeaders { get; set; }

    /// <summary>Retries for this request; <see langword="null"/> uses the client default.</summary>
    [JsonIgnore] public int? NumRetries { get; set; }

    /// <summary>Models to try, in order, when the requested one fails with a fallback-eligible error.</summary>
    [JsonIgnore] public IList<FallbackTarget>? Fallbacks { get; set; }

    /// <summary>When true, parameters the provider cannot honour are dropped (with a warning) instead of raising an error.</summary>
    [JsonIgnore] public bool? DropParams { get; set; }

    /// <summary>Per-request response-cache controls (no-cache, no-store, ttl, s-maxage, namespace); used only when <see cref="LlmClientOptions.Cache"/> is on.</summary>
    [JsonIgnore] public CacheControlOptions? Cache { get; set; }

    /// <summary>When set, the call is answered by the mock provider with this response: no network.</summary>
    [JsonIgnore] public MockResponse? MockResponse { get; set; }

    /// <summary>A shallow copy: lists and dictionaries are shared, so replace rather than mutate them.</summary>
    public ChatCompletionRequest Clone() => (ChatCompletionRequest)MemberwiseClone();
}
