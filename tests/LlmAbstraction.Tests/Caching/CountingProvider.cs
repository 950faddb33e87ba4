using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using LlmAbstraction.Providers;
using Microsoft.Extensions.Time.Testing;

namespace LlmAbstraction.Tests.Caching;

/// <summary>
/// An in-process provider (<c>fake/...</c>) that records what reached it: chat answers are numbered so a cached answer
/// is recognisable; embeddings come from <see cref="Vectors"/> (or a fixed default) so similarities are exact.
/// </summary>
public sealed class CountingProvider : ILlmProvider
{
    public string Name => "fake";

    public int ChatCalls => _chatCalls;
    private int _chatCalls;

    public ConcurrentQueue<ChatCompletionRequest> ChatRequests { get; } = new();

    /// <summary>Every embeddings batch received, as the list of inputs.</summary>
    public ConcurrentQueue<IList<string>> EmbeddingBatches { get; } = new();

    public Dictionary<string, float[]> Vectors { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, streams throw after their first chunk.</summary>
    public bool FailStreamsMidway { get; set; }

    /// <summary>When set, embeddings calls fail (e.g. the semantic cache's embedding model is down).</summary>
    public bool FailEmbeddings { get; set; }

    public ProviderDescriptor Descriptor => new()
    {
        Name = "fake",
        DefaultApiBase = "fake://local",
        RequiresApiKey = false,
        Capabilities = ProviderCapabilities.Chat | ProviderCapabilities.Streaming | ProviderCapabilities.Embeddings,
        Factory = _ => this,
    };

    public ILlmClient Client(Action<CacheOptions>? cache = null, FakeTimeProvider? time = null, Action<LlmClientBuilder>? configure = null)
    {
        var builder = new LlmClientBuilder()
            .UseEnvironment(_ => null)
            .AddProvider(Descriptor)
            .UseTimeProvider(time ?? new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)))
            .Configure(o =>
            {
                o.Resilience.NumRetries = 0;
                o.Cache.Enabled = true;
                cache?.Invoke(o.Cache);
            });
        configure?.Invoke(builder);
        return builder.Build();
    }

    public Task<ChatCompletionResponse> CompleteAsync(ProviderRequest request, CancellationToken cancellationToken)
    {
        ChatRequests.Enqueue(request.Request);
        var n = Interlocked.Increment(ref _chatCalls);
        var prompt = request.Request.Messages[^1].Content?.GetText();
        return Task.FromResult(new ChatCompletionResponse
        {
            Id = "chatcmpl-" + n,
            Created = 1_767_225_600,
            Model = request.Model,
            Choices = [new ChatChoice { Index = 0, Message = ChatMessage.Assistant($"answer #{n} to: {prompt}"), FinishReason = FinishReasons.Stop }],
            Usage = new Usage { PromptTokens = 1000, CompletionTokens = 100, TotalTokens = 1100 },
        });
    }

    public async IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ProviderRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var response = await CompleteAsync(request, cancellationToken);
        var text = response.Content!;
        ChatCompletionChunk Chunk(ChatDelta d, string? finish = null) => new() { Id = response.Id, Created = response.Created, Model = response.Model, Choices = [new ChunkChoice { Delta = d, FinishReason = finish }] };
        yield return Chunk(new ChatDelta { Role = ChatRoles.Assistant, Content = text[..5] });
        if (FailStreamsMidway) throw new ApiConnectionException("connection reset", new LlmErrorDetails { Provider = "fake" });
        yield return Chunk(new ChatDelta { Content = text[5..] });
        yield return Chunk(new ChatDelta(), FinishReasons.Stop);
        yield return new ChatCompletionChunk { Id = response.Id, Created = response.Created, Model = response.Model, Usage = response.Usage };
    }

    public Task<EmbeddingResponse> EmbedAsync(ProviderEmbeddingRequest request, CancellationToken cancellationToken)
    {
        if (FailEmbeddings) throw new ServiceUnavailableException("embeddings down", new LlmErrorDetails { Provider = "fake" });
        var inputs = request.Request.Input.ToList();
        EmbeddingBatches.Enqueue(inputs);
        var data = inputs.Select((s, i) => new EmbeddingData { Index = i, Embedding = Vectors.TryGetValue(s, out var v) ? v : Default(s) }).ToList();
        var tokens = inputs.Sum(s => s.Length);
        return Task.FromResult(new EmbeddingResponse { Model = request.Model, Data = data, Usage = new Usage { PromptTokens = tokens, TotalTokens = tokens } });
    }

    /// <summary>A vector unique to the text's length, orthogonal to the other lengths' (so unrelated prompts never match).</summary>
    private static float[] Default(string s)
    {
        var v = new float[64];
        v[s.Length % 64] = 1;
        return v;
    }
}
