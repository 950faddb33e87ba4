using System.Numerics;

namespace LlmAbstraction.Routing.Strategies;

/// <summary>
/// LiteLLM <c>least-busy</c>: the deployment with the fewest requests in flight. A SIMD minimum over the tier's
/// in-flight counts, then a vectorised search for that value from a random offset (ties share traffic); when every
/// least-busy deployment is unavailable, one scalar pass finds the least busy available one. No allocation.
/// </summary>
internal sealed class LeastBusyStrategy : IRoutingStrategy
{
    public static LeastBusyStrategy Instance { get; } = new();

    public ValueTask<int> PickAsync(RoutingRequest request, CancellationToken cancellationToken) => new(Pick(request));

    internal static int Pick(in RoutingRequest request)
    {
        int start = request.TierStart, length = request.TierEnd - request.TierStart;
        var counts = request.State.InFlight.Slice(start, length);
        var min = Min(counts);
        var offset = (int)(request.NextRandom() * length);
        if (offset >= length) offset = length - 1;
        var found = FindAvailable(request, counts, start, offset, length, min);
        if (found < 0) found = FindAvailable(request, counts, start, 0, offset, min);
        return found >= 0 ? found : Scan(request, counts, start, offset);
    }

    private static int FindAvailable(in RoutingRequest request, ReadOnlySpan<int> counts, int start, int from, int to, int value)
    {
        while (from < to)
        {
            var hit = counts[from..to].IndexOf(value);
            if (hit < 0) return -1;
            var index = start + from + hit;
            if (request.IsAvailable(index)) return index;
            from += hit + 1;
        }
        return -1;
    }

    internal static int Min(ReadOnlySpan<int> values)
    {
        var i = 0;
        var min = int.MaxValue;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<int>.Count * 2)
        {
            var acc = new Vector<int>(values);
            for (i = Vector<int>.Count; i <= values.Length - Vector<int>.Count; i += Vector<int>.Count)
                acc = Vector.Min(acc, new Vector<int>(values[i..]));
            for (var lane = 0; lane < Vector<int>.Count; lane++) min = Math.Min(min, acc[lane]);
        }
        for (; i < values.Length; i++) min = Math.Min(min, values[i]);
        return min;
    }

    private static int Scan(in RoutingRequest request, ReadOnlySpan<int> counts, int start, int offset)
    {
        var best = -1;
        for (var k = 0; k < counts.Length; k++)
        {
            var i = (offset + k) % counts.Length;
            if ((best < 0 || counts[i] < counts[best]) && request.IsAvailable(start + i)) best = i;
        }
        return best < 0 ? -1 : start + best;
    }
}
