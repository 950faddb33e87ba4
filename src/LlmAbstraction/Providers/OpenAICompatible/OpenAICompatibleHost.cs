namespace LlmAbstraction.Providers.OpenAICompatible;

/// <summary>
/// One host that speaks the OpenAI wire format: where it is, where its key comes from, and how it differs.
/// The built-in catalogue is a list of these (the embedded <c>openai-compatible-hosts.json</c>); a JSON file
/// of the same shape can be loaded with <see cref="OpenAICompatibleProviders.LoadCatalog"/>.
/// </summary>
public sealed record OpenAICompatibleHost
{
    /// <summary>The registry name and model prefix (e.g. <c>groq</c> for <c>groq/llama-3.3-70b-versatile</c>).</summary>
    public required string Name { get; init; }

    /// <summary>A human-readable name. Default: <see cref="Name"/>.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The default base URL (without <c>/chat/completions</c>), or empty when it must be configured (e.g. self-hosted vLLM).</summary>
    public string ApiBase { get; init; } = "";

    /// <summary>Environment variables that may hold the key, in order of preference.</summary>
    public IReadOnlyList<string> ApiKeyEnvironmentVariables { get; init; } = [];

    /// <summary>Environment variables that may hold the base URL.</summary>
    public IReadOnlyList<string> ApiBaseEnvironmentVariables { get; init; } = [];

    /// <summary>Whether a call without a key is refused before it is sent. Default <see langword="true"/>; local servers say false.</summary>
    public bool RequiresApiKey { get; init; } = true;

    /// <summary>The header carrying the key: <c>Authorization</c> (Bearer, the default) or a header that takes the raw key.</summary>
    public string AuthHeader { get; init; } = "Authorization";

    /// <summary>What the host supports (for the provider table and capability checks). Default: chat and streaming.</summary>
    public ProviderCapabilities Capabilities { get; init; } = ProviderCapabilities.Chat | ProviderCapabilities.Streaming;

    /// <summary>Request fields (wire names, e.g. <c>logprobs</c>) the host rejects: refused, or dropped with a warning under DropParams.</summary>
    public IReadOnlyList<string> UnsupportedParams { get; init; } = [];

    /// <summary>Whether the host understands <c>stream_options.include_usage</c>. Default <see langword="true"/>.</summary>
    public bool SupportsStreamUsage { get; init; } = true;

    /// <summary>Whether its streams end with <c>data: [DONE]</c> (a stream without it is then a truncation error). Default <see langword="true"/>.</summary>
    public bool RequiresDoneMarker { get; init; } = true;

    /// <summary>The chat path appended to the base URL. Default <c>/chat/completions</c>.</summary>
    public string ChatPath { get; init; } = "/chat/completions";

    /// <summary>The embeddings path appended to the base URL. Default <c>/embeddings</c>.</summary>
    public string EmbeddingsPath { get; init; } = "/embeddings";

    /// <summary>Bare model-name prefixes that select this host without a <c>name/</c> prefix. Default none.</summary>
    public IReadOnlyList<string> BareModelPrefixes { get; init; } = [];

    /// <summary>Free-text remarks (documentation only).</summary>
    public string? Notes { get; init; }
}
