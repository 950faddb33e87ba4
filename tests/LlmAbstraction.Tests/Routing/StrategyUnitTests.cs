using LlmAbstraction.Routing;
using LlmAbstraction.Routing.Strategies;

namespace LlmAbstraction.Tests.Routing;

/// <summary>The strategies' fast paths and their fallbacks, on large groups in the in-memory store.</summary>
public class StrategyUnitTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);

    private static DeploymentGroup Group(int n, Func<int, double?>? weight = null, Func<int, int?>? order = null)
        => new("g", Enumerable.Range(0, n).Select(i => new Deployment { Id = "d" + i, ModelGroup = "g", Model = "openai/x", Weight = weight?.Invoke(i), Order = order?.Invoke(i) }),
            _ => null, _ => 1m);

    private static RoutingRequest Request(DeploymentGroup g, RouterGroupState s, Random r, int tier = 0) => new(g, s, tier, Now, 10, false, false, false, r.NextDouble, null);

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(16)]
    [TestCase(1003)]
    public void Simd_minimum_equals_the_scalar_minimum(int length)
    {
        var random = new Random(length);
        for (var round = 0; round < 50; round++)
        {
            var values = Enumerable.Range(0, length).Select(_ => random.Next(-5, 1000)).ToArray();
            Assert.That(LeastBusyStrategy.Min(values), Is.EqualTo(values.Min()));
        }
    }

    [Test]
    public async Task Simple_shuffle_finds_the_few_available_deployments_when_almost_all_are_cooling()
    {
        var store = new InMemoryRouterStateStore();
        var g = Group(1000, i => 1 + i % 5);
        var open = new HashSet<int> { 3, 500, 998 };
        for (var i = 0; i < 1000; i++)
            if (!open.Contains(i)) await store.SetCooldownAsync(g, i, Now.AddMinutes(1), Now, default);
        var state = await store.GetStateAsync(g, Now, default);
        var random = new Random(1);
        var seen = new HashSet<int>();
        for (var k = 0; k < 300; k++) seen.Add(await SimpleShuffleStrategy.Instance.PickAsync(Request(g, state, random), default));
        Assert.That(seen, Is.EquivalentTo(open));

        await store.SetCooldownAsync(g, 3, Now.AddMinutes(1), Now, default);
        await store.SetCooldownAsync(g, 500, Now.AddMinutes(1), Now, default);
        await store.SetCooldownAsync(g, 998, Now.AddMinutes(1), Now, default);
        Assert.That(await SimpleShuffleStrategy.Instance.PickAsync(Request(g, state, random), default), Is.EqualTo(-1));
    }

    [Test]
    public async Task Simple_shuffle_never_picks_a_zero_weight_deployment_while_weighted_ones_are_available()
    {
        var store = new InMemoryRouterStateStore();
        var g = Group(10, i => i < 5 ? 0 : 1);
        var state = await store.GetStateAsync(g, Now, default);
        var random = new Random(2);
        for (var k = 0; k < 200; k++) Assert.That(await SimpleShuffleStrategy.Instance.PickAsync(Request(g, state, random), default), Is.GreaterThanOrEqualTo(5));
        for (var i = 5; i < 10; i++) await store.SetCooldownAsync(g, i, Now.AddMinutes(1), Now, default);
        Assert.That(await SimpleShuffleStrategy.Instance.PickAsync(Request(g, state, random), default), Is.LessThan(5), "only zero-weight ones left: uniform among them");
    }

    [Test]
    public async Task Least_busy_takes_the_next_least_busy_when_the_idle_ones_are_cooling()
    {
        var store = new InMemoryRouterStateStore();
        var g = Group(100);
        for (var i = 0; i < 100; i++)
            for (var k = 0; k < (i == 10 || i == 20 ? 0 : i == 42 ? 1 : 3); k++) await store.BeginRequestAsync(g, i, default);
        await store.SetCooldownAsync(g, 10, Now.AddMinutes(1), Now, default);
        await store.SetCooldownAsync(g, 20, Now.AddMinutes(1), Now, default);
        var state = await store.GetStateAsync(g, Now, default);
        var random = new Random(3);
        for (var k = 0; k < 20; k++) Assert.That(await LeastBusyStrategy.Instance.PickAsync(Request(g, state, random), default), Is.EqualTo(42));
    }

    [Test]
    public async Task Least_busy_spreads_ties_over_the_idle_deployments()
    {
        var store = new InMemoryRouterStateStore();
        var g = Group(64);
        var state = await store.GetStateAsync(g, Now, default);
        var random = new Random(4);
        var seen = new HashSet<int>();
        for (var k = 0; k < 400; k++) seen.Add(await LeastBusyStrategy.Instance.PickAsync(Request(g, state, random), default));
        Assert.That(seen.Count, Is.GreaterThan(50));
    }

    [Test]
    public void Tiers_follow_order_with_unordered_deployments_last()
    {
        var g = Group(5, order: i => i switch { 0 => null, 1 => 2, 2 => 1, 3 => 2, _ => 1 });
        Assert.That(g.TierCount, Is.EqualTo(3));
        Assert.That(g.Deployments.Select(d => d.Id), Is.EqualTo(new[] { "d2", "d4", "d1", "d3", "d0" }));
        Assert.That((g.GetTier(0), g.GetTier(1), g.GetTier(2)), Is.EqualTo(((0, 2), (2, 4), (4, 5))));
    }

    [Test]
    public async Task In_flight_counts_return_to_zero_under_concurrent_picks()
    {
        var store = new InMemoryRouterStateStore();
        var g = Group(8);
        await Parallel.ForEachAsync(Enumerable.Range(0, 2000), async (i, ct) =>
        {
            await store.BeginRequestAsync(g, i % 8, ct);
            await store.TryReserveAsync(g, i % 8, 5, false, Now, ct);
            await store.EndRequestAsync(g, i % 8, ct);
        });
        var state = await store.GetStateAsync(g, Now, default);
        Assert.That(state.InFlight.ToArray(), Is.All.EqualTo(0));
        Assert.That(Enumerable.Range(0, 8).Sum(i => state.Requests(i, RouterGroupState.MinuteOf(Now))), Is.EqualTo(2000));
    }

    [Test]
    public void Invalid_router_options_fail_at_build_with_every_error_listed()
    {
        var builder = new LlmClientBuilder().UseRouter(r =>
        {
            r.AllowedFails = -1;
            r.Deployments = [new Deployment { Id = "x", ModelGroup = "g", Model = "openai/a", Weight = -1 }, new Deployment { Id = "x", ModelGroup = "g", Model = "" }];
            r.ModelGroupAliases["alias"] = "nope";
        });
        var ex = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => builder.Build())!;
        Assert.That(ex.Failures, Has.Some.Contains("AllowedFails").And.Some.Contains("Weight").And.Some.Contains("used twice").And.Some.Contains("no Model").And.Some.Contains("'nope'"));
    }
}
