using BenchmarkDotNet.Attributes;
using LlmAbstraction.Routing;
using LlmAbstraction.Routing.Strategies;

namespace LlmAbstraction.Benchmarks;

/// <summary>
/// Picking one deployment in a group of 1,000 with the in-memory state store: read the group state (synchronous
/// ValueTask), build the pick, run the strategy. Target: ≤ 200 ns and 0 B for simple-shuffle and least-busy.
/// </summary>
[MemoryDiagnoser]
public class RouterBenchmarks
{
    private const int N = 1000;
    private readonly InMemoryRouterStateStore _store = new();
    private readonly Random _random = new(42);
    private Func<double> _next = null!;
    private DeploymentGroup _weighted = null!, _uniform = null!, _cooling = null!;
    private DateTimeOffset _now;

    [GlobalSetup]
    public void Setup()
    {
        _next = _random.NextDouble;
        _now = new DateTimeOffset(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);
        _weighted = Group("weighted", i => 1 + i % 7);
        _uniform = Group("uniform", _ => null);
        _cooling = Group("cooling", i => 1 + i % 7);
        for (var i = 0; i < N; i += 10) // 10 % of the group cooling down
            _store.SetCooldownAsync(_cooling, i, _now.AddMinutes(1), _now, default).AsTask().GetAwaiter().GetResult();
        var seed = new Random(7);
        foreach (var g in new[] { _weighted, _uniform, _cooling })
            for (var i = 0; i < N; i++)
                for (var k = seed.Next(1, 6); k > 0; k--) _store.BeginRequestAsync(g, i, default).AsTask().GetAwaiter().GetResult();
        // A few idle deployments, so least-busy has a real minimum to find.
        for (var i = 37; i < N; i += 211)
            while (_store.GetStateAsync(_uniform, _now, default).Result.InFlight[i] > 0) _store.EndRequestAsync(_uniform, i, default).AsTask().GetAwaiter().GetResult();
    }

    private static DeploymentGroup Group(string name, Func<int, double?> weight)
        => new(name, Enumerable.Range(0, N).Select(i => new Deployment { Id = $"{name}-{i}", ModelGroup = name, Model = "openai/gpt-4o-mini", Weight = weight(i) }),
            _ => null, _ => 1m);

    private int Pick(IRoutingStrategy strategy, DeploymentGroup group)
    {
        var state = _store.GetStateAsync(group, _now, default);
        var request = new RoutingRequest(group, state.Result, 0, _now, 100, false, false, false, _next, null);
        return strategy.PickAsync(request, default).Result;
    }

    [Benchmark] public int SimpleShuffle_weighted_1000() => Pick(SimpleShuffleStrategy.Instance, _weighted);

    [Benchmark] public int SimpleShuffle_uniform_1000() => Pick(SimpleShuffleStrategy.Instance, _uniform);

    [Benchmark] public int SimpleShuffle_weighted_1000_10pct_cooling() => Pick(SimpleShuffleStrategy.Instance, _cooling);

    [Benchmark] public int LeastBusy_1000() => Pick(LeastBusyStrategy.Instance, _uniform);

    [Benchmark] public int LeastBusy_1000_10pct_cooling() => Pick(LeastBusyStrategy.Instance, _cooling);
}
