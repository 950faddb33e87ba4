using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using LlmAbstraction.Providers.Anthropic;
using LlmAbstraction.Providers.Gemini;

namespace LlmAbstraction.Providers.VertexAI;

/// <summary>
/// Google Cloud Vertex AI: Gemini models (<c>publishers/google</c>, <c>generateContent</c> /
/// <c>streamGenerateContent?alt=sse</c>), Anthropic Claude models (<c>publishers/anthropic</c>, <c>rawPredict</c> /
/// <c>streamRawPredict</c> with the Messages body, <c>anthropic_version: vertex-2023-10-16</c> and no <c>model</c>)
/// and text embeddings (<c>predict</c>), authenticated with OAuth bearer tokens from a service-account key or a
/// caller-supplied <see cref="IAccessTokenProvider"/>.
/// </summary>
public sealed class VertexAIProvider : ILlmProvider
{
    /// <summary>The <c>anthropic_version</c> Vertex AI expects in the body of Claude requests.</summary>
    public const string AnthropicVersion = "vertex-2023-10-16";

    private readonly ProviderServices _services;
    private readonly VertexAIOptions _options;
    private readonly Func<string, string?> _environment;
    private readonly ConcurrentDictionary<string, ServiceAccountTokenProvider> _serviceAccounts = new(StringComparer.Ordinal);

    /// <summary>Vertex AI's registry entry (credentials from settings or the environment).</summary>
    public static ProviderDescriptor Descriptor { get; } = CreateDescriptor(new VertexAIOptions());

    /// <summary>
    /// A Vertex AI registry entry with <paramref name="options"/> (e.g. a caller-supplied token provider); register it with
    /// <c>LlmClientBuilder.AddProvider</c> to replace the default one.
    /// </summary>
    public static ProviderDescriptor CreateDescriptor(VertexAIOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ProviderDescriptor
        {
            Name = "vertex_ai",
            DisplayName = "Google Vertex AI",
            DefaultApiBase = "https://" + VertexAILocation.LocationPlaceholder + "-aiplatform.googleapis.com",
            RequiresApiKey = false,
            Capabilities = ProviderCapabilities.Chat | ProviderCapabilities.Streaming | ProviderCapabilities.Tools | ProviderCapabilities.Vision
                | ProviderCapabilities.JsonSchema | ProviderCapabilities.Embeddings,
            Authentication = "OAuth bearer from a service-account key (`vertex_credentials` / `GOOGLE_APPLICATION_CREDENTIALS`) or an `IAccessTokenProvider`",
            Factory = s => new VertexAIProvider(s, options),
        };
    }

    /// <summary>Creates the adapter.</summary>
    public VertexAIProvider(ProviderServices services, VertexAIOptions options)
    {
        _services = services ?? throw new ArgumentNullException(nameof(services));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _environment = options.Environment ?? Environment.GetEnvironmentVariable;
    }

    /// <inheritdoc/>
    public string Name => _services.Descriptor.Name;

