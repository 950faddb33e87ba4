namespace LlmAbstraction.Providers;

/// <summary>
/// The provider contract, kept tiny: identify yourself, complete, stream, embed. Everything else
/// (resolution, retries, routing, cost, telemetry) is the pipeline's job.
/// </summary>
/// <remarks>Implementations are singletons per client and must be thread-safe.</remarks>
public interface ILlmProvider
{
    /// <summary>The registry name (e.g. <c>openai</c>).</summary>
    string Name { get; }

    /// <summary>Sends one chat completion.</summary>
    Task<ChatCompletionResponse> CompleteAsync(ProviderRequest request, CancellationToken cancellationToken);

    /// <summary>Streams one chat completion as OpenAI-shaped chunks. The last chunk carries usage when the provider reports it.</summary>
    IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ProviderRequest request, CancellationToken cancellationToken);

    /// <summary>Computes embeddings. Providers without embeddings throw <see cref="UnsupportedParamsException"/>.</summary>
    Task<EmbeddingResponse> EmbedAsync(ProviderEmbeddingRequest request, CancellationToken cancellationToken);
}

/// <summary>One chat call as the provider adapter sees it: the request, the provider's own model id, and the resolved endpoint.</summary>
public sealed class ProviderRequest
{
    /// <summary>The caller's request (do not mutate; clone to change).</summary>
    public required ChatCompletionRequest Request { get; init; }

    /// <summary>The provider's model id, without the registry prefix.</summary>
    public required string Model { get; init; }

    /// <summary>Where and how to call.</summary>
    public required ProviderEndpoint Endpoint { get; init; }

    /// <summary>When true, parameters the provider cannot honour are dropped and reported in <see cref="Warnings"/>.</summary>
    public bool DropParams { get; init; }

    /// <summary>Warnings the adapter reports (e.g. dropped parameters); copied to the response details.</summary>
    public IList<string> Warnings => _warnings ??= new List<string>();

    private List<string>? _warnings;

    /// <summary>The warnings, or null when none was reported (without creating the list).</summary>
    internal IList<string>? WarningsOrNull => _warnings;
}

/// <summary>One embeddings call as the provider adapter sees it.</summary>
public sealed class ProviderEmbeddingRequest
{
    /// <summary>The caller's request.</summary>
    public required EmbeddingRequest Request { get; init; }
    /// <summary>The provider's model id.</summary>
    public required string Model { get; init; }
    /// <summary>Where and how to call.</summary>
    public required ProviderEndpoint Endpoint { get; init; }
}

/// <summary>A resolved endpoint: base URL, credentials and extra settings.</summary>
/// <remarks><see cref="ToString"/> never shows the key.</remarks>
public sealed class ProviderEndpoint
{
    /// <summary>The base URL, without a trailing slash.</summary>
    public required string ApiBase { get; init; }
    /// <summary>The API key, or <see langword="null"/> for providers that need none (or use other credentials).</summary>
    public string? ApiKey { get; init; }
    /// <summary>The API version, for providers that version by parameter or header.</summary>
    public string? ApiVersion { get; init; }
    /// <summary>Extra headers to send.</summary>
    public IDictionary<string, string>? Headers { get; init; }
    /// <summary>Provider-specific settings (region, project, location…).</summary>
    public IReadOnlyDictionary<string, string>? Settings { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{ApiBase} (key {(ApiKey is null ? "none" : SecretRedactor.Mask)})";
}
