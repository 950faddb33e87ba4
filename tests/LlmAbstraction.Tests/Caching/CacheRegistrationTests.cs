using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LlmAbstraction.Tests.Caching;

public class CacheRegistrationTests
{
    [Test]
    public async Task Configuration_turns_the_cache_on_and_di_plugs_the_registered_distributed_cache()
    {
        var provider = new CountingProvider();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cache:Enabled"] = "true",
            ["Cache:DefaultTtl"] = "00:05:00",
            ["Cache:Namespace"] = "svc",
            ["Cache:CallTypes"] = "Completion, Embeddings",
        }).Build();
        var distributed = new DictionaryCache();
        var services = new ServiceCollection()
            .AddSingleton<IDistributedCache>(distributed)
            .AddLlmDistributedCache()
            .AddLlmClient(configuration, (_, b) => b.AddProvider(provider.Descriptor).UseEnvironment(_ => null));
        await using var sp = services.BuildServiceProvider();
        var client = sp.GetRequiredService<ILlmClient>();

        var request = new ChatCompletionRequest { Model = "fake/model-a", Messages = [ChatMessage.User("hi")] };
        await client.CompletionAsync(request);
        var hit = await client.CompletionAsync(request);

        Assert.That(hit.Details.CacheHit, Is.True);
        Assert.That(provider.ChatCalls, Is.EqualTo(1));
        Assert.That(distributed.Entries.Keys, Is.EquivalentTo(new[] { hit.Details.CacheKey }));
        Assert.That(hit.Details.CacheKey, Does.StartWith("llm:c:svc:"));
        Assert.That(distributed.LastTtl, Is.EqualTo(TimeSpan.FromMinutes(5)));
    }

    [Test]
    public async Task Unreadable_bytes_in_a_shared_store_are_a_miss_not_an_error()
    {
        var provider = new CountingProvider();
        var distributed = new DictionaryCache();
        var client = provider.Client(configure: b => b.UseDistributedCache(distributed));
        var request = new ChatCompletionRequest { Model = "fake/model-a", Messages = [ChatMessage.User("hi")] };
        var first = await client.CompletionAsync(request);
        distributed.Entries[first.Details.CacheKey!] = "not json"u8.ToArray();
        var second = await client.CompletionAsync(request);
        Assert.That(second.Details.CacheHit, Is.False);
        Assert.That(provider.ChatCalls, Is.EqualTo(2));
    }

    private sealed class DictionaryCache : IDistributedCache
    {
        public ConcurrentDictionary<string, byte[]> Entries { get; } = new();
        public TimeSpan? LastTtl { get; private set; }
        public byte[]? Get(string key) => Entries.GetValueOrDefault(key);
        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Task.FromResult(Get(key));
        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) { Entries[key] = value; LastTtl = options.AbsoluteExpirationRelativeToNow; }
        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) { Set(key, value, options); return Task.CompletedTask; }
        public void Refresh(string key) { }
        public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;
        public void Remove(string key) => Entries.TryRemove(key, out _);
        public Task RemoveAsync(string key, CancellationToken token = default) { Remove(key); return Task.CompletedTask; }
    }
}
