using System.Net;
using System.Runtime.CompilerServices;

namespace LlmAbstraction.Providers.Mock;

/// <summary>
/// Answers without a network: <c>mock/&lt;anything&gt;</c>, or any model when the request carries a
/// <see cref="MockResponse"/>. Errors are raised through the same classifier as real provider errors.
/// </summary>
public sealed class MockProvider : ILlmProvider
{
    /// <summary>The text answered when the request names no mock response.</summary>
    public const string DefaultText = "This is a mock response from LlmAbstraction.";

    private readonly TimeProvider _time;

    /// <summary>The mock's registry entry.</summary>
    public static ProviderDescriptor Descriptor { get; } = new()
    {
        Name = "mock",
        DisplayName = "Mock (offline)",
        DefaultApiBase = "mock://local",
        RequiresApiKey = false,
        Capabilities = ProviderCapabilities.Chat | ProviderCapabilities.Streaming | ProviderCapabilities.Tools | ProviderCapabilities.Vision | ProviderCapabilities.JsonSchema | ProviderCapabilities.Embeddings,
        Authentication = "none",
        Factory = static s => new MockProvider(s.TimeProvider),
    };

    /// <summary>Creates the mock.</summary>
    public MockProvider(TimeProvider timeProvider) => _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));

    /// <inheritdoc/>
    public string Name => "mock";

    /// <inheritdoc/>
    public Task<ChatCompletionResponse> CompleteAsync(ProviderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var mock = request.Request.MockResponse ?? new MockResponse { Text = DefaultText };
        ThrowIfError(mock, request.Model, request.Request.ApiKey ?? request.Endpoint.ApiKey);
        var message = new ChatMessage(ChatRoles.Assistant, mock.Text) { ToolCalls = mock.ToolCalls };
        return Task.FromResult(new ChatCompletionResponse
        {
            Id = NewId(),
            Created = _time.GetUtcNow().ToUnixTimeSeconds(),
            Model = request.Model,
            Choices = [new ChatChoice { Index = 0, Message = message, FinishReason = mock.ToolCalls is { Count: > 0 } ? FinishReasons.ToolCalls : FinishReasons.Stop }],
            Usage = EstimateUsage(request.Request, mock.Text),
        });
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ProviderRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var response = await CompleteAsync(request, cancellationToken).ConfigureAwait(false);
        var id = response.Id;
        var created = response.Created;
        ChatCompletionChunk Chunk(ChatDelta delta, string? finish = null)
            => new() { Id = id, Created = created, Model = response.Model, Choices = [new ChunkChoice { Delta = delta, FinishReason = finish }] };

        yield return Chunk(new ChatDelta { Role = ChatRoles.Assistant, Content = "" });
        var text = response.Choices[0].Message.Content?.GetText() ?? "";
        var start = 0;
        while (start < text.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var next = text.IndexOf(' ', start + 1);
            var end = next < 0 ? text.Length : next;
            yield return Chunk(new ChatDelta { Content = text[start..end] });
            start = end;
        }
        if (response.Choices[0].Message.ToolCalls is { } calls)
            for (var i = 0; i < calls.Count; i++)
                yield return Chunk(new ChatDelta { ToolCalls = [new ToolCallDelta { Index = i, Id = calls[i].Id, Type = "function", Function = new FunctionCall { Name = calls[i].Function.Name, Arguments = calls[i].Function.Arguments } }] });
        yield return Chunk(new ChatDelta(), response.Choices[0].FinishReason);
        yield return new ChatCompletionChunk { Id = id, Created = created, Model = response.Model, Choices = [], Usage = response.Usage };
    }

    /// <inheritdoc/>
    public Task<EmbeddingResponse> EmbedAsync(ProviderEmbeddingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var data = new List<EmbeddingData>(request.Request.Input.Count);
        var dims = request.Request.Dimensions ?? 8;
        for (var i = 0; i < request.Request.Input.Count; i++)
            data.Add(new EmbeddingData { Index = i, Embedding = DeterministicVector(request.Request.Input[i], dims) });
        var tokens = request.Request.Input.Sum(EstimateTokens);
        return Task.FromResult(new EmbeddingResponse { Model = request.Model, Data = data, Usage = new Usage { PromptTokens = tokens, TotalTokens = tokens } });
    }

    private static void ThrowIfError(MockResponse mock, string model, string? apiKey)
    {
        if (mock.ErrorStatusCode is not { } status) return;
        throw LlmErrors.FromProvider(new LlmErrorDetails
        {
            Provider = "mock",
            Model = model,
            StatusCode = (HttpStatusCode)status,
            ErrorCode = mock.ErrorCode,
            ProviderMessage = SecretRedactor.Redact(mock.ErrorMessage ?? $"Mock error {status}", apiKey),
        });
    }

    /// <summary>A rough estimate (about four characters a token), clearly not a real count.</summary>
    private static Usage EstimateUsage(ChatCompletionRequest request, string? text)
    {
        var prompt = 0;
        foreach (var m in request.Messages) prompt += 4 + EstimateTokens(m.Content?.GetText() ?? "");
        var completion = EstimateTokens(text ?? "");
        return new Usage { PromptTokens = prompt, CompletionTokens = completion, TotalTokens = prompt + completion };
    }

    private static int EstimateTokens(string text) => text.Length == 0 ? 0 : Math.Max(1, (text.Length + 3) / 4);

    private static float[] DeterministicVector(string text, int dims)
    {
        var v = new float[dims];
        var hash = 2166136261u;
        foreach (var c in text) { hash = (hash ^ c) * 16777619u; v[hash % (uint)dims] += 1f; }
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        if (norm > 0) for (var i = 0; i < dims; i++) v[i] /= norm;
        return v;
    }

    private static string NewId() => "chatcmpl-mock-" + Guid.NewGuid().ToString("N")[..24];
}
