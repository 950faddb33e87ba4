using LlmAbstraction.Configuration;
using LlmAbstraction.Routing;

namespace LlmAbstraction.Tests.Routing;

/// <summary>Each strategy against deployments on WireMock: where the calls go over many calls.</summary>
public class RoutingStrategyTests
{
    private RouterKit _kit = null!;

    [SetUp] public void SetUp() => _kit = new RouterKit();
    [TearDown] public void TearDown() => _kit.Dispose();

    private async Task<Dictionary<string, int>> RouteMany(ILlmClient client, int n, ChatCompletionRequest? request = null)
    {
        var counts = new Dictionary<string, int>();
        for (var i = 0; i < n; i++)
        {
            var response = await client.CompletionAsync(request ?? RouterKit.Ask());
            counts[response.Details.Deployment!] = counts.GetValueOrDefault(response.Details.Deployment!) + 1;
        }
        return counts;
    }

    [Test]
    public async Task Simple_shuffle_follows_weights_within_tolerance()
    {
        _kit.Ok("a", "b", "c");
        var client = _kit.Client(r => r.Deployments = [_kit.Deployment("a", weight: 1), _kit.Deployment("b", weight: 2), _kit.Deployment("c", weight: 7)]);
        const int n = 600;
        var counts = await RouteMany(client, n);
        Assert.That(counts.GetValueOrDefault("a") / (double)n, Is.EqualTo(0.1).Within(0.04));
        Assert.That(counts.GetValueOrDefault("b") / (double)n, Is.EqualTo(0.2).Within(0.05));
        Assert.That(counts.GetValueOrDefault("c") / (double)n, Is.EqualTo(0.7).Within(0.05));
        Assert.That(_kit.Count("a") + _kit.Count("b") + _kit.Count("c"), Is.EqualTo(n), "every call reached the deployment it names");
    }

    [Test]
    public async Task Simple_shuffle_weighs_by_rpm_when_no_weight_is_set()
    {
        _kit.Ok("a", "b");
        var client = _kit.Client(r => r.Deployments = [_kit.Deployment("a", rpm: 100), _kit.Deployment("b", rpm: 300)]);
        var counts = await RouteMany(client, 400);
        Assert.That(counts.GetValueOrDefault("b") / 400.0, Is.EqualTo(0.75).Within(0.06));
    }

    [Test]
    public async Task Simple_shuffle_without_weights_is_uniform()
    {
        _kit.Ok("a", "b", "c");
        var client = _kit.Client(r => r.Deployments = [_kit.Deployment("a"), _kit.Deployment("b"), _kit.Deployment("c")]);
        var counts = await RouteMany(client, 450);
        foreach (var id in new[] { "a", "b", "c" })
            Assert.That(counts.GetValueOrDefault(id) / 450.0, Is.EqualTo(1 / 3.0).Within(0.06), id);
    }

    [Test]
    public async Task Routed_request_carries_the_deployment_key_endpoint_and_model_and_the_callers_request_is_unchanged()
    {
        _kit.Ok("a");
        var client = _kit.Client(r => r.Deployments = [_kit.Deployment("a", model: "openai/gpt-4.1-nano")]);
        var request = RouterKit.Ask();
        var response = await client.CompletionAsync(request);
        Assert.That(_kit.Fake.LastRequestHeaders["Authorization"].Single(), Is.EqualTo("Bearer sk-test-a"));
        Assert.That(_kit.Fake.LastRequestBody, Does.Contain("\"model\":\"gpt-4.1-nano\""));
        Assert.That(response.Details.Deployment, Is.EqualTo("a"));
        Assert.That(response.Details.Attempts.Single().Deployment, Is.EqualTo("a"));
        Assert.That((request.Model, request.ApiKey, request.ApiBase), Is.EqualTo(("chat", (string?)null, (string?)null)));
    }

    [Test]
    public async Task A_model_string_that_is_not_a_group_passes_through()
    {
        _kit.Ok("direct");
        var client = _kit.Client(r => r.Deployments = [_kit.Deployment("a")]);
        var request = new ChatCompletionRequest { Model = "openai/gpt-4o-mini", ApiBase = _kit.Base("direct"), ApiKey = "sk-direct", Messages = [ChatMessage.User("hi")] };
        var response = await client.CompletionAsync(request);
        Assert.That(response.Details.Deployment, Is.Null);
        Assert.That(_kit.Count("direct"), Is.EqualTo(1));
    }

