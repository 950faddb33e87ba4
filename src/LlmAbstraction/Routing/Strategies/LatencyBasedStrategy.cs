namespace LlmAbstraction.Routing.Strategies;

/// <summary>
/// LiteLLM <c>latency-based-routing</c>: the lowest average of the recent latency window (time to first token for
/// streams, when sampled), picking at random among deployments within (1 + <c>lowest_latency_buffer</c>) × the
/// lowest. Deployments without samples count as 0 ms, so new ones are tried first. Failures are sampled at a
/// penalty latency by the router.
/// </summary>
internal sealed class LatencyBasedStrategy(double buffer) : IRoutingStrategy
{
    public ValueTask<int> PickAsync(RoutingRequest request, CancellationToken cancellationToken) => new(Pick(request));

    private int Pick(in RoutingRequest request)
    {
        var lowest = double.MaxValue;
        for (var i = request.TierStart; i < request.TierEnd; i++)
            if (request.IsAvailable(i)) lowest = Math.Min(lowest, Latency(request, i));
        if (lowest == double.MaxValue) return -1;
        var threshold = lowest * (1 + buffer);
        var candidates = 0;
        for (var i = request.TierStart; i < request.TierEnd; i++)
            if (request.IsAvailable(i) && Latency(request, i) <= threshold) candidates++;
        var chosen = Math.Min((int)(request.NextRandom() * candidates), candidates - 1);
        for (var i = request.TierStart; i < request.TierEnd; i++)
            if (request.IsAvailable(i) && Latency(request, i) <= threshold && chosen-- == 0) return i;
        return -1;
    }

    private static double Latency(in RoutingRequest request, int index)
    {
        var ms = request.IsStreaming ? request.State.AverageLatencyMs(index, timeToFirstToken: true, request.Now) : double.NaN;
        if (double.IsNaN(ms)) ms = request.State.AverageLatencyMs(index, timeToFirstToken: false, request.Now);
        return double.IsNaN(ms) ? 0 : ms;
    }
}
