using System.Runtime.CompilerServices;
using System.Text.Json;

namespace LlmAbstraction.Providers.Cohere;

/// <summary>
/// Cohere's v2 API: <c>POST /v2/chat</c> (JSON, or SSE events when streaming) and <c>POST /v2/embed</c>, with a Bearer key.
/// The assistant's <c>tool_plan</c> is surfaced as <see cref="ChatMessage.ReasoningContent"/>, never as content.
/// </summary>
public sealed class CohereProvider : ILlmProvider
{
    private readonly ProviderServices _services;

    /// <summary>Cohere's registry entry.</summary>
    public static ProviderDescriptor Descriptor { get; } = new()
    {
        Name = "cohere",
        DisplayName = "Cohere",
        DefaultApiBase = "https://api.cohere.com",
        ApiKeyEnvironmentVariables = ["COHERE_API_KEY", "CO_API_KEY"],
        ApiBaseEnvironmentVariables = ["COHERE_API_BASE", "CO_API_URL"],
        BareModelPrefixes = ["command-", "embed-english-", "embed-multilingual-"],
        Capabilities = ProviderCapabilities.Chat | ProviderCapabilities.Streaming | ProviderCapabilities.Tools | ProviderCapabilities.Vision
            | ProviderCapabilities.JsonSchema | ProviderCapabilities.Embeddings,
        Authentication = "Bearer key (`COHERE_API_KEY` / `CO_API_KEY`)",
        Factory = static s => new CohereProvider(s),
    };

    /// <summary>Creates the adapter.</summary>
    public CohereProvider(ProviderServices services) => _services = services ?? throw new ArgumentNullException(nameof(services));

    /// <inheritdoc/>
    public string Name => _services.Descriptor.Name;

    /// <inheritdoc/>
    public async Task<ChatCompletionResponse> CompleteAsync(ProviderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var wire = CohereRequestMapper.Map(request, stream: false);
        using var message = CreateMessage(request.Endpoint, "/v2/chat", JsonSerializer.SerializeToUtf8Bytes(wire, CohereJsonContext.Default.CohereRequest));
        var call = new ProviderCallInfo(Name, request.Model, request.Endpoint.ApiKey);
        using var response = await _services.Transport.SendAsync(message, call, CohereErrors.Parse, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var result = await ProviderJson.DeserializeAsync(body, CohereJsonContext.Default.CohereResponse, call, cancellationToken).ConfigureAwait(false);
            if (CohereResponseMapper.FailureFor(result.FinishReason) is { } code)
                throw CohereErrors.FinishedWithError(_services.Transport, call, result.FinishReason!, code);
            var mapped = CohereResponseMapper.Map(result, request.Model, _services.TimeProvider.GetUtcNow().ToUnixTimeSeconds());
            mapped.Details.ProviderRequestId = LlmHttpTransport.RequestId(response.Headers);
            return mapped;
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ProviderRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var wire = CohereRequestMapper.Map(request, stream: true);
        using var message = CreateMessage(request.Endpoint, "/v2/chat", JsonSerializer.SerializeToUtf8Bytes(wire, CohereJsonContext.Default.CohereRequest));
        var call = new ProviderCallInfo(Name, request.Model, request.Endpoint.ApiKey);
        using var response = await _services.Transport.SendAsync(message, call, CohereErrors.Parse, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var _ = body.ConfigureAwait(false);
        var mapper = new CohereStreamMapper(request.Model, _services.TimeProvider.GetUtcNow().ToUnixTimeSeconds());
        var chunks = new List<ChatCompletionChunk>(2);
        await foreach (var item in SseStream.ReadAsync(body, ParseEvent, call, cancellationToken).ConfigureAwait(false))
        {
            if (item.Data is not { } e) continue;
            mapper.Map(e, chunks);
            if (mapper.Completed && CohereResponseMapper.FailureFor(mapper.ProviderFinishReason) is { } code)
                throw CohereErrors.FinishedWithError(_services.Transport, call, mapper.ProviderFinishReason!, code);
            foreach (var chunk in chunks) yield return chunk;
            chunks.Clear();
            if (mapper.Completed) yield break;
        }
        throw new ApiConnectionException($"cohere stream for model '{request.Model}' ended without message-end: the response was cut short.",
            new LlmErrorDetails { Provider = Name, Model = request.Model, ErrorCode = "stream_truncated" });
    }

    /// <inheritdoc/>
    public async Task<EmbeddingResponse> EmbedAsync(ProviderEmbeddingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var wire = CohereEmbeddingMapper.Map(request);
        using var message = CreateMessage(request.Endpoint, "/v2/embed", JsonSerializer.SerializeToUtf8Bytes(wire, CohereJsonContext.Default.CohereEmbedRequest));
        var call = new ProviderCallInfo(Name, request.Model, request.Endpoint.ApiKey);
        using var response = await _services.Transport.SendAsync(message, call, CohereErrors.Parse, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var result = await ProviderJson.DeserializeAsync(body, CohereJsonContext.Default.CohereEmbedResponse, call, cancellationToken).ConfigureAwait(false);
            var mapped = CohereEmbeddingMapper.Map(result, request.Model);
            mapped.Details.ProviderRequestId = LlmHttpTransport.RequestId(response.Headers);
            return mapped;
        }
    }

    private static HttpRequestMessage CreateMessage(ProviderEndpoint endpoint, string path, byte[] body)
        => ProviderHttp.JsonPost(endpoint.ApiBase + path, body, endpoint, endpoint.ApiKey);

    private static CohereStreamEvent? ParseEvent(string eventType, ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty || data.SequenceEqual("[DONE]"u8)) return null;
        try
        {
            return JsonSerializer.Deserialize(data, CohereJsonContext.Default.CohereStreamEvent);
        }
        catch (JsonException ex)
        {
            throw new ApiConnectionException("cohere sent a stream event that is not valid JSON.", new LlmErrorDetails { Provider = "cohere", ErrorCode = "stream_malformed" }, ex);
        }
    }
}
