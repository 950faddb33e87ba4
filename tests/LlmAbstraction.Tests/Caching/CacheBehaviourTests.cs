using Microsoft.Extensions.Time.Testing;

namespace LlmAbstraction.Tests.Caching;

public class CacheBehaviourTests
{
    private static ChatCompletionRequest Ask(string text = "What is the capital of France?", CacheControlOptions? cache = null)
        => new() { Model = "fake/model-a", Messages = [ChatMessage.User(text)], Cache = cache };

    [Test]
    public async Task Second_identical_call_is_a_hit_costing_nothing_and_keeping_the_original_usage()
    {
        var provider = new CountingProvider();
        var client = provider.Client();

        var first = await client.CompletionAsync(Ask());
        var second = await client.CompletionAsync(Ask());

        Assert.That(provider.ChatCalls, Is.EqualTo(1));
        Assert.That(first.Details.CacheHit, Is.False);
        Assert.That(second.Details.CacheHit, Is.True);
        Assert.That(second.Details.Cost, Is.EqualTo(0m));
        Assert.That(second.Content, Is.EqualTo(first.Content));
        Assert.That(second.Id, Is.EqualTo(first.Id));
        Assert.That(second.Usage!.PromptTokens, Is.EqualTo(1000));
        Assert.That(second.Usage.CompletionTokens, Is.EqualTo(100));
        Assert.That(second.Details.Provider, Is.EqualTo("fake"));
        Assert.That(second.Details.Model, Is.EqualTo("model-a"));
        Assert.That(second.Details.Attempts, Is.Empty, "a hit makes no provider attempt");
        Assert.That(second.Details.CacheKey, Is.EqualTo(first.Details.CacheKey).And.StartsWith("llm:c:"));
    }

    [Test]
    public async Task Each_hit_is_a_fresh_object_so_callers_cannot_corrupt_the_cache()
    {
        var provider = new CountingProvider();
        var client = provider.Client();
        await client.CompletionAsync(Ask());
        var hit = await client.CompletionAsync(Ask());
        hit.Choices[0].Message.Content = "tampered";
        var again = await client.CompletionAsync(Ask());
        Assert.That(again.Content, Is.EqualTo("answer #1 to: What is the capital of France?"));
    }

    [Test]
    public async Task Different_prompts_and_tenants_miss()
    {
        var provider = new CountingProvider();
        var client = provider.Client();
        await client.CompletionAsync(Ask());
        await client.CompletionAsync(Ask("What is the capital of Spain?"));
        var otherTenant = Ask();
        otherTenant.User = "bob";
        var bob = await client.CompletionAsync(otherTenant);
        Assert.That(provider.ChatCalls, Is.EqualTo(3));
        Assert.That(bob.Details.CacheHit, Is.False);
    }

    [Test]
    public async Task Cache_is_off_unless_enabled()
    {
        var provider = new CountingProvider();
        var client = provider.Client(c => c.Enabled = false);
        await client.CompletionAsync(Ask());
        var second = await client.CompletionAsync(Ask());
        Assert.That(provider.ChatCalls, Is.EqualTo(2));
        Assert.That(second.Details.CacheKey, Is.Null);
    }

    [Test]
    public async Task Call_types_not_listed_are_not_cached()
    {
        var provider = new CountingProvider();
        var client = provider.Client(c => c.CallTypes = CacheCallTypes.Embeddings);
        await client.CompletionAsync(Ask());
        await client.CompletionAsync(Ask());
        Assert.That(provider.ChatCalls, Is.EqualTo(2));
    }

    [Test]
    public async Task No_cache_skips_the_lookup_but_stores_the_fresh_answer()
    {
        var provider = new CountingProvider();
        var client = provider.Client();
        await client.CompletionAsync(Ask());
        var fresh = await client.CompletionAsync(Ask(cache: new CacheControlOptions { NoCache = true }));
        var after = await client.CompletionAsync(Ask());
        Assert.That(fresh.Details.CacheHit, Is.False);
        Assert.That(provider.ChatCalls, Is.EqualTo(2));
        Assert.That(after.Content, Is.EqualTo(fresh.Content), "the no-cache answer replaced the older entry");
    }

    [Test]
    public async Task No_store_skips_the_write()
    {
        var provider = new CountingProvider();
        var client = provider.Client();
        await client.CompletionAsync(Ask(cache: new CacheControlOptions { NoStore = true }));
        var second = await client.CompletionAsync(Ask());
        Assert.That(second.Details.CacheHit, Is.False);
        Assert.That(provider.ChatCalls, Is.EqualTo(2));
    }

    [Test]
    public async Task No_store_still_reads()
    {
        var provider = new CountingProvider();
        var client = provider.Client();
        await client.CompletionAsync(Ask());
        var second = await client.CompletionAsync(Ask(cache: new CacheControlOptions { NoStore = true }));
        Assert.That(second.Details.CacheHit, Is.True);
    }

