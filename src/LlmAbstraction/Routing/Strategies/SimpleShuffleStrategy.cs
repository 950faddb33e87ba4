namespace LlmAbstraction.Routing.Strategies;

/// <summary>
/// LiteLLM <c>simple-shuffle</c>: a random pick weighted by <c>weight</c>, else <c>rpm</c>, else <c>tpm</c> (the first
/// deployment of the tier decides which), else uniform. Samples the tier's precomputed cumulative weights by binary
/// search and rejects unavailable picks; after a few rejections it scans the tier once. O(log n), no allocation.
/// </summary>
internal sealed class SimpleShuffleStrategy : IRoutingStrategy
{
    private const int Samples = 8;

    public static SimpleShuffleStrategy Instance { get; } = new();

    public ValueTask<int> PickAsync(RoutingRequest request, CancellationToken cancellationToken) => new(Pick(request));

    internal static int Pick(in RoutingRequest request)
    {
        var group = request.Group;
        var cumulative = group.CumulativeWeight;
        int start = request.TierStart, end = request.TierEnd;
        var total = group.TierTotalWeight[request.Tier];
        for (var s = 0; s < Samples; s++)
        {
            var index = Find(cumulative, start, end, request.NextRandom() * total);
            if (Weight(cumulative, start, index) > 0 && request.IsAvailable(index)) return index;
        }
        return Scan(request, cumulative, start, end);
    }

    /// <summary>The first index whose running total exceeds <paramref name="target"/>.</summary>
    private static int Find(double[] cumulative, int start, int end, double target)
    {
        int lo = start, hi = end - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (cumulative[mid] > target) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    private static double Weight(double[] cumulative, int start, int index) => index == start ? cumulative[index] : cumulative[index] - cumulative[index - 1];

    /// <summary>Most of the tier is unavailable: weigh the available ones (uniformly if none has weight) and sample once.</summary>
    private static int Scan(in RoutingRequest request, double[] cumulative, int start, int end)
    {
        double total = 0;
        var available = 0;
        for (var i = start; i < end; i++)
        {
            if (!request.IsAvailable(i)) continue;
            available++;
            total += Weight(cumulative, start, i);
        }
        if (available == 0) return -1;
        var uniform = total <= 0;
        var target = request.NextRandom() * (uniform ? available : total);
        var last = -1;
        for (var i = start; i < end; i++)
        {
            if (!request.IsAvailable(i)) continue;
            last = i;
            target -= uniform ? 1 : Weight(cumulative, start, i);
            if (target < 0) return i;
        }
        return last;
    }
}
