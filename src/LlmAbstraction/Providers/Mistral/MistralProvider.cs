using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace LlmAbstraction.Providers.Mistral;

/// <summary>
/// Mistral La Plateforme (<c>mistral/…</c>, and bare <c>mistral-</c>, <c>codestral-</c>, <c>magistral-</c>…):
/// OpenAI-like chat and embeddings with Mistral's differences (9-alphanumeric tool-call ids, <c>tool_choice:"any"</c>,
/// <c>random_seed</c>, <c>model_length</c>, <c>num_cached_tokens</c>, thinking content chunks).
/// </summary>
public sealed class MistralProvider : ILlmProvider
{
    private readonly ProviderServices _services;

    /// <summary>Mistral's registry entry.</summary>
    public static ProviderDescriptor Descriptor { get; } = new()
    {
        Name = "mistral",
        DisplayName = "Mistral AI",
        DefaultApiBase = "https://api.mistral.ai/v1",
        ApiKeyEnvironmentVariables = ["MISTRAL_API_KEY"],
        ApiBaseEnvironmentVariables = ["MISTRAL_API_BASE"],
        BareModelPrefixes = ["mistral-", "codestral-", "codestral", "magistral-", "ministral-", "pixtral-", "devstral-", "voxtral-", "open-mistral-", "open-mixtral-", "open-codestral-"],
        Capabilities = ProviderCapabilities.Chat | ProviderCapabilities.Streaming | ProviderCapabilities.Tools | ProviderCapabilities.Vision | ProviderCapabilities.JsonSchema | ProviderCapabilities.Embeddings,
        Authentication = "Bearer key (`MISTRAL_API_KEY`)",
        Factory = static s => new MistralProvider(s),
    };

    /// <summary>Creates the adapter.</summary>
    public MistralProvider(ProviderServices services) => _services = services ?? throw new ArgumentNullException(nameof(services));

    /// <inheritdoc/>
    public string Name => _services.Descriptor.Name;

    /// <inheritdoc/>
    public async Task<ChatCompletionResponse> CompleteAsync(ProviderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var wire = MistralRequestMapper.Map(request, Name, stream: false);
        using var message = CreateMessage(request.Endpoint, "/chat/completions", JsonSerializer.SerializeToUtf8Bytes(wire, LlmJsonContext.Default.ChatCompletionRequest));
        var call = new ProviderCallInfo(Name, request.Model, request.Endpoint.ApiKey);
        using var response = await _services.Transport.SendAsync(message, call, MistralErrors.Parse, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var parsed = await ProviderJson.DeserializeAsync(body, MistralJsonContext.Default.MistralResponse, call, cancellationToken).ConfigureAwait(false);
            var result = MistralResponseMapper.Map(parsed, _services.TimeProvider, request.Warnings);
            result.Details.ProviderRequestId = RequestId(response.Headers);
            return result;
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ProviderRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var wire = MistralRequestMapper.Map(request, Name, stream: true);
        using var message = CreateMessage(request.Endpoint, "/chat/completions", JsonSerializer.SerializeToUtf8Bytes(wire, LlmJsonContext.Default.ChatCompletionRequest));
        var call = new ProviderCallInfo(Name, request.Model, request.Endpoint.ApiKey);
        using var response = await _services.Transport.SendAsync(message, call, MistralErrors.Parse, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var _ = body.ConfigureAwait(false);
        var mapper = new MistralStreamMapper(_services.TimeProvider, request.Warnings);
        var done = false;
        await foreach (var item in SseStream.ReadAsync(body, ParseEvent, call, cancellationToken).ConfigureAwait(false))
        {
            if (item.Data.Done) { done = true; break; }
            if (item.Data.Error is { } error)
                throw _services.Transport.CreateError(null, error, response.Headers, call, MistralErrors.Parse);
            if (item.Data.Chunk is not { } chunk) continue;
            foreach (var mapped in mapper.Map(chunk)) yield return mapped;
        }
        if (!done)
            throw new ApiConnectionException($"{Name} stream for model '{request.Model}' ended without its [DONE] marker: the response was cut short.",
                new LlmErrorDetails { Provider = Name, Model = request.Model, ErrorCode = "stream_truncated" });
    }

    /// <inheritdoc/>
    public async Task<EmbeddingResponse> EmbedAsync(ProviderEmbeddingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var r = request.Request;
        // Mistral has no `user` on embeddings; it is not forwarded. `dimensions` is Mistral's `output_dimension`.
        var wire = new MistralEmbeddingRequest { Model = request.Model, Input = r.Input, OutputDimension = r.Dimensions, EncodingFormat = r.EncodingFormat, AdditionalProperties = r.AdditionalProperties };
        using var message = CreateMessage(request.Endpoint, "/embeddings", JsonSerializer.SerializeToUtf8Bytes(wire, MistralJsonContext.Default.MistralEmbeddingRequest));
        var call = new ProviderCallInfo(Name, request.Model, request.Endpoint.ApiKey);
        using var response = await _services.Transport.SendAsync(message, call, MistralErrors.Parse, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var result = await ProviderJson.DeserializeAsync(body, LlmJsonContext.Default.EmbeddingResponse, call, cancellationToken).ConfigureAwait(false);
            result.Details.ProviderRequestId = RequestId(response.Headers);
            return result;
        }
    }

    private static string? RequestId(HttpResponseHeaders headers)
        => headers.TryGetValues("mistral-correlation-id", out var v) ? v.FirstOrDefault() : LlmHttpTransport.RequestId(headers);

    private static HttpRequestMessage CreateMessage(ProviderEndpoint endpoint, string path, byte[] body)
        => ProviderHttp.JsonPost(endpoint.ApiBase + path, body, endpoint, endpoint.ApiKey);

    private static MistralSseEvent ParseEvent(string eventType, ReadOnlySpan<byte> data)
    {
        if (data.SequenceEqual("[DONE]"u8)) return new MistralSseEvent(null, null, true);
        if (data.IsEmpty) return default;
        var chunk = JsonSerializer.Deserialize(data, MistralJsonContext.Default.MistralResponse);
        return chunk is not null && (chunk.Object == "error" || chunk.AdditionalProperties?.ContainsKey("error") == true)
            ? new MistralSseEvent(null, System.Text.Encoding.UTF8.GetString(data), false)
            : new MistralSseEvent(chunk, null, false);
    }

    private readonly record struct MistralSseEvent(MistralResponse? Chunk, string? Error, bool Done);
}