    [Test]
    public async Task Model_group_alias_routes_to_the_group()
    {
        _kit.Ok("a");
        var client = _kit.Client(r => { r.Deployments = [_kit.Deployment("a")]; r.ModelGroupAliases["gpt-4"] = RouterKit.GroupName; });
        var response = await client.CompletionAsync(RouterKit.Ask("gpt-4"));
        Assert.That(response.Details.Deployment, Is.EqualTo("a"));
    }

    [Test]
    public async Task Least_busy_sends_to_the_deployment_with_fewest_requests_in_flight()
    {
        _kit.Ok("a", "b", "c");
        var client = _kit.Client(r => { r.Strategy = RoutingStrategy.LeastBusy; r.Deployments = [_kit.Deployment("a"), _kit.Deployment("b"), _kit.Deployment("c")]; });
        await client.CompletionAsync(RouterKit.Ask()); // creates the group's state
        var group = await GroupOf(client);
        await _kit.Store.BeginRequestAsync(group, group.IndexOf("a"), default);
        await _kit.Store.BeginRequestAsync(group, group.IndexOf("a"), default);
        await _kit.Store.BeginRequestAsync(group, group.IndexOf("c"), default);
        var counts = await RouteMany(client, 20);
        Assert.That(counts.Keys, Is.EquivalentTo(new[] { "b" }));
    }

    [Test]
    public async Task Latency_based_prefers_the_fastest_and_shares_within_the_buffer()
    {
        _kit.Ok("fast", "near", "slow");
        var client = _kit.Client(r =>
        {
            r.Strategy = RoutingStrategy.LatencyBasedRouting;
            r.LowestLatencyBuffer = 0.5;
            r.Deployments = [_kit.Deployment("fast"), _kit.Deployment("near"), _kit.Deployment("slow")];
        });
        var group = await GroupOf(client);
        await Sample(group, "fast", 100, ttft: false);
        await Sample(group, "near", 140, ttft: false);
        await Sample(group, "slow", 400, ttft: false);
        // Route without recording the calls' own (fake-clock, 0 ms) latencies: the samples decide.
        var counts = new Dictionary<string, int>();
        for (var i = 0; i < 60; i++)
        {
            var state = await _kit.Store.GetStateAsync(group, _kit.Time.GetUtcNow(), default);
            var index = await new LlmAbstraction.Routing.Strategies.LatencyBasedStrategy(0.5).PickAsync(Request(group, state, streaming: false, i), default);
            counts[group[index].Id] = counts.GetValueOrDefault(group[index].Id) + 1;
        }
        Assert.That(counts.Keys, Is.EquivalentTo(new[] { "fast", "near" }), "140 ms is within 1.5 × 100 ms; 400 ms is not");
        Assert.That(counts["fast"], Is.InRange(15, 45));
    }

    [Test]
    public async Task Latency_based_streams_rank_by_time_to_first_token_and_calls_record_their_samples()
    {
        _kit.Ok("a", "b");
        _kit.Fake.Reply("/a/v1/chat/completions", 200, LlmAbstraction.Tests.TestSupport.OwnFixtures.Text("openai/chat-stream-text.sse"), "text/event-stream");
        var client = _kit.Client(r => { r.Strategy = RoutingStrategy.LatencyBasedRouting; r.Deployments = [_kit.Deployment("a"), _kit.Deployment("b")]; });
        var group = await GroupOf(client);
        await Sample(group, "a", 500, ttft: false);
        await Sample(group, "a", 50, ttft: true);
        await Sample(group, "b", 100, ttft: false);
        await Sample(group, "b", 90, ttft: true);
        var state = await _kit.Store.GetStateAsync(group, _kit.Time.GetUtcNow(), default);
        var strategy = new LlmAbstraction.Routing.Strategies.LatencyBasedStrategy(0);
        Assert.That(group[await strategy.PickAsync(Request(group, state, streaming: false, 0), default)].Id, Is.EqualTo("b"));
        Assert.That(group[await strategy.PickAsync(Request(group, state, streaming: true, 0), default)].Id, Is.EqualTo("a"));

        var chunks = await client.StreamCompletionAsync(RouterKit.Ask()).ToResponseAsync();
        Assert.That(chunks.Details.Deployment, Is.EqualTo("a"));
        Assert.That(state.AverageLatencyMs(group.IndexOf("a"), true, _kit.Time.GetUtcNow()), Is.EqualTo(25), "a 0 ms time-to-first-token sample joined the 50 ms one");
    }

