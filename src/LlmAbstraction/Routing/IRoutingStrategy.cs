namespace LlmAbstraction.Routing;

/// <summary>
/// Picks a deployment inside one priority tier of a group. The router calls it tier by tier (lowest order first)
/// until it returns an index. Implement it for a custom strategy and pass it to <c>LlmClientBuilder.UseRoutingStrategy</c>.
/// </summary>
/// <remarks>Called concurrently; must be thread-safe. Read state from <see cref="RoutingRequest.State"/>; the router records outcomes.</remarks>
public interface IRoutingStrategy
{
    /// <summary>Whether deployments over their rpm/tpm this minute are excluded (and reserved against atomically before sending).</summary>
    /// <value>Default false.</value>
    bool RespectsRateLimits => false;

    /// <summary>Picks an index in [<see cref="RoutingRequest.TierStart"/>, <see cref="RoutingRequest.TierEnd"/>) for which <see cref="RoutingRequest.IsAvailable"/> holds, or -1.</summary>
    /// <param name="request">The pick.</param>
    /// <param name="cancellationToken">Cancels the pick.</param>
    /// <returns>The deployment index, or -1 when none in the tier is available.</returns>
    ValueTask<int> PickAsync(RoutingRequest request, CancellationToken cancellationToken);
}
