namespace LlmAbstraction.Routing.Strategies;

/// <summary>
/// LiteLLM <c>cost-based-routing</c>: the cheapest deployment (input + output USD per token) among those under their
/// rpm/tpm this minute; equal prices share traffic. Prices come from the deployment's own
/// <c>input_cost_per_token</c>/<c>output_cost_per_token</c>, else the <see cref="IModelPriceSource"/>, else
/// 5.0 USD each (LiteLLM's value for unknown models), so unpriced deployments are used last.
/// </summary>
internal sealed class CostBasedStrategy : IRoutingStrategy
{
    public static CostBasedStrategy Instance { get; } = new();

    public bool RespectsRateLimits => true;

    public ValueTask<int> PickAsync(RoutingRequest request, CancellationToken cancellationToken) => new(Pick(request));

    private static int Pick(in RoutingRequest request)
    {
        var order = request.Group.CostOrder;
        var cost = request.Group.Cost;
        for (var k = request.TierStart; k < request.TierEnd; k++)
        {
            var first = order[k];
            if (!request.IsAvailable(first)) continue;
            var ties = 1;
            for (var j = k + 1; j < request.TierEnd && cost[order[j]] == cost[first]; j++)
                if (request.IsAvailable(order[j])) ties++;
            var chosen = Math.Min((int)(request.NextRandom() * ties), ties - 1);
            for (var j = k; j < request.TierEnd; j++)
                if (request.IsAvailable(order[j]) && chosen-- == 0) return order[j];
        }
        return -1;
    }
}