    [Test]
    public async Task Latency_samples_expire_after_the_ttl()
    {
        _kit.Ok("a");
        var client = _kit.Client(r => { r.Strategy = RoutingStrategy.LatencyBasedRouting; r.LatencyTtl = TimeSpan.FromMinutes(5); r.Deployments = [_kit.Deployment("a")]; });
        var group = await GroupOf(client);
        await _kit.Store.RecordLatencyAsync(group, 0, TimeSpan.FromMilliseconds(200), false, 10, TimeSpan.FromMinutes(5), _kit.Time.GetUtcNow(), default);
        var state = await _kit.Store.GetStateAsync(group, _kit.Time.GetUtcNow(), default);
        Assert.That(state.AverageLatencyMs(0, false, _kit.Time.GetUtcNow()), Is.EqualTo(200));
        _kit.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.That(state.AverageLatencyMs(0, false, _kit.Time.GetUtcNow()), Is.NaN);
    }

    [Test]
    public async Task Cost_based_prefers_the_cheapest_under_its_rpm_then_the_next_cheapest()
    {
        _kit.Ok("cheap", "mid", "unpriced");
        var client = _kit.Client(r =>
        {
            r.Strategy = RoutingStrategy.CostBasedRouting;
            r.Deployments =
            [
                _kit.Deployment("unpriced"),
                _kit.Deployment("mid", inputCost: 0.000003m, outputCost: 0.000015m),
                _kit.Deployment("cheap", rpm: 3, inputCost: 0.00000015m, outputCost: 0.0000006m),
            ];
        });
        var order = new List<string>();
        for (var i = 0; i < 5; i++) order.Add((await client.CompletionAsync(RouterKit.Ask())).Details.Deployment!);
        Assert.That(order, Is.EqualTo(new[] { "cheap", "cheap", "cheap", "mid", "mid" }));
    }

    [Test]
    public async Task Cost_based_asks_the_price_source_for_deployments_without_prices()
    {
        _kit.Ok("a", "b");
        var client = _kit.Client(r =>
        {
            r.Strategy = RoutingStrategy.CostBasedRouting;
            r.Deployments = [_kit.Deployment("a", model: "openai/gpt-4o"), _kit.Deployment("b", model: "openai/gpt-4o-mini")];
        }, configure: b => b.UseModelPrices(new Prices()));
        var response = await client.CompletionAsync(RouterKit.Ask());
        Assert.That(response.Details.Deployment, Is.EqualTo("b"));
    }

    private sealed class Prices : IModelPriceSource
    {
        public bool TryGetPrice(string model, out ModelPrice price)
        {
            price = model == "openai/gpt-4o" ? new ModelPrice(0.0000025m, 0.00001m) : new ModelPrice(0.00000015m, 0.0000006m);
            return true;
        }
    }

    [Test]
    public async Task Custom_strategy_is_used()
    {
        _kit.Ok("a", "b");
        var client = _kit.Client(r => r.Deployments = [_kit.Deployment("a"), _kit.Deployment("b")], configure: b => b.UseRoutingStrategy(new LastOne()));
        var counts = await RouteMany(client, 5);
        Assert.That(counts, Is.EqualTo(new Dictionary<string, int> { ["b"] = 5 }));
    }

    private sealed class LastOne : IRoutingStrategy
    {
        public ValueTask<int> PickAsync(RoutingRequest request, CancellationToken cancellationToken)
        {
            for (var i = request.TierEnd - 1; i >= request.TierStart; i--)
                if (request.IsAvailable(i)) return new(i);
            return new(-1);
        }
    }

    private Task<DeploymentGroup> GroupOf(ILlmClient client) => Task.FromResult(_kit.Group());

    private Task Sample(DeploymentGroup group, string id, double ms, bool ttft)
        => _kit.Store.RecordLatencyAsync(group, group.IndexOf(id), TimeSpan.FromMilliseconds(ms), ttft, 10, TimeSpan.FromHours(1), _kit.Time.GetUtcNow(), default).AsTask();

    private static readonly Random PickRandom = new(7);

    private RoutingRequest Request(DeploymentGroup group, RouterGroupState state, bool streaming, int _)
        => new(group, state, 0, _kit.Time.GetUtcNow(), 10, streaming, false, false, PickRandom.NextDouble, null);
}
