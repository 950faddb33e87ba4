using LlmAbstraction.Configuration;

namespace LlmAbstraction.Routing.Strategies;

/// <summary>Creates the built-in strategy for a <see cref="RoutingStrategy"/>.</summary>
internal static class RoutingStrategies
{
    public static IRoutingStrategy Create(RoutingStrategy strategy, RouterOptions options) => strategy switch
    {
        RoutingStrategy.SimpleShuffle => SimpleShuffleStrategy.Instance,
        RoutingStrategy.LeastBusy => LeastBusyStrategy.Instance,
        RoutingStrategy.LatencyBasedRouting => new LatencyBasedStrategy(options.LowestLatencyBuffer),
        RoutingStrategy.CostBasedRouting => CostBasedStrategy.Instance,
        RoutingStrategy.UsageBasedRoutingV2 => UsageBasedStrategy.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "Unknown routing strategy."),
    };
}
