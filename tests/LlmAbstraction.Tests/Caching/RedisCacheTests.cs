using System.Diagnostics;
using LlmAbstraction.Redis;
using LlmAbstraction.Tests.TestSupport;
using StackExchange.Redis;

namespace LlmAbstraction.Tests.Caching;

/// <summary>The cache on a real redis-server (127.0.0.1, a free port): shared across clients, and surviving an outage.</summary>
[NonParallelizable]
public class RedisCacheTests
{
    private RedisServer _redis = null!;

    [SetUp]
    public void StartRedis() => _redis = RedisServer.Start();

    [TearDown]
    public void StopRedis() => _redis?.Dispose();

    private static ChatCompletionRequest Ask(string text = "What is the capital of France?") => new() { Model = "fake/model-a", Messages = [ChatMessage.User(text)] };

    /// <summary>A client ("replica") on the real clock with its answers in this Redis.</summary>
    private ILlmClient Replica(CountingProvider provider, Action<CacheOptions>? cache = null, Action<LlmClientBuilder>? configure = null)
        => provider.Client(cache, configure: b =>
        {
            b.UseTimeProvider(TimeProvider.System).UseRedisCache(_redis.ConnectionString, "llmtest:");
            configure?.Invoke(b);
        });

    [Test]
    public async Task Replicas_share_answers_through_redis()
    {
        var providerA = new CountingProvider();
        var providerB = new CountingProvider();
        var first = await Replica(providerA).CompletionAsync(Ask());
        var second = await Replica(providerB).CompletionAsync(Ask());

        Assert.That(providerB.ChatCalls, Is.EqualTo(0));
        Assert.That(second.Details.CacheHit, Is.True);
        Assert.That(second.Content, Is.EqualTo(first.Content));
        Assert.That(second.Usage!.PromptTokens, Is.EqualTo(1000));

        using var mux = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        var keys = mux.GetServer(mux.GetEndPoints()[0]).Keys(pattern: "llmtest:*").Select(k => (string)k!).ToList();
        Assert.That(keys, Has.Count.EqualTo(1));
        Assert.That(keys[0], Is.EqualTo("llmtest:" + first.Details.CacheKey));
        var ttl = await mux.GetDatabase().KeyTimeToLiveAsync(keys[0]);
        Assert.That(ttl, Is.Not.Null.And.LessThanOrEqualTo(TimeSpan.FromMinutes(10)), "entries expire in Redis too");
    }

    [Test]
    public async Task Redis_stopped_mid_test_leaves_calls_succeeding_and_counts_the_errors()
    {
        var provider = new CountingProvider();
        var client = Replica(provider, c => c.StoreTimeout = TimeSpan.FromMilliseconds(500));
        await client.CompletionAsync(Ask());
        Assert.That((await client.CompletionAsync(Ask())).Details.CacheHit, Is.True);

        using var errors = new CacheErrorCounter();
        _redis.Stop();
        var during = await client.CompletionAsync(Ask());
        Assert.That(during.Details.CacheHit, Is.False);
        Assert.That(during.Content, Does.StartWith("answer #2"));
        Assert.That(errors["read"], Is.EqualTo(1));
        Assert.That(errors["write"], Is.EqualTo(1));

        var stream = new List<ChatCompletionChunk>();
        await foreach (var c in client.StreamCompletionAsync(Ask("streamed while down"))) stream.Add(c);
        Assert.That(ChunkAggregator.Build(stream).Content, Does.StartWith("answer #3"));
    }

    [Test]
    public async Task Cache_works_again_after_redis_restarts()
    {
        var provider = new CountingProvider();
        var client = Replica(provider, c => c.StoreTimeout = TimeSpan.FromMilliseconds(500));
        await client.CompletionAsync(Ask());
        _redis.Restart(); // no persistence: the entry is gone, the connection must recover
        Assert.That((await client.CompletionAsync(Ask())).Details.CacheHit, Is.False);
        var hit = false;
        for (var i = 0; i < 50 && !hit; i++) hit = (await client.CompletionAsync(Ask())).Details.CacheHit; // the client reconnects in the background
        Assert.That(hit, Is.True);
    }

