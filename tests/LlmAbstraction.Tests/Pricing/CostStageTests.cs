using System.Runtime.CompilerServices;
using LlmAbstraction.Pipeline;
using LlmAbstraction.Pricing;

namespace LlmAbstraction.Tests.Pricing;

public class CostStageTests
{
    private static LlmCallContext Context(bool streaming = false) => new("chat", "openai/gpt-4o", streaming, TimeProvider.System);

    private static readonly Usage SomeUsage = new() { PromptTokens = 1_000, CompletionTokens = 100 }; // 0.0025 + 0.001

    [Test]
    public async Task Client_puts_the_cost_on_every_response_without_being_asked()
    {
        var client = new LlmClientBuilder().Build();
        var response = await client.CompletionAsync(new ChatCompletionRequest { Model = "openai/gpt-4o", Messages = [ChatMessage.User("hi")], MockResponse = "hello there" });

        var usage = response.Usage!;
        Assert.That(usage.PromptTokens, Is.GreaterThan(0));
        Assert.That(response.Details.Cost, Is.EqualTo(usage.PromptTokens * 0.0000025m + usage.CompletionTokens * 0.00001m));
    }

    [Test]
    public async Task Client_puts_the_cost_on_the_final_stream_chunk()
    {
        var client = new LlmClientBuilder().Build();
        ChatCompletionChunk? last = null;
        await foreach (var chunk in client.StreamCompletionAsync(new ChatCompletionRequest { Model = "openai/gpt-4o", Messages = [ChatMessage.User("hi")], MockResponse = "hello there" }))
            if (chunk.Details is not null) last = chunk;

        Assert.That(last, Is.Not.Null);
        Assert.That(last!.Details!.Cost, Is.EqualTo(last.Usage!.PromptTokens * 0.0000025m + last.Usage.CompletionTokens * 0.00001m));
    }

    [Test]
    public async Task Client_with_an_unknown_model_answers_with_no_cost_and_no_exception()
    {
        var client = new LlmClientBuilder().Build();
        var response = await client.CompletionAsync(new ChatCompletionRequest { Model = "openai/gpt-99-hyper", Messages = [ChatMessage.User("hi")], MockResponse = "ok" });
        Assert.That(response.Details.Cost, Is.Null);
        Assert.That(response.Content, Is.EqualTo("ok"));
    }

    [Test]
    public async Task Client_uses_the_catalogue_it_was_given()
    {
        var catalog = ModelCatalog.CreateDefault();
        catalog.Register("openai/gpt-4o", [new("input_cost_per_token", "0"), new("output_cost_per_token", "0")]);
        var client = new LlmClientBuilder().UseModelInfo(catalog).Build();
        var response = await client.CompletionAsync(new ChatCompletionRequest { Model = "openai/gpt-4o", Messages = [ChatMessage.User("hi")], MockResponse = "ok" });
        Assert.That(response.Details.Cost, Is.EqualTo(0m));
    }

    [Test]
    public async Task Stage_prices_completions_embeddings_and_the_chunk_carrying_details()
    {
        var stage = new CostStage(new FakeHandler(), CostCalculator.Default);

        var completion = await stage.CompleteAsync(new ChatCompletionRequest(), Context(), CancellationToken.None);
        var embedding = await stage.EmbedAsync(new EmbeddingRequest(), Context(), CancellationToken.None);
        var chunks = new List<ChatCompletionChunk>();
        await foreach (var c in stage.StreamAsync(new ChatCompletionRequest(), Context(true), CancellationToken.None)) chunks.Add(c);

        Assert.That(completion.Details.Cost, Is.EqualTo(0.0035m));
        Assert.That(embedding.Details.Cost, Is.EqualTo(20_000 * 0.00000002m));
        Assert.That(chunks[0].Details, Is.Null);
        Assert.That(chunks[1].Details!.Cost, Is.EqualTo(0.0035m));
    }

    [Test]
    public async Task Stage_keeps_a_cost_set_by_an_inner_stage_and_prices_cache_hits_at_zero()
    {
        var preset = new CostStage(new FakeHandler(d => d.Cost = 1.5m), CostCalculator.Default);
        var cached = new CostStage(new FakeHandler(d => d.CacheHit = true), CostCalculator.Default);

        Assert.That((await preset.CompleteAsync(new ChatCompletionRequest(), Context(), CancellationToken.None)).Details.Cost, Is.EqualTo(1.5m));
        Assert.That((await cached.CompleteAsync(new ChatCompletionRequest(), Context(), CancellationToken.None)).Details.Cost, Is.EqualTo(0m));
    }

    private sealed class FakeHandler(Action<ResponseDetails>? tweak = null) : LlmHandler
    {
        private ResponseDetails Details(string model)
        {
            var d = new ResponseDetails { Provider = "openai", Model = model };
            tweak?.Invoke(d);
            return d;
        }

        public override Task<ChatCompletionResponse> CompleteAsync(ChatCompletionRequest request, LlmCallContext context, CancellationToken cancellationToken)
            => Task.FromResult(new ChatCompletionResponse { Model = "gpt-4o-2024-08-06", Usage = SomeUsage, Details = Details("gpt-4o-2024-08-06") });

        public override async IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ChatCompletionRequest request, LlmCallContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            yield return new ChatCompletionChunk { Model = "gpt-4o" };
            yield return new ChatCompletionChunk { Model = "gpt-4o", Usage = SomeUsage, Details = Details("gpt-4o") };
        }

        public override Task<EmbeddingResponse> EmbedAsync(EmbeddingRequest request, LlmCallContext context, CancellationToken cancellationToken)
            => Task.FromResult(new EmbeddingResponse { Model = "text-embedding-3-small", Usage = new Usage { PromptTokens = 20_000 }, Details = Details("text-embedding-3-small") });
    }
}
