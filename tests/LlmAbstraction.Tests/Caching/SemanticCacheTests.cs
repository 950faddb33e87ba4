using LlmAbstraction.Caching;

namespace LlmAbstraction.Tests.Caching;

public class SemanticCacheTests
{
    private const string Stored = "What is the capital of France?";

    private static ChatCompletionRequest Ask(string text, string model = "fake/model-a") => new() { Model = model, Messages = [ChatMessage.User(text)] };

    /// <summary>A unit vector at the given cosine to the stored prompt's [1, 0].</summary>
    private static float[] AtCosine(double cos) => [(float)cos, (float)Math.Sqrt(1 - (cos * cos))];

    private static (CountingProvider Provider, ILlmClient Client) Setup(double threshold = 0.9)
    {
        var provider = new CountingProvider();
        provider.Vectors["user: " + Stored] = [1, 0];
        provider.Vectors["user: Capital of France?"] = AtCosine(0.95);
        provider.Vectors["user: just above"] = AtCosine(0.9005);
        provider.Vectors["user: just below"] = AtCosine(0.8995);
        provider.Vectors["user: Capital of Germany?"] = AtCosine(0.5);
        var client = provider.Client(c =>
        {
            c.Semantic.Enabled = true;
            c.Semantic.EmbeddingModel = "fake/embed-1";
            c.Semantic.SimilarityThreshold = threshold;
        });
        return (provider, client);
    }

    [Test]
    public async Task Near_prompt_is_answered_from_the_cache_with_its_similarity()
    {
        var (provider, client) = Setup();
        var first = await client.CompletionAsync(Ask(Stored));
        var near = await client.CompletionAsync(Ask("Capital of France?"));

        Assert.That(provider.ChatCalls, Is.EqualTo(1));
        Assert.That(near.Details.CacheHit, Is.True);
        Assert.That(near.Details.Cost, Is.EqualTo(0m));
        Assert.That(near.Details.CacheSimilarity, Is.EqualTo(0.95).Within(1e-6));
        Assert.That(near.Content, Is.EqualTo(first.Content));
        Assert.That(near.Details.CacheKey, Is.EqualTo(first.Details.CacheKey), "the hit names the entry that answered");
    }

    [Test]
    public async Task Hits_and_misses_around_the_threshold()
    {
        var (provider, client) = Setup(threshold: 0.9);
        await client.CompletionAsync(Ask(Stored));
        var above = await client.CompletionAsync(Ask("just above"));
        var below = await client.CompletionAsync(Ask("just below"));
        var far = await client.CompletionAsync(Ask("Capital of Germany?"));

        Assert.That(above.Details.CacheHit, Is.True);
        Assert.That(above.Details.CacheSimilarity, Is.EqualTo(0.9005).Within(1e-6));
        Assert.That(below.Details.CacheHit, Is.False);
        Assert.That(below.Details.CacheSimilarity, Is.Null);
        Assert.That(far.Details.CacheHit, Is.False);
        Assert.That(provider.ChatCalls, Is.EqualTo(3));
    }

    [Test]
    public async Task Exact_hit_reports_no_similarity_and_needs_no_embedding()
    {
        var (provider, client) = Setup();
        await client.CompletionAsync(Ask(Stored));
        var batches = provider.EmbeddingBatches.Count;
        var exact = await client.CompletionAsync(Ask(Stored));
        Assert.That(exact.Details.CacheHit, Is.True);
        Assert.That(exact.Details.CacheSimilarity, Is.Null);
        Assert.That(provider.EmbeddingBatches.Count, Is.EqualTo(batches));
    }

    [Test]
    public async Task Semantic_match_stays_within_the_model_and_parameters()
    {
        var (provider, client) = Setup();
        await client.CompletionAsync(Ask(Stored));
        var otherModel = await client.CompletionAsync(Ask("Capital of France?", "fake/model-b"));
        var hotter = Ask("Capital of France?");
        hotter.Temperature = 1.9;
        var otherParams = await client.CompletionAsync(hotter);
        Assert.That(otherModel.Details.CacheHit, Is.False);
        Assert.That(otherParams.Details.CacheHit, Is.False);
    }

    [Test]
    public async Task Semantic_match_stays_within_the_tenant_and_namespace()
    {
        var (_, client) = Setup();
        await client.CompletionAsync(Ask(Stored));
        var bob = Ask("Capital of France?");
        bob.User = "bob";
        var otherNs = Ask("Capital of France?");
        otherNs.Cache = new CacheControlOptions { Namespace = "other" };
        Assert.That((await client.CompletionAsync(bob)).Details.CacheHit, Is.False);
        Assert.That((await client.CompletionAsync(otherNs)).Details.CacheHit, Is.False);
    }

    [Test]
    public async Task Prompts_with_images_use_the_exact_cache_only()
    {
        var (provider, client) = Setup();
        var withImage = new ChatCompletionRequest
        {
            Model = "fake/model-a",
            Messages = [ChatMessage.User(ContentPart.FromText(Stored), ContentPart.FromImageUrl("https://example.invalid/a.png"))],
        };
        await client.CompletionAsync(withImage);
        Assert.That(provider.EmbeddingBatches, Is.Empty);
        Assert.That((await client.CompletionAsync(withImage)).Details.CacheHit, Is.True);
    }

    [Test]
    public async Task Embedding_failure_is_counted_and_the_call_still_succeeds()
    {
        var (provider, client) = Setup();
        provider.FailEmbeddings = true;
        using var errors = new CacheErrorCounter();
        var response = await client.CompletionAsync(Ask(Stored));
        var again = await client.CompletionAsync(Ask(Stored));
        Assert.That(response.Content, Does.StartWith("answer #1"));
        Assert.That(again.Details.CacheHit, Is.True, "the exact layer still works");
        Assert.That(errors["semantic_embed"], Is.EqualTo(1));
    }

    [Test]
    public void Prompt_text_lists_roles_text_and_tool_calls()
    {
        var request = new ChatCompletionRequest
        {
            Messages =
            [
                ChatMessage.System("Be brief."),
                new ChatMessage(ChatRoles.Assistant, null) { ToolCalls = [new ToolCall { Id = "1", Function = new FunctionCall { Name = "f", Arguments = "{}" } }] },
            ],
        };
        Assert.That(SemanticLayer.PromptText(request), Is.EqualTo("system: Be brief.\nassistant:  f({})"));
    }

    [Test]
    public async Task Memory_index_keeps_at_most_the_configured_entries_per_scope()
    {
        var index = new MemorySemanticIndex(2, TimeProvider.System);
        var expires = DateTimeOffset.UtcNow.AddMinutes(1);
        await index.AddAsync("s", new float[] { 1, 0 }, "k1", expires, default);
        await index.AddAsync("s", new float[] { 0, 1 }, "k2", expires, default);
        await index.AddAsync("s", new float[] { 0.6f, 0.8f }, "k3", expires, default);
        var nearest = await index.FindNearestAsync("s", new float[] { 1, 0 }, default);
        Assert.That(nearest!.EntryKey, Is.EqualTo("k3"), "k1 was evicted as the oldest");
        Assert.That(nearest.Similarity, Is.EqualTo(0.6).Within(1e-6));
        Assert.That(await index.FindNearestAsync("other", new float[] { 1, 0 }, default), Is.Null);
    }
}