    [Test]
    public async Task Semantic_index_on_plain_redis_is_shared_by_replicas()
    {
        using var mux = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        void Semantic(CacheOptions c)
        {
            c.Semantic.Enabled = true;
            c.Semantic.EmbeddingModel = "fake/embed-1";
            c.Semantic.SimilarityThreshold = 0.9;
        }
        CountingProvider Provider()
        {
            var p = new CountingProvider();
            p.Vectors["user: What is the capital of France?"] = [1, 0];
            p.Vectors["user: Capital of France?"] = [0.95f, 0.3122499f];
            p.Vectors["user: Capital of Germany?"] = [0.5f, 0.8660254f];
            return p;
        }
        var a = Provider();
        var b = Provider();
        await Replica(a, Semantic, x => x.UseRedisSemanticIndex(mux, "llmtest:")).CompletionAsync(Ask());
        var replicaB = Replica(b, Semantic, x => x.UseRedisSemanticIndex(mux, "llmtest:"));
        var near = await replicaB.CompletionAsync(Ask("Capital of France?"));
        var far = await replicaB.CompletionAsync(Ask("Capital of Germany?"));

        Assert.That(near.Details.CacheHit, Is.True);
        Assert.That(near.Details.CacheSimilarity, Is.EqualTo(0.95).Within(1e-5));
        Assert.That(far.Details.CacheHit, Is.False);
        Assert.That(b.ChatCalls, Is.EqualTo(1));
        var hashes = mux.GetServer(mux.GetEndPoints()[0]).Keys(pattern: "llmtest:semantic:*").ToList();
        Assert.That(hashes, Has.Count.EqualTo(1), "one hash for the one scope");
        Assert.That(await mux.GetDatabase().HashLengthAsync(hashes[0]), Is.EqualTo(2));
    }

    [Test]
    public async Task Redis_semantic_index_trims_a_scope_to_its_bound_and_skips_expired_entries()
    {
        using var mux = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        var index = new RedisSemanticIndex(mux, maxEntriesPerScope: 2, prefix: "llmtest:");
        var now = DateTimeOffset.UtcNow;
        await index.AddAsync("s", new float[] { 1, 0 }, "soonest", now.AddMinutes(1), default);
        await index.AddAsync("s", new float[] { 0, 1 }, "later", now.AddMinutes(5), default);
        await index.AddAsync("s", new float[] { 0.8f, 0.6f }, "latest", now.AddMinutes(9), default);
        var nearest = await index.FindNearestAsync("s", new float[] { 1, 0 }, default);
        Assert.That(nearest!.EntryKey, Is.EqualTo("latest"), "the entry expiring soonest was trimmed");
        Assert.That(nearest.Similarity, Is.EqualTo(0.8).Within(1e-6));

        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(now.AddMinutes(10));
        var later = new RedisSemanticIndex(mux, 2, "llmtest:", clock);
        Assert.That(await later.FindNearestAsync("s", new float[] { 1, 0 }, default), Is.Null, "expired fields are not answered");
    }

    [Test]
    public async Task Semantic_index_outage_does_not_fail_the_call()
    {
        using var mux = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        var provider = new CountingProvider();
        var client = Replica(provider, c =>
        {
            c.StoreTimeout = TimeSpan.FromMilliseconds(500);
            c.Semantic.Enabled = true;
            c.Semantic.EmbeddingModel = "fake/embed-1";
        }, x => x.UseRedisSemanticIndex(mux, "llmtest:"));
        using var errors = new CacheErrorCounter();
        _redis.Stop();
        var response = await client.CompletionAsync(Ask());
        Assert.That(response.Content, Does.StartWith("answer #1"));
        Assert.That(errors["semantic_read"], Is.EqualTo(1));
    }

    [Test, Explicit("diagnostic: prints the loopback hit latency, asserts nothing about time")]
    public async Task Diagnostic_redis_hit_latency_on_loopback()
    {
        var provider = new CountingProvider();
        var client = Replica(provider);
        await client.CompletionAsync(Ask());
        for (var i = 0; i < 200; i++) await client.CompletionAsync(Ask()); // warm up
        const int n = 2000;
        var samples = new double[n];
        for (var i = 0; i < n; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await client.CompletionAsync(Ask());
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }
        Array.Sort(samples);
        await TestContext.Out.WriteLineAsync($"Redis hit over loopback: mean {samples.Average():F1} µs, p50 {samples[n / 2]:F1} µs, p99 {samples[(int)(n * 0.99)]:F1} µs (n={n})");
        Assert.That(provider.ChatCalls, Is.EqualTo(1));
    }
}
