namespace LlmAbstraction.Providers.OpenAI;

/// <summary>How an OpenAI-wire host differs from OpenAI itself: paths, auth header, quirks. Data, not code.</summary>
public sealed record OpenAIProfile
{
    /// <summary>OpenAI itself.</summary>
    public static OpenAIProfile Default { get; } = new();

    /// <summary>The chat completions path appended to the base URL.</summary>
    public string ChatPath { get; init; } = "/chat/completions";

    /// <summary>The embeddings path appended to the base URL.</summary>
    public string EmbeddingsPath { get; init; } = "/embeddings";

    /// <summary>The header that carries the key: <c>Authorization</c> (as <c>Bearer key</c>) or another name (raw key, e.g. Azure's <c>api-key</c>).</summary>
    public string AuthHeader { get; init; } = "Authorization";

    /// <summary>Whether the host understands <c>stream_options.include_usage</c>.</summary>
    public bool SupportsStreamUsage { get; init; } = true;

    /// <summary>Whether a stream must end with <c>data: [DONE]</c>; when true, a stream that ends without it is an error.</summary>
    public bool RequiresDoneMarker { get; init; } = true;

    /// <summary>Request fields the host rejects; they are dropped (with a warning) or refused per DropParams.</summary>
    public IReadOnlyList<string> UnsupportedParams { get; init; } = [];
}
