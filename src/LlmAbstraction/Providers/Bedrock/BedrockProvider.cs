using System.Runtime.CompilerServices;
using System.Text.Json;
using LlmAbstraction.Providers.Bedrock.EventStream;

namespace LlmAbstraction.Providers.Bedrock;

/// <summary>
/// Amazon Bedrock Runtime: chat through Converse / ConverseStream (binary event stream), embeddings through
/// InvokeModel (Titan text, Cohere), authenticated with SigV4 or a Bedrock API key. See <see cref="BedrockAuth"/> for
/// where credentials and the region come from.
/// </summary>
public sealed class BedrockProvider : ILlmProvider
{
    internal const string ProviderName = "bedrock";
    private readonly ProviderServices _services;
    private readonly BedrockRequestFactory _requests;

    /// <summary>Bedrock's registry entry. No API key is required up front: SigV4 credentials are resolved per call.</summary>
    public static ProviderDescriptor Descriptor { get; } = new()
    {
        Name = ProviderName,
        DisplayName = "Amazon Bedrock",
        DefaultApiBase = "https://bedrock-runtime.{region}.amazonaws.com",
        ApiKeyEnvironmentVariables = ["AWS_BEARER_TOKEN_BEDROCK"],
        ApiBaseEnvironmentVariables = ["AWS_BEDROCK_RUNTIME_ENDPOINT"],
        RequiresApiKey = false,
        Capabilities = ProviderCapabilities.Chat | ProviderCapabilities.Streaming | ProviderCapabilities.Tools | ProviderCapabilities.Vision
            | ProviderCapabilities.JsonSchema | ProviderCapabilities.Embeddings,
        Authentication = "SigV4 (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, `AWS_REGION`) or Bedrock API key (`AWS_BEARER_TOKEN_BEDROCK`)",
        Factory = static s => new BedrockProvider(s),
    };

    /// <summary>Creates the adapter.</summary>
    public BedrockProvider(ProviderServices services)
    {
        _services = services ?? throw new ArgumentNullException(nameof(services));
        _requests = new BedrockRequestFactory(services);
    }

    /// <inheritdoc/>
    public string Name => _services.Descriptor.Name;

    /// <inheritdoc/>
    public async Task<ChatCompletionResponse> CompleteAsync(ProviderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (mapped, auth, call) = Prepare(request);
        using var message = await CreateConverseMessageAsync(request, mapped, auth, "converse", "application/json", cancellationToken).ConfigureAwait(false);
        using var response = await _services.Transport.SendAsync(message, call, BedrockErrors.Parse, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var wire = await ProviderJson.DeserializeAsync(body, BedrockJsonContext.Default.ConverseResponse, call, cancellationToken).ConfigureAwait(false);
            var requestId = LlmHttpTransport.RequestId(response.Headers);
            var result = BedrockResponseMapper.Map(wire, ResponseId(requestId), Now(), BedrockRequestFactory.ModelId(request.Model), mapped.JsonToolName);
            result.Details.ProviderRequestId = requestId;
            return result;
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ProviderRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (mapped, auth, call) = Prepare(request);
        using var message = await CreateConverseMessageAsync(request, mapped, auth, "converse-stream", "application/vnd.amazon.eventstream", cancellationToken).ConfigureAwait(false);
        using var response = await _services.Transport.SendAsync(message, call, BedrockErrors.Parse, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var _ = body.ConfigureAwait(false);
        var mapper = new BedrockStreamMapper(ResponseId(LlmHttpTransport.RequestId(response.Headers)), Now(), BedrockRequestFactory.ModelId(request.Model), mapped.JsonToolName);
        var frames = new BedrockFrameReader(body, call, cancellationToken);
        await using var __ = frames.ConfigureAwait(false);
        while (await frames.NextAsync().ConfigureAwait(false) is { } frame)
        {
            if (frame.MessageType == "exception")
                throw _services.Transport.CreateError(null, BedrockFrameReader.Text(frame), response.Headers, call, BedrockErrors.ForException(frame.ExceptionType));
            if (frame.MessageType == "error")
                throw _services.Transport.CreateError(null, frame.ErrorMessage ?? "", response.Headers, call, (_, text) => new ProviderError(frame.ErrorCode, null, text));
            if (BedrockFrameReader.Event(frame) is not { } e) continue;
            foreach (var chunk in mapper.Map(frame.EventType, e)) yield return chunk;
            if (mapper.Completed) yield break;
        }
        if (!mapper.StopSeen)
            throw new ApiConnectionException($"bedrock stream for model '{request.Model}' ended without messageStop: the response was cut short.",
                new LlmErrorDetails { Provider = Name, Model = request.Model, ErrorCode = "stream_truncated" });
    }

    /// <inheritdoc/>
    public Task<EmbeddingResponse> EmbedAsync(ProviderEmbeddingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new BedrockEmbedder(_services, _requests).EmbedAsync(request, cancellationToken);
    }

    private (BedrockConverseCall Mapped, BedrockAuth Auth, ProviderCallInfo Call) Prepare(ProviderRequest request)
    {
        var auth = _requests.Authenticate(request.Endpoint, BedrockRequestFactory.ModelId(request.Model));
        var mapped = BedrockRequestMapper.Map(request);
        return (mapped, auth, new ProviderCallInfo(Name, request.Model, auth.Secret));
    }

    private Task<HttpRequestMessage> CreateConverseMessageAsync(ProviderRequest request, BedrockConverseCall mapped, BedrockAuth auth, string operation, string accept, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(mapped.Wire, BedrockJsonContext.Default.ConverseRequest);
        return _requests.CreateAsync(request.Endpoint, auth, BedrockRequestFactory.ModelId(request.Model), operation, body, accept, ct);
    }

    private long Now() => _services.TimeProvider.GetUtcNow().ToUnixTimeSeconds();

    private static string ResponseId(string? requestId) => "chatcmpl-" + (requestId ?? Guid.NewGuid().ToString("N"));
}
