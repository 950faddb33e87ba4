using LlmAbstraction.Configuration;
using LlmAbstraction.Redis;
using LlmAbstraction.Routing;
using LlmAbstraction.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace LlmAbstraction.Tests.Routing;

/// <summary>Two router instances (two clients, two Redis connections, as two processes would have) share one real Redis.</summary>
[NonParallelizable]
public class RedisRouterStateTests
{
    private RedisServer _redis = null!;
    private readonly List<ConnectionMultiplexer> _connections = [];
    private FakeProvider _fake = null!;
    private FakeTimeProvider _time = null!;
    private string _prefix = null!;

    [OneTimeSetUp] public async Task StartRedis() => _redis = await RedisServer.StartAsync();
    [OneTimeTearDown] public void StopRedis() => _redis?.Dispose();

    [SetUp]
    public void SetUp()
    {
        _fake = new FakeProvider();
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 12, 0, 10, TimeSpan.Zero));
        _prefix = "test:" + Guid.NewGuid().ToString("N");
    }

    [TearDown]
    public void TearDown()
    {
        _fake.Dispose();
        foreach (var c in _connections) c.Dispose();
        _connections.Clear();
    }

    private Deployment Deployment(string id, int? rpm = null, int? order = null)
        => new() { Id = id, ModelGroup = "chat", Model = "openai/gpt-4o-mini", ApiBase = $"{_fake.Url}/{id}/v1", ApiKey = "sk-test-" + id, Rpm = rpm, Order = order };

    private async Task<ILlmClient> Instance(RoutingStrategy strategy, params Deployment[] deployments)
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        _connections.Add(connection);
        return new LlmClientBuilder()
            .UseEnvironment(_ => null)
            .UseTimeProvider(_time)
            .UseRouterRandom(new Random(5).NextDouble)
            .UseRouter(r => { r.Strategy = strategy; r.Deployments = [.. deployments]; })
            .UseRedisRouterStateStore(connection, new RedisRouterStateStoreOptions { KeyPrefix = _prefix })
            .Configure(o => o.Resilience.NumRetries = 0)
            .Build();
    }

    private int Count(string id) => _fake.Server.LogEntries.Count(e => e.RequestMessage.Path.StartsWith($"/{id}/", StringComparison.Ordinal));

    [Test]
    public async Task Two_instances_share_one_rpm_budget()
    {
        _fake.Reply("/a/v1/chat/completions", 200, RouterKit.ChatOk).Reply("/b/v1/chat/completions", 200, RouterKit.ChatOk);
        var one = await Instance(RoutingStrategy.UsageBasedRoutingV2, Deployment("a", rpm: 2), Deployment("b", rpm: 1));
        var two = await Instance(RoutingStrategy.UsageBasedRoutingV2, Deployment("a", rpm: 2), Deployment("b", rpm: 1));

        await one.CompletionAsync(RouterKit.Ask());
        await two.CompletionAsync(RouterKit.Ask());
        await one.CompletionAsync(RouterKit.Ask());
        Assert.That((Count("a"), Count("b")), Is.EqualTo((2, 1)), "three requests fill a (2) and b (1) across both instances");

        var ex = Assert.CatchAsync<NoDeploymentAvailableException>(() => two.CompletionAsync(RouterKit.Ask()))!;
        Assert.That(ex.Message, Does.Contain("a (rpm limit 2 reached this minute)").And.Contain("b (rpm limit 1 reached this minute)"));
        Assert.CatchAsync<NoDeploymentAvailableException>(() => one.CompletionAsync(RouterKit.Ask()));

        _time.Advance(TimeSpan.FromSeconds(50)); // next minute: a new window for both
        await two.CompletionAsync(RouterKit.Ask());
        Assert.That(Count("a") + Count("b"), Is.EqualTo(4));
    }

    [Test]
    public async Task Two_instances_share_one_cooldown_list()
    {
        _fake.Reply("/a/v1/chat/completions", 429, RouterKit.RateLimited, headers: new Dictionary<string, string> { ["retry-after"] = "30" });
        _fake.Reply("/b/v1/chat/completions", 200, RouterKit.ChatOk);
        var one = await Instance(RoutingStrategy.SimpleShuffle, Deployment("a", order: 1), Deployment("b", order: 2));
        var two = await Instance(RoutingStrategy.SimpleShuffle, Deployment("a", order: 1), Deployment("b", order: 2));

        Assert.CatchAsync<RateLimitException>(() => one.CompletionAsync(RouterKit.Ask())); // a answers 429: cooled for 30 s, in Redis
        for (var i = 0; i < 3; i++)
            Assert.That((await two.CompletionAsync(RouterKit.Ask())).Details.Deployment, Is.EqualTo("b"), "the other instance skips a");
        Assert.That(Count("a"), Is.EqualTo(1));

        _time.Advance(TimeSpan.FromSeconds(30));
        _fake.Reply("/a/v1/chat/completions", 200, RouterKit.ChatOk);
        Assert.That((await two.CompletionAsync(RouterKit.Ask())).Details.Deployment, Is.EqualTo("a"));
    }

    [Test]
    public async Task Store_round_trips_in_flight_usage_failures_and_latency_across_connections()
    {
        var c1 = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        var c2 = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        _connections.AddRange([c1, c2]);
        var options = new RedisRouterStateStoreOptions { KeyPrefix = _prefix };
        IRouterStateStore s1 = new RedisRouterStateStore(c1, options), s2 = new RedisRouterStateStore(c2, options);
        var builder = new LlmClientBuilder().UseEnvironment(_ => null).UseRouter(r => r.Deployments = [Deployment("a", rpm: 5), Deployment("b")]);
        builder.Build();
        Assert.That(builder.BuiltRouter!.TryGetGroup("chat", out var group));
        var now = _time.GetUtcNow();
        var minute = RouterGroupState.MinuteOf(now);

        await s1.BeginRequestAsync(group, 0, default);
        await s2.BeginRequestAsync(group, 0, default);
        Assert.That(await s1.TryReserveAsync(group, 0, 100, true, now, default), Is.True);
        await s2.ReconcileTokensAsync(group, 0, -40, minute, default);
        Assert.That(await s1.RecordFailureAsync(group, 1, TimeSpan.FromMinutes(1), now, default), Is.EqualTo(1));
        Assert.That(await s2.RecordFailureAsync(group, 1, TimeSpan.FromMinutes(1), now, default), Is.EqualTo(2));
        for (var i = 1; i <= 12; i++) await s1.RecordLatencyAsync(group, 1, TimeSpan.FromMilliseconds(i * 10), false, 10, TimeSpan.FromHours(1), now, default);
        await s2.SetCooldownAsync(group, 1, now.AddSeconds(5), now, default);

        var state = await s2.GetStateAsync(group, now, default);
        Assert.That(state.InFlight.ToArray(), Is.EqualTo(new[] { 2, 0 }));
        Assert.That((state.Requests(0, minute), state.Tokens(0, minute)), Is.EqualTo((1L, 60L)));
        Assert.That(state.AverageLatencyMs(1, false, now), Is.EqualTo(75), "the latest 10 of 12 samples: 30..120 ms");
        Assert.That(state.AverageLatencyMs(0, false, now), Is.NaN);
        Assert.That(state.IsCoolingDown(1, now), Is.True);
        Assert.That(state.IsCoolingDown(1, now.AddSeconds(5)), Is.False);
        await s1.EndRequestAsync(group, 0, default);
        Assert.That((await s1.GetStateAsync(group, now, default)).InFlight[0], Is.EqualTo(1));

        var keys = c1.GetServer(c1.GetEndPoints()[0]).Keys(pattern: _prefix + ":*").Select(k => (string)k!).ToList();
        Assert.That(keys, Is.Not.Empty);
        Assert.That(keys, Has.None.Contains("sk-test"), "keys never hold secrets");
        Assert.That(keys, Has.All.StartWith(_prefix + ":chat:"));
    }

    [Test]
    public void Redis_url_and_host_settings_become_connection_options_without_echoing_the_password()
    {
        var fromUrl = new RouterSettings { RedisUrl = SecretValue.FromLiteral("redis://:s3cret@cache.internal:6380/2") }.ToRedisOptions()!;
        Assert.That((fromUrl.EndPoints.Single().ToString(), fromUrl.Password, fromUrl.DefaultDatabase, fromUrl.Ssl), Is.EqualTo(("Unspecified/cache.internal:6380", "s3cret", (int?)2, false)));
        var fromHost = new RouterSettings { RedisHost = "127.0.0.1", RedisPort = 7000, RedisPassword = SecretValue.FromLiteral("pw") }.ToRedisOptions()!;
        Assert.That((fromHost.EndPoints.Single().ToString(), fromHost.Password), Is.EqualTo(("127.0.0.1:7000", "pw")));
        Assert.That(new RouterSettings().ToRedisOptions(), Is.Null);
        var ex = Assert.Throws<ArgumentException>(() => new RouterSettings { RedisUrl = SecretValue.FromLiteral("http://user:s3cret@x") }.ToRedisOptions())!;
        Assert.That(ex.Message, Does.Not.Contain("s3cret"));
    }
}
