namespace LlmAbstraction.Configuration;

/// <summary>How a deployment is picked inside a model group (LiteLLM <c>router_settings.routing_strategy</c>).</summary>
public enum RoutingStrategy
{
    /// <summary><c>simple-shuffle</c>: random pick, weighted by <c>weight</c>, else <c>rpm</c>, else <c>tpm</c> (LiteLLM's default).</summary>
    SimpleShuffle,

    /// <summary><c>least-busy</c>: the deployment with the fewest requests in flight.</summary>
    LeastBusy,

    /// <summary><c>latency-based-routing</c>: lowest recent average latency (time to first token for streams).</summary>
    LatencyBasedRouting,

    /// <summary><c>cost-based-routing</c>: lowest input+output price per token among deployments under their limits.</summary>
    CostBasedRouting,

    /// <summary><c>usage-based-routing-v2</c> (legacy <c>usage-based-routing</c> maps here): lowest current-minute TPM within rpm/tpm limits.</summary>
    UsageBasedRoutingV2,
}
