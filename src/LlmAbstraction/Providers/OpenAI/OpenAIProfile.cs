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

    /// <summary>
    /// Builds the full request URL when a host does not use <c>base + path</c> (e.g. Azure's deployment URLs
    /// with <c>api-version</c>). <see langword="null"/> (the default) uses <see cref="ChatPath"/> / <see cref="EmbeddingsPath"/>.
    /// </summary>
    public OpenAIUrlBuilder? UrlBuilder { get; init; }

    /// <summary>The header that carries the key: <c>Authorization</c> (as <c>Bearer key</c>) or another name (raw key, e.g. Azure's <c>api-key</c>).</summary>
    public string AuthHeader { get; init; } = "Authorization";

    /// <summary>
    /// A source of bearer tokens (e.g. Microsoft Entra ID). When set, every call sends
    /// <c>Authorization: Bearer &lt;token&gt;</c> and the API key (if any) is not sent. Default <see langword="null"/>.
    /// </summary>
    public IAccessTokenProvider? TokenProvider { get; init; }

    /// <summary>Whether the host understands <c>stream_options.include_usage</c>.</summary>
    public bool SupportsStreamUsage { get; init; } = true;

    /// <summary>Whether a stream must end with <c>data: [DONE]</c>; when true, a stream that ends without it is an error.</summary>
    public bool RequiresDoneMarker { get; init; } = true;

    /// <summary>Request fields the host rejects; they are dropped (with a warning) or refused per DropParams.</summary>
    public IReadOnlyList<string> UnsupportedParams { get; init; } = [];

    /// <summary>Builds the URL for one operation: <see cref="UrlBuilder"/>, else the base URL plus the operation's path.</summary>
    internal string BuildUrl(ProviderEndpoint endpoint, string model, OpenAIOperation operation)
        => UrlBuilder is { } build
            ? build(endpoint, model, operation)
            : endpoint.ApiBase + (operation == OpenAIOperation.Embeddings ? EmbeddingsPath : ChatPath);
}

/// <summary>The OpenAI-wire operations an adapter calls.</summary>
public enum OpenAIOperation
{
    /// <summary><c>/chat/completions</c></summary>
    ChatCompletions,
    /// <summary><c>/embeddings</c></summary>
    Embeddings,
}

/// <summary>Builds the absolute request URL for an operation against a resolved endpoint.</summary>
/// <param name="endpoint">The resolved endpoint (base URL, API version, settings).</param>
/// <param name="model">The provider's model id (for Azure, the deployment name).</param>
/// <param name="operation">What is being called.</param>
public delegate string OpenAIUrlBuilder(ProviderEndpoint endpoint, string model, OpenAIOperation operation);
