namespace LlmAbstraction.Tests.Caching;

public class CacheEmbeddingTests
{
    private static EmbeddingRequest Embed(params string[] inputs) => new() { Model = "fake/embed-1", Input = inputs };

    [Test]
    public async Task Batch_with_some_hits_sends_only_the_misses_and_reassembles_in_input_order()
    {
        var provider = new CountingProvider();
        provider.Vectors["a"] = [1, 0, 0];
        provider.Vectors["b"] = [0, 1, 0];
        provider.Vectors["c"] = [0, 0, 1];
        provider.Vectors["d"] = [1, 1, 0];
        var client = provider.Client();
        await client.EmbeddingAsync(Embed("b", "d"));

        var response = await client.EmbeddingAsync(Embed("a", "b", "c", "d"));

        Assert.That(provider.EmbeddingBatches.Last(), Is.EqualTo(new[] { "a", "c" }), "only the misses were sent, in order");
        Assert.That(response.Data.Select(d => d.Index), Is.EqualTo(new[] { 0, 1, 2, 3 }));
        Assert.That(response.Data.Select(d => d.Embedding), Is.EqualTo(new[] { provider.Vectors["a"], provider.Vectors["b"], provider.Vectors["c"], provider.Vectors["d"] }));
        Assert.That(response.Usage!.PromptTokens, Is.EqualTo(2), "usage (and so cost) covers what was sent");
        Assert.That(response.Details.CacheHit, Is.False);
    }

    [Test]
    public async Task Batch_fully_cached_makes_no_call_and_costs_nothing()
    {
        var provider = new CountingProvider();
        var client = provider.Client();
        var first = await client.EmbeddingAsync(Embed("hello", "world!"));
        var second = await client.EmbeddingAsync(Embed("world!", "hello"));

        Assert.That(provider.EmbeddingBatches.Count, Is.EqualTo(1));
        Assert.That(second.Details.CacheHit, Is.True);
        Assert.That(second.Details.Cost, Is.EqualTo(0m));
        Assert.That(second.Data[0].Embedding, Is.EqualTo(first.Data[1].Embedding));
        Assert.That(second.Data[1].Embedding, Is.EqualTo(first.Data[0].Embedding));
        Assert.That(second.Usage!.PromptTokens, Is.EqualTo(first.Usage!.PromptTokens), "the original tokens are kept for reference");
    }

    [Test]
    public async Task Embedding_controls_apply_per_request()
    {
        var provider = new CountingProvider();
        var client = provider.Client();
        var noStore = Embed("x");
        noStore.Cache = new CacheControlOptions { NoStore = true };
        await client.EmbeddingAsync(noStore);
        await client.EmbeddingAsync(Embed("x"));
        var noCache = Embed("x");
        noCache.Cache = new CacheControlOptions { NoCache = true };
        var fresh = await client.EmbeddingAsync(noCache);
        Assert.That(provider.EmbeddingBatches.Count, Is.EqualTo(3));
        Assert.That(fresh.Details.CacheHit, Is.False);
        Assert.That((await client.EmbeddingAsync(Embed("x"))).Details.CacheHit, Is.True);
    }

    [Test]
    public async Task Embeddings_differ_by_dimensions()
    {
        var provider = new CountingProvider();
        var client = provider.Client();
        await client.EmbeddingAsync(Embed("x"));
        var shorter = Embed("x");
        shorter.Dimensions = 32;
        Assert.That((await client.EmbeddingAsync(shorter)).Details.CacheHit, Is.False);
    }
}
