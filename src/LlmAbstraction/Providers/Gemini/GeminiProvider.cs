using System.Runtime.CompilerServices;

namespace LlmAbstraction.Providers.Gemini;

/// <summary>
/// Google's Gemini API (Google AI Studio): <c>generateContent</c>, <c>streamGenerateContent?alt=sse</c> and
/// <c>batchEmbedContents</c>, with the key in the <c>x-goog-api-key</c> header.
/// </summary>
public sealed class GeminiProvider : ILlmProvider
{
    /// <summary>The API version used when none is configured.</summary>
    public const string DefaultApiVersion = "v1beta";

    private readonly ProviderServices _services;

    /// <summary>The Gemini API's registry entry.</summary>
    public static ProviderDescriptor Descriptor { get; } = new()
    {
        Name = "gemini",
        DisplayName = "Google Gemini API (AI Studio)",
        DefaultApiBase = "https://generativelanguage.googleapis.com",
        ApiKeyEnvironmentVariables = ["GEMINI_API_KEY", "GOOGLE_API_KEY"],
        ApiBaseEnvironmentVariables = ["GEMINI_API_BASE"],
        BareModelPrefixes = ["gemini-"],
        Capabilities = ProviderCapabilities.Chat | ProviderCapabilities.Streaming | ProviderCapabilities.Tools | ProviderCapabilities.Vision
            | ProviderCapabilities.JsonSchema | ProviderCapabilities.Embeddings,
        Authentication = "`x-goog-api-key` (`GEMINI_API_KEY` / `GOOGLE_API_KEY`)",
        Factory = static s => new GeminiProvider(s),
    };

    /// <summary>Creates the adapter.</summary>
    public GeminiProvider(ProviderServices services) => _services = services ?? throw new ArgumentNullException(nameof(services));

    /// <inheritdoc/>
    public string Name => _services.Descriptor.Name;

    /// <inheritdoc/>
    public Task<ChatCompletionResponse> CompleteAsync(ProviderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CompleteCoreAsync(request, cancellationToken);
    }

    private async Task<ChatCompletionResponse> CompleteCoreAsync(ProviderRequest request, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(request, ":generateContent");
        return await GeminiCalls.CompleteAsync(_services, message, Call(request.Model, request.Endpoint), GeminiErrors.Parse, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ProviderRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var message = CreateMessage(request, ":streamGenerateContent?alt=sse");
        await foreach (var chunk in GeminiCalls.StreamAsync(_services, message, Call(request.Model, request.Endpoint), GeminiErrors.Parse, cancellationToken).ConfigureAwait(false))
            yield return chunk;
    }

    /// <inheritdoc/>
    public Task<EmbeddingResponse> EmbedAsync(ProviderEmbeddingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var url = ModelUrl(request.Endpoint, request.Model) + ":batchEmbedContents";
        return GeminiEmbeddings.EmbedAsync(_services, request, url, Call(request.Model, request.Endpoint), m => AddKey(m, request.Endpoint), cancellationToken);
    }

    private HttpRequestMessage CreateMessage(ProviderRequest request, string method)
    {
        var wire = GeminiRequestMapper.Map(request, Name);
        var message = GeminiCalls.CreateMessage(ModelUrl(request.Endpoint, request.Model) + method, wire, request.Endpoint);
        AddKey(message, request.Endpoint);
        return message;
    }

    private static string ModelUrl(ProviderEndpoint endpoint, string model)
    {
        var id = model.StartsWith("models/", StringComparison.Ordinal) ? model["models/".Length..] : model;
        return $"{endpoint.ApiBase}/{endpoint.ApiVersion ?? DefaultApiVersion}/models/{Uri.EscapeDataString(id)}";
    }

    private static void AddKey(HttpRequestMessage message, ProviderEndpoint endpoint)
    {
        if (endpoint.ApiKey is { } key) message.Headers.TryAddWithoutValidation("x-goog-api-key", key);
    }

    private ProviderCallInfo Call(string model, ProviderEndpoint endpoint) => new(Name, model, endpoint.ApiKey);
}