    /// <inheritdoc/>
    public async Task<ChatCompletionResponse> CompleteAsync(ProviderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (location, token) = await ResolveAsync(request.Endpoint, cancellationToken).ConfigureAwait(false);
        var call = new ProviderCallInfo(Name, request.Model, token);
        if (IsAnthropic(request.Model))
        {
            using var message = AnthropicMessage(request, location, token, stream: false);
            using var response = await _services.Transport.SendAsync(message, call, VertexAIErrors.Parse, cancellationToken).ConfigureAwait(false);
            return await AnthropicProvider.ReadResponseAsync(response, call, _services.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
        using var gemini = GeminiMessage(request, location, token, ":generateContent");
        return await GeminiCalls.CompleteAsync(_services, gemini, call, VertexAIErrors.Parse, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ProviderRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (location, token) = await ResolveAsync(request.Endpoint, cancellationToken).ConfigureAwait(false);
        var call = new ProviderCallInfo(Name, request.Model, token);
        if (IsAnthropic(request.Model))
        {
            using var message = AnthropicMessage(request, location, token, stream: true);
            using var response = await _services.Transport.SendAsync(message, call, VertexAIErrors.Parse, cancellationToken).ConfigureAwait(false);
            await foreach (var chunk in AnthropicProvider.ReadStreamAsync(response, call, _services, VertexAIErrors.Parse, cancellationToken).ConfigureAwait(false))
                yield return chunk;
            yield break;
        }
        using var gemini = GeminiMessage(request, location, token, ":streamGenerateContent?alt=sse");
        await foreach (var chunk in GeminiCalls.StreamAsync(_services, gemini, call, VertexAIErrors.Parse, cancellationToken).ConfigureAwait(false))
            yield return chunk;
    }

    /// <inheritdoc/>
    public async Task<EmbeddingResponse> EmbedAsync(ProviderEmbeddingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (location, token) = await ResolveAsync(request.Endpoint, cancellationToken).ConfigureAwait(false);
        var url = location.ModelUrl("google", request.Model) + ":predict";
        return await VertexAIEmbeddings.EmbedAsync(_services, request, url, new ProviderCallInfo(Name, request.Model, token), token, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsAnthropic(string model) => model.StartsWith("claude-", StringComparison.OrdinalIgnoreCase);

    private HttpRequestMessage GeminiMessage(ProviderRequest request, VertexAILocation location, string token, string method)
    {
        var wire = GeminiRequestMapper.Map(request, Name);
        var message = GeminiCalls.CreateMessage(location.ModelUrl("google", request.Model) + method, wire, request.Endpoint);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return message;
    }

    private HttpRequestMessage AnthropicMessage(ProviderRequest request, VertexAILocation location, string token, bool stream)
    {
        var baseModel = request.Model.Split('@')[0];
        var maxOutput = _services.ModelInfo.GetMaxOutputTokens(Name, request.Model) ?? _services.ModelInfo.GetMaxOutputTokens("anthropic", baseModel);
        var wire = AnthropicRequestMapper.Map(request, maxOutput, stream, AnthropicVersion);
        var url = location.ModelUrl("anthropic", request.Model) + (stream ? ":streamRawPredict" : ":rawPredict");
        var message = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(wire, AnthropicJsonContext.Default.AnthropicRequest)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (request.Endpoint.Headers is { } headers)
            foreach (var h in headers) message.Headers.TryAddWithoutValidation(h.Key, h.Value);
        return message;
    }

    private async ValueTask<(VertexAILocation Location, string Token)> ResolveAsync(ProviderEndpoint endpoint, CancellationToken cancellationToken)
    {
        var credentials = Setting(endpoint, "vertex_credentials") ?? _options.Credentials ?? Env("GOOGLE_APPLICATION_CREDENTIALS");
        ServiceAccountTokenProvider? serviceAccount = null;
        IAccessTokenProvider tokens;
        if (_options.AccessTokenProvider is { } supplied && Setting(endpoint, "vertex_credentials") is null) tokens = supplied;
        else if (credentials is not null) tokens = serviceAccount = _serviceAccounts.GetOrAdd(credentials, c => new ServiceAccountTokenProvider(c, _services.Transport, _services.TimeProvider));
        else throw new AuthenticationException(
            "No Vertex AI credentials: set the 'vertex_credentials' setting (a service-account key path or JSON), GOOGLE_APPLICATION_CREDENTIALS, or supply an IAccessTokenProvider through VertexAIProvider.CreateDescriptor.",
            new LlmErrorDetails { Provider = Name, ErrorCode = "missing_credentials" });

        var project = Setting(endpoint, "vertex_project") ?? _options.Project ?? Env("VERTEXAI_PROJECT") ?? Env("GOOGLE_CLOUD_PROJECT");
        if (project is null && serviceAccount is not null) project = await serviceAccount.GetProjectIdAsync(cancellationToken).ConfigureAwait(false);
        if (project is null)
            throw new BadRequestException("No Vertex AI project: set the 'vertex_project' setting or VERTEXAI_PROJECT.", new LlmErrorDetails { Provider = Name, ErrorCode = "missing_project" });
        var locationName = Setting(endpoint, "vertex_location") ?? _options.Location ?? Env("VERTEXAI_LOCATION") ?? VertexAILocation.DefaultLocation;
        var apiBase = endpoint.ApiBase.Contains(VertexAILocation.LocationPlaceholder, StringComparison.Ordinal) ? VertexAILocation.BaseFor(locationName) : endpoint.ApiBase;
        var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(token))
            throw new AuthenticationException("The Vertex AI access token provider returned an empty token.", new LlmErrorDetails { Provider = Name, ErrorCode = "missing_credentials" });
        return (new VertexAILocation(project, locationName, apiBase, endpoint.ApiVersion ?? VertexAILocation.DefaultApiVersion), token);
    }

    private static string? Setting(ProviderEndpoint endpoint, string name)
        => endpoint.Settings?.TryGetValue(name, out var v) == true && !string.IsNullOrWhiteSpace(v) ? v : null;

    private string? Env(string name) => _environment(name) is { Length: > 0 } v ? v : null;
}
