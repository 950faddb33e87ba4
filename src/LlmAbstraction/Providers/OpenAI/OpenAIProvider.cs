using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace LlmAbstraction.Providers.OpenAI;

/// <summary>
/// OpenAI Chat Completions and Embeddings, and any host that speaks the same wire format (through an
/// <see cref="OpenAIProfile"/>). Our exchange types are OpenAI's, so the mapping is the identity plus the model id.
/// </summary>
public sealed class OpenAIProvider : ILlmProvider
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");
    private readonly ProviderServices _services;
    private readonly OpenAIProfile _profile;

    /// <summary>OpenAI's registry entry.</summary>
    public static ProviderDescriptor Descriptor { get; } = new()
    {
        Name = "openai",
        DisplayName = "OpenAI",
        DefaultApiBase = "https://api.openai.com/v1",
        ApiKeyEnvironmentVariables = ["OPENAI_API_KEY"],
        ApiBaseEnvironmentVariables = ["OPENAI_BASE_URL", "OPENAI_API_BASE"],
        BareModelPrefixes = ["gpt-", "chatgpt-", "o1", "o3", "o4", "text-embedding-", "codex-"],
        Capabilities = ProviderCapabilities.Chat | ProviderCapabilities.Streaming | ProviderCapabilities.Tools | ProviderCapabilities.Vision | ProviderCapabilities.JsonSchema | ProviderCapabilities.Embeddings,
        Authentication = "Bearer key (`OPENAI_API_KEY`)",
        Factory = static s => new OpenAIProvider(s, OpenAIProfile.Default),
    };

    /// <summary>Creates the adapter for a host with the given profile.</summary>
    public OpenAIProvider(ProviderServices services, OpenAIProfile profile)
    {
        _services = services ?? throw new ArgumentNullException(nameof(services));
        _profile = profile ?? throw new ArgumentNullException(nameof(profile));
    }

    /// <inheritdoc/>
    public string Name => _services.Descriptor.Name;

    /// <inheritdoc/>
    public async Task<ChatCompletionResponse> CompleteAsync(ProviderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var wire = ToWire(request, stream: false);
        using var message = await CreateMessageAsync(request.Endpoint, request.Model, OpenAIOperation.ChatCompletions, JsonSerializer.SerializeToUtf8Bytes(wire, LlmJsonContext.Default.ChatCompletionRequest), cancellationToken).ConfigureAwait(false);
        var call = new ProviderCallInfo(Name, request.Model, request.Endpoint.ApiKey);
        using var response = await _services.Transport.SendAsync(message, call, OpenAIErrors.Parse, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var result = await ProviderJson.DeserializeAsync(body, LlmJsonContext.Default.ChatCompletionResponse, call, cancellationToken).ConfigureAwait(false);
            result.Details.ProviderRequestId = LlmHttpTransport.RequestId(response.Headers);
            return result;
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ProviderRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var wire = ToWire(request, stream: true);
        using var message = await CreateMessageAsync(request.Endpoint, request.Model, OpenAIOperation.ChatCompletions, JsonSerializer.SerializeToUtf8Bytes(wire, LlmJsonContext.Default.ChatCompletionRequest), cancellationToken).ConfigureAwait(false);
        var call = new ProviderCallInfo(Name, request.Model, request.Endpoint.ApiKey);
        using var response = await _services.Transport.SendAsync(message, call, OpenAIErrors.Parse, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var _ = body.ConfigureAwait(false);
        var done = false;
        IDictionary<string, JsonElement>? carried = null;
        await foreach (var item in SseStream.ReadAsync(body, ParseEvent, call, cancellationToken).ConfigureAwait(false))
        {
            if (item.Data.Done) { done = true; break; }
            if (item.Data.Chunk is not { } chunk) continue;
            if (chunk.AdditionalProperties?.TryGetValue("error", out var error) == true)
                throw _services.Transport.CreateError(null, "{\"error\":" + error.GetRawText() + "}", response.Headers, call, OpenAIErrors.Parse);
            if (OpenAIStreamChunks.IsMetadataOnly(chunk))
            {
                // Azure opens with {"choices":[],"id":"","prompt_filter_results":[…]}: not a message start; carry its fields forward.
                carried = OpenAIStreamChunks.Merge(carried, chunk.AdditionalProperties);
                continue;
            }
            if (carried is not null)
            {
                OpenAIStreamChunks.CarryInto(chunk, carried);
                carried = null;
            }
            yield return chunk;
        }
        if (!done && _profile.RequiresDoneMarker)
            throw new ApiConnectionException($"{Name} stream for model '{request.Model}' ended without its [DONE] marker: the response was cut short.",
                new LlmErrorDetails { Provider = Name, Model = request.Model, ErrorCode = "stream_truncated" });
    }

    /// <inheritdoc/>
    public async Task<EmbeddingResponse> EmbedAsync(ProviderEmbeddingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var wire = request.Request.Clone();
        wire.Model = request.Model;
        using var message = await CreateMessageAsync(request.Endpoint, request.Model, OpenAIOperation.Embeddings, JsonSerializer.SerializeToUtf8Bytes(wire, LlmJsonContext.Default.EmbeddingRequest), cancellationToken).ConfigureAwait(false);
        var call = new ProviderCallInfo(Name, request.Model, request.Endpoint.ApiKey);
        using var response = await _services.Transport.SendAsync(message, call, OpenAIErrors.Parse, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            return await ProviderJson.DeserializeAsync(body, LlmJsonContext.Default.EmbeddingResponse, call, cancellationToken).ConfigureAwait(false);
        }
    }

    private ChatCompletionRequest ToWire(ProviderRequest request, bool stream)
    {
        var wire = request.Request.Clone();
        wire.Model = request.Model;
        wire.Stream = stream ? true : null;
        if (stream && wire.StreamOptions is null && _profile.SupportsStreamUsage && _services.Options.IncludeStreamUsage)
            wire.StreamOptions = IncludeUsage;
        if (!stream) wire.StreamOptions = null;
        foreach (var name in _profile.UnsupportedParams)
            OpenAIParams.DropIfSet(wire, name, request, Name);
        return wire;
    }

    private static readonly StreamOptions IncludeUsage = new() { IncludeUsage = true };

    private async ValueTask<HttpRequestMessage> CreateMessageAsync(ProviderEndpoint endpoint, string model, OpenAIOperation operation, byte[] body, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(endpoint.ApiBase))
        {
            var vars = _services.Descriptor.ApiBaseEnvironmentVariables;
            throw new BadRequestException(
                $"Provider '{Name}' has no base URL: set {(vars.Count > 0 ? string.Join(" or ", vars) : "ApiBase")}, configure Providers:{Name}:ApiBase, or pass ApiBase on the request.",
                new LlmErrorDetails { Provider = Name, Model = model, ErrorCode = "missing_api_base" });
        }
        var message = new HttpRequestMessage(HttpMethod.Post, _profile.BuildUrl(endpoint, model, operation))
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = JsonMediaType } },
        };
        if (_profile.TokenProvider is { } tokens)
        {
            var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        else if (endpoint.ApiKey is { } key)
        {
            if (string.Equals(_profile.AuthHeader, "Authorization", StringComparison.OrdinalIgnoreCase))
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            else
                message.Headers.TryAddWithoutValidation(_profile.AuthHeader, key);
        }
        if (endpoint.Headers is { } headers)
            foreach (var h in headers) message.Headers.TryAddWithoutValidation(h.Key, h.Value);
        return message;
    }

    private static OpenAISseEvent ParseEvent(string eventType, ReadOnlySpan<byte> data)
    {
        if (data.SequenceEqual("[DONE]"u8)) return new OpenAISseEvent(null, true);
        if (data.IsEmpty) return default;
        return new OpenAISseEvent(JsonSerializer.Deserialize(data, LlmJsonContext.Default.ChatCompletionChunk), false);
    }

    private readonly record struct OpenAISseEvent(ChatCompletionChunk? Chunk, bool Done);
}
