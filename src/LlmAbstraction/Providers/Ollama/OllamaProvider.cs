using System.Runtime.CompilerServices;
using System.Text.Json;

namespace LlmAbstraction.Providers.Ollama;

/// <summary>
/// Ollama's native API: <c>POST /api/chat</c> (JSON, or NDJSON lines ending on <c>done:true</c> when streaming) and
/// <c>POST /api/embed</c>. No key is needed locally; a configured key (Ollama's cloud) is sent as a Bearer token.
/// </summary>
public sealed class OllamaProvider : ILlmProvider
{
    private readonly ProviderServices _services;

    /// <summary>Ollama's registry entry.</summary>
    public static ProviderDescriptor Descriptor { get; } = new()
    {
        Name = "ollama",
        DisplayName = "Ollama",
        DefaultApiBase = "http://localhost:11434",
        ApiKeyEnvironmentVariables = ["OLLAMA_API_KEY"],
        ApiBaseEnvironmentVariables = ["OLLAMA_API_BASE", "OLLAMA_HOST"],
        RequiresApiKey = false,
        Capabilities = ProviderCapabilities.Chat | ProviderCapabilities.Streaming | ProviderCapabilities.Tools | ProviderCapabilities.Vision
            | ProviderCapabilities.JsonSchema | ProviderCapabilities.Embeddings,
        Authentication = "none locally; optional Bearer key (`OLLAMA_API_KEY`)",
        Factory = static s => new OllamaProvider(s),
    };

    /// <summary>Creates the adapter.</summary>
    public OllamaProvider(ProviderServices services) => _services = services ?? throw new ArgumentNullException(nameof(services));

    /// <inheritdoc/>
    public string Name => _services.Descriptor.Name;

    /// <inheritdoc/>
    public async Task<ChatCompletionResponse> CompleteAsync(ProviderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var wire = OllamaRequestMapper.Map(request, stream: false);
        using var message = CreateMessage(request.Endpoint, "/api/chat", JsonSerializer.SerializeToUtf8Bytes(wire, OllamaJsonContext.Default.OllamaRequest));
        var call = new ProviderCallInfo(Name, request.Model, request.Endpoint.ApiKey);
        using var response = await _services.Transport.SendAsync(message, call, OllamaErrors.Parse, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var result = await ProviderJson.DeserializeAsync(body, OllamaJsonContext.Default.OllamaResponse, call, cancellationToken).ConfigureAwait(false);
            if (result.Error is not null)
                throw _services.Transport.CreateError(null, JsonSerializer.Serialize(result, OllamaJsonContext.Default.OllamaResponse), response.Headers, call, OllamaErrors.Parse);
            return OllamaResponseMapper.Map(result, request.Model, NewId(), _services.TimeProvider.GetUtcNow().ToUnixTimeSeconds());
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ProviderRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var wire = OllamaRequestMapper.Map(request, stream: true);
        using var message = CreateMessage(request.Endpoint, "/api/chat", JsonSerializer.SerializeToUtf8Bytes(wire, OllamaJsonContext.Default.OllamaRequest));
        var call = new ProviderCallInfo(Name, request.Model, request.Endpoint.ApiKey);
        using var response = await _services.Transport.SendAsync(message, call, OllamaErrors.Parse, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var _ = body.ConfigureAwait(false);
        var mapper = new OllamaStreamMapper(request.Model, NewId(), _services.TimeProvider.GetUtcNow().ToUnixTimeSeconds());
        var chunks = new List<ChatCompletionChunk>(2);
        await foreach (var line in NdjsonStream.ReadAsync(body, ParseLine, cancellationToken).ConfigureAwait(false))
        {
            if (line.Error is not null)
                throw _services.Transport.CreateError(null, JsonSerializer.Serialize(line, OllamaJsonContext.Default.OllamaResponse), response.Headers, call, OllamaErrors.ParseStreamError);
            mapper.Map(line, chunks);
            foreach (var chunk in chunks) yield return chunk;
            chunks.Clear();
            if (mapper.Completed) yield break;
        }
        throw new ApiConnectionException($"ollama stream for model '{request.Model}' ended without its done:true line: the response was cut short.",
            new LlmErrorDetails { Provider = Name, Model = request.Model, ErrorCode = "stream_truncated" });
    }

    /// <inheritdoc/>
    public async Task<EmbeddingResponse> EmbedAsync(ProviderEmbeddingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var wire = OllamaEmbeddingMapper.Map(request);
        using var message = CreateMessage(request.Endpoint, "/api/embed", JsonSerializer.SerializeToUtf8Bytes(wire, OllamaJsonContext.Default.OllamaEmbedRequest));
        var call = new ProviderCallInfo(Name, request.Model, request.Endpoint.ApiKey);
        using var response = await _services.Transport.SendAsync(message, call, OllamaErrors.Parse, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var result = await ProviderJson.DeserializeAsync(body, OllamaJsonContext.Default.OllamaEmbedResponse, call, cancellationToken).ConfigureAwait(false);
            return OllamaEmbeddingMapper.Map(result, request.Model);
        }
    }

    /// <summary>Ollama answers carry no id: each call gets a fresh one.</summary>
    private static string NewId() => "chatcmpl-" + Guid.NewGuid().ToString("N");

    private static HttpRequestMessage CreateMessage(ProviderEndpoint endpoint, string path, byte[] body)
        => ProviderHttp.JsonPost(OllamaEndpoint.Normalize(endpoint.ApiBase) + path, body, endpoint, endpoint.ApiKey);

    private static OllamaResponse ParseLine(ReadOnlySpan<byte> line)
    {
        try
        {
            return JsonSerializer.Deserialize(line, OllamaJsonContext.Default.OllamaResponse) ?? throw Malformed(null);
        }
        catch (JsonException ex)
        {
            throw Malformed(ex);
        }
    }

    private static ApiConnectionException Malformed(Exception? inner)
        => new("ollama sent a stream line that is not a JSON object.", new LlmErrorDetails { Provider = "ollama", ErrorCode = "stream_malformed" }, inner);
}
