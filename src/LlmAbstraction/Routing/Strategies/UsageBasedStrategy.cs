namespace LlmAbstraction.Routing.Strategies;

/// <summary>
/// LiteLLM <c>usage-based-routing-v2</c>: the deployment with the fewest tokens used this minute among those where one
/// more request and the prompt's tokens still fit <c>rpm</c>/<c>tpm</c>; ties share traffic. The router reserves the
/// request and prompt tokens atomically before sending and reconciles with the actual usage afterwards, so a shared
/// state store keeps several processes within one budget.
/// </summary>
internal sealed class UsageBasedStrategy : IRoutingStrategy
{
    public static UsageBasedStrategy Instance { get; } = new();

    public bool RespectsRateLimits => true;

    public ValueTask<int> PickAsync(RoutingRequest request, CancellationToken cancellationToken) => new(Pick(request));

    private static int Pick(in RoutingRequest request)
    {
        var lowest = long.MaxValue;
        var ties = 0;
        for (var i = request.TierStart; i < request.TierEnd; i++)
        {
            if (!request.IsAvailable(i)) continue;
            var used = request.State.Tokens(i, request.Minute);
            if (used < lowest) { lowest = used; ties = 1; }
            else if (used == lowest) ties++;
        }
        if (ties == 0) return -1;
        var chosen = Math.Min((int)(request.NextRandom() * ties), ties - 1);
        for (var i = request.TierStart; i < request.TierEnd; i++)
            if (request.IsAvailable(i) && request.State.Tokens(i, request.Minute) == lowest && chosen-- == 0) return i;
        return -1;
    }
}