    [Test]
    public async Task Default_ttl_expires_entries_on_the_injected_clock()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        var provider = new CountingProvider();
        var client = provider.Client(c => c.DefaultTtl = TimeSpan.FromMinutes(5), time);
        await client.CompletionAsync(Ask());
        time.Advance(TimeSpan.FromMinutes(4));
        Assert.That((await client.CompletionAsync(Ask())).Details.CacheHit, Is.True);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.That((await client.CompletionAsync(Ask())).Details.CacheHit, Is.False);
    }

    [Test]
    public async Task Per_request_ttl_overrides_the_default()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        var provider = new CountingProvider();
        var client = provider.Client(time: time);
        await client.CompletionAsync(Ask(cache: new CacheControlOptions { Ttl = TimeSpan.FromSeconds(30) }));
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.That((await client.CompletionAsync(Ask())).Details.CacheHit, Is.True);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.That((await client.CompletionAsync(Ask())).Details.CacheHit, Is.False);
    }

    [Test]
    public async Task S_maxage_accepts_only_younger_entries()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        var provider = new CountingProvider();
        var client = provider.Client(time: time);
        await client.CompletionAsync(Ask());
        time.Advance(TimeSpan.FromSeconds(60));
        var young = await client.CompletionAsync(Ask(cache: new CacheControlOptions { SMaxAge = TimeSpan.FromSeconds(61) }));
        var tooOld = await client.CompletionAsync(Ask(cache: new CacheControlOptions { SMaxAge = TimeSpan.FromSeconds(60) }));
        Assert.That(young.Details.CacheHit, Is.True);
        Assert.That(tooOld.Details.CacheHit, Is.False);
        Assert.That(provider.ChatCalls, Is.EqualTo(2));
    }

    [Test]
    public async Task Namespace_separates_entries_and_prefixes_the_key()
    {
        var provider = new CountingProvider();
        var client = provider.Client(c => c.Namespace = "default-ns");
        var a = await client.CompletionAsync(Ask(cache: new CacheControlOptions { Namespace = "team-a" }));
        var b = await client.CompletionAsync(Ask(cache: new CacheControlOptions { Namespace = "team-b" }));
        var a2 = await client.CompletionAsync(Ask(cache: new CacheControlOptions { Namespace = "team-a" }));
        var d = await client.CompletionAsync(Ask());
        Assert.That(b.Details.CacheHit, Is.False);
        Assert.That(a2.Details.CacheHit, Is.True);
        Assert.That(d.Details.CacheHit, Is.False);
        Assert.That(a.Details.CacheKey, Does.StartWith("llm:c:team-a:"));
        Assert.That(d.Details.CacheKey, Does.StartWith("llm:c:default-ns:"));
    }

    [Test]
    public void Invalid_cache_controls_are_rejected_with_a_typed_error()
    {
        var client = new CountingProvider().Client();
        var ex = Assert.ThrowsAsync<BadRequestException>(() => client.CompletionAsync(Ask(cache: new CacheControlOptions { Ttl = TimeSpan.Zero })));
        Assert.That(ex!.Message, Does.Contain("Ttl"));
        Assert.ThrowsAsync<BadRequestException>(() => client.CompletionAsync(Ask(cache: new CacheControlOptions { SMaxAge = TimeSpan.FromSeconds(-1) })));
    }

    [Test]
    public void Invalid_cache_options_fail_the_build_with_every_problem()
    {
        var builder = new LlmClientBuilder().Configure(o =>
        {
            o.Cache.Enabled = true;
            o.Cache.DefaultTtl = TimeSpan.Zero;
            o.Cache.Semantic.Enabled = true;
            o.Cache.Semantic.SimilarityThreshold = 1.5;
        });
        var ex = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => builder.Build());
        Assert.That(ex!.Failures, Has.Some.Contains("DefaultTtl"));
        Assert.That(ex.Failures, Has.Some.Contains("EmbeddingModel"));
        Assert.That(ex.Failures, Has.Some.Contains("SimilarityThreshold"));
    }

    [Test]
    public async Task Memory_store_stays_within_its_size_limit_evicting_the_least_recently_used()
    {
        var provider = new CountingProvider();
        var client = provider.Client(c => c.MemorySizeLimit = 2_500); // room for about three entries
        for (var i = 0; i < 6; i++) await client.CompletionAsync(Ask("question " + i));
        var newest = await client.CompletionAsync(Ask("question 5"));
        var oldest = await client.CompletionAsync(Ask("question 0"));
        Assert.That(newest.Details.CacheHit, Is.True);
        Assert.That(oldest.Details.CacheHit, Is.False);
    }

    [Test]
    public async Task Memory_store_accounts_sizes_evicts_in_lru_order_and_hands_out_copies()
    {
        static LlmAbstraction.Caching.CachedEntry Entry(int floats) => new() { Expires = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds(), Embedding = new float[floats] };
        var size = LlmAbstraction.Caching.CachedEntry.Serialize(Entry(20)).Length + 2 + 96;
        var store = new LlmAbstraction.Caching.MemoryEntryStore(3 * size, 1 << 20, new FakeTimeProvider());
        foreach (var k in new[] { "a", "b", "c" }) await store.SetAsync(k, Entry(20), TimeSpan.FromMinutes(1), default);
        (await store.GetAsync("a", default))!.Embedding![0] = 42; // a is now the most recent; changing the copy changes nothing
        await store.SetAsync("d", Entry(20), TimeSpan.FromMinutes(1), default);

        Assert.That(store.Count, Is.EqualTo(3));
        Assert.That(store.Size, Is.EqualTo(3 * size));
        Assert.That(await store.GetAsync("b", default), Is.Null);
        Assert.That((await store.GetAsync("a", default))!.Embedding![0], Is.EqualTo(0f));
        await store.SetAsync("huge", Entry(5000), TimeSpan.FromMinutes(1), default);
        Assert.That(await store.GetAsync("huge", default), Is.Null, "an entry larger than the whole store is not stored");
    }
}
