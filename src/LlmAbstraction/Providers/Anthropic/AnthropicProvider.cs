using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace LlmAbstraction.Providers.Anthropic;

/// <summary>Anthropic's Messages API: request and response mapping, the SSE event sequence, and errors.</summary>
public sealed class AnthropicProvider : ILlmProvider
{
    /// <summary>The API version sent when none is configured.</summary>
    public const string DefaultApiVersion = "2023-06-01";

    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");
    private readonly ProviderServices _services;

    /// <summary>Anthropic's registry entry.</summary>
    public static ProviderDescriptor Descriptor { get; } = new()
    {
        Name = "anthropic",
        DisplayName = "Anthropic",
        DefaultApiBase = "https://api.anthropic.com",
        ApiKeyEnvironmentVariables = ["ANTHROPIC_API_KEY"],
        ApiBaseEnvironmentVariables = ["ANTHROPIC_BASE_URL", "ANTHROPIC_API_BASE"],
        BareModelPrefixes = ["claude-"],
        Capabilities = ProviderCapabilities.Chat | ProviderCapabilities.Streaming | ProviderCapabilities.Tools | ProviderCapabilities.Vision,
        Authentication = "`x-api-key` (`ANTHROPIC_API_KEY`)",
        Factory = static s => new AnthropicProvider(s),
    };

    /// <summary>Creates the adapter.</summary>
    public AnthropicProvider(ProviderServices services) => _services = services ?? throw new ArgumentNullException(nameof(services));

    /// <inheritdoc/>
    public string Name => _services.Descriptor.Name;

    /// <inheritdoc/>
    public async Task<ChatCompletionResponse> CompleteAsync(ProviderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var message = CreateMessage(request, stream: false);
        var call = new ProviderCallInfo(Name, request.Model, request.Endpoint.ApiKey);
        using var response = await _services.Transport.SendAsync(message, call, AnthropicErrors.Parse, cancellationToken).ConfigureAwait(false);
        return await ReadResponseAsync(response, call, _services.TimeProvider, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a Messages response body (also used by hosts that serve Anthropic's format, e.g. Vertex AI rawPredict).</summary>
    internal static async Task<ChatCompletionResponse> ReadResponseAsync(HttpResponseMessage response, ProviderCallInfo call, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var wire = await ProviderJson.DeserializeAsync(body, AnthropicJsonContext.Default.AnthropicResponse, call, cancellationToken).ConfigureAwait(false);
            var result = AnthropicResponseMapper.Map(wire, time.GetUtcNow().ToUnixTimeSeconds());
            result.Details.ProviderRequestId = LlmHttpTransport.RequestId(response.Headers);
            return result;
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ProviderRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var message = CreateMessage(request, stream: true);
        var call = new ProviderCallInfo(Name, request.Model, request.Endpoint.ApiKey);
        using var response = await _services.Transport.SendAsync(message, call, AnthropicErrors.Parse, cancellationToken).ConfigureAwait(false);
        await foreach (var chunk in ReadStreamAsync(response, call, _services, AnthropicErrors.Parse, cancellationToken).ConfigureAwait(false))
            yield return chunk;
    }

    /// <summary>Reads Anthropic's SSE event sequence (also used by hosts that serve Anthropic's format, e.g. Vertex AI streamRawPredict).</summary>
    internal static async IAsyncEnumerable<ChatCompletionChunk> ReadStreamAsync(HttpResponseMessage response, ProviderCallInfo call, ProviderServices services, ProviderErrorParser parseError, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var _ = body.ConfigureAwait(false);
        var mapper = new AnthropicStreamMapper(services.TimeProvider.GetUtcNow().ToUnixTimeSeconds());
        await foreach (var item in SseStream.ReadAsync(body, ParseEvent, call, cancellationToken).ConfigureAwait(false))
        {
            var e = item.Data;
            if (e is null) continue;
            if (e.Type == "error")
                throw services.Transport.CreateError(null, "{\"type\":\"error\",\"error\":" + (e.Error?.GetRawText() ?? "null") + "}", response.Headers, call, parseError);
            if (mapper.Map(e) is { } chunk) yield return chunk;
            if (mapper.Completed) yield break;
        }
        throw new ApiConnectionException($"{call.Provider} stream for model '{call.Model}' ended without message_stop: the response was cut short.",
            new LlmErrorDetails { Provider = call.Provider, Model = call.Model, ErrorCode = "stream_truncated" });
    }

    /// <inheritdoc/>
    public Task<EmbeddingResponse> EmbedAsync(ProviderEmbeddingRequest request, CancellationToken cancellationToken)
        => throw new UnsupportedParamsException("Anthropic has no embeddings API; use another provider's embedding model.",
            new LlmErrorDetails { Provider = Name, Model = request?.Model, ErrorCode = "unsupported_operation" });

    private HttpRequestMessage CreateMessage(ProviderRequest request, bool stream)
    {
        var maxOutput = _services.ModelInfo.GetMaxOutputTokens(Name, request.Model);
        var wire = AnthropicRequestMapper.Map(request, maxOutput, stream);
        var message = new HttpRequestMessage(HttpMethod.Post, request.Endpoint.ApiBase + "/v1/messages")
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(wire, AnthropicJsonContext.Default.AnthropicRequest)) { Headers = { ContentType = JsonMediaType } },
        };
        if (request.Endpoint.ApiKey is { } key) message.Headers.TryAddWithoutValidation("x-api-key", key);
        message.Headers.TryAddWithoutValidation("anthropic-version", request.Endpoint.ApiVersion ?? DefaultApiVersion);
        if (request.Endpoint.Headers is { } headers)
            foreach (var h in headers) message.Headers.TryAddWithoutValidation(h.Key, h.Value);
        return message;
    }

    private static AnthropicStreamEvent? ParseEvent(string eventType, ReadOnlySpan<byte> data)
        => data.IsEmpty ? null : JsonSerializer.Deserialize(data, AnthropicJsonContext.Default.AnthropicStreamEvent);
}
