using System.Text.Json;
using BenchmarkDotNet.Attributes;
using LlmAbstraction.Caching;
using LlmAbstraction.Pipeline;
using LlmAbstraction.Providers;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmAbstraction.Benchmarks;

/// <summary>
/// The response cache's hot path for a typical ~2 KB request: the key alone, the cache stage answering an in-memory hit
/// (key + lookup + entry decode + details), and a whole client call answered from the cache.
/// </summary>
[MemoryDiagnoser]
public class CacheBenchmarks
{
    private readonly ChatCompletionRequest _request = TypicalRequest();
    private CacheKeys _keys = null!;
    private CacheStage _stage = null!;
    private ILlmClient _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = new CacheOptions { Enabled = true };
        _keys = new CacheKeys(new ModelResolver(ProviderRegistry.CreateDefault()), options);
        var store = new GuardedStore(new MemoryEntryStore(options.MemorySizeLimit, options.MaxEntrySize, TimeProvider.System), null, options, TimeProvider.System, NullLogger.Instance);
        _stage = new CacheStage(new AnswerOnce(), options, _keys, store, NullLogger.Instance);
        _stage.CompleteAsync(_request, Context(), default).GetAwaiter().GetResult();

        _client = new LlmClientBuilder().Configure(o => o.Cache.Enabled = true).Build();
        _client.CompletionAsync(_request).GetAwaiter().GetResult();
        if (!_client.CompletionAsync(_request).GetAwaiter().GetResult().Details.CacheHit) throw new InvalidOperationException("no hit");
        Console.WriteLine($"request JSON: {JsonSerializer.SerializeToUtf8Bytes(_request, LlmJsonContext.Default.ChatCompletionRequest).Length} bytes");
    }

    [Benchmark]
    public string Key() => _keys.Chat(_request, null);

    [Benchmark]
    public Task<ChatCompletionResponse> KeyAndInMemoryHit() => _stage.CompleteAsync(_request, Context(), default);

    [Benchmark]
    public Task<ChatCompletionResponse> ClientCallAnsweredFromCache() => _client.CompletionAsync(_request);

    private static LlmCallContext Context() => new("chat", "openai/gpt-4o-mini", false, TimeProvider.System);

    private static ChatCompletionRequest TypicalRequest()
    {
        var system = string.Join(' ', Enumerable.Repeat("You are a concise assistant for an online bookshop; answer in English.", 18));
        return new ChatCompletionRequest
        {
            Model = "openai/gpt-4o-mini",
            Temperature = 0.2,
            MaxTokens = 400,
            Messages =
            [
                ChatMessage.System(system),
                ChatMessage.User("Do you have any books about the history of Lisbon, ideally with photographs?"),
                ChatMessage.Assistant("Yes: 'Lisbon: A Cultural History' (2019) and 'Lisboa em Fotografia' (2021). Shall I check stock?"),
                ChatMessage.User("Please check stock for both and tell me the delivery time to Porto."),
            ],
            Tools = [ToolDefinition.ForFunction("check_stock", "Stock and delivery estimate for a title", JsonDocument.Parse("""
                {"type":"object","properties":{"title":{"type":"string"},"city":{"type":"string"}},"required":["title","city"]}
                """).RootElement.Clone())],
            MockResponse = "Both titles are in stock; delivery to Porto takes two working days. Would you like me to reserve them for you?",
        };
    }

    /// <summary>The provider side of the stage: answers the first call (to fill the cache) and fails if asked again.</summary>
    private sealed class AnswerOnce : LlmHandler
    {
        private int _calls;

        public override Task<ChatCompletionResponse> CompleteAsync(ChatCompletionRequest request, LlmCallContext context, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) > 1) throw new InvalidOperationException("the benchmark missed the cache");
            return Task.FromResult(new ChatCompletionResponse
            {
                Id = "chatcmpl-bench",
                Model = "gpt-4o-mini-2024-07-18",
                Choices = [new ChatChoice { Message = ChatMessage.Assistant(request.MockResponse!.Text), FinishReason = FinishReasons.Stop }],
                Usage = new Usage { PromptTokens = 512, CompletionTokens = 28, TotalTokens = 540 },
                Details = new ResponseDetails { Provider = "openai", Model = "gpt-4o-mini-2024-07-18" },
            });
        }

        public override IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ChatCompletionRequest request, LlmCallContext context, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override Task<EmbeddingResponse> EmbedAsync(EmbeddingRequest request, LlmCallContext context, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
