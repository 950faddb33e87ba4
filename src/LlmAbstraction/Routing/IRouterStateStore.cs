namespace LlmAbstraction.Routing;

/// <summary>
/// The router's mutable state: in-flight counts, cooldowns, failure counts, per-minute usage and latency
/// samples. The in-memory default serves one process; a shared store (Redis) lets several processes behind
/// a load balancer respect one rpm/tpm budget and one cooldown list. Deployments are addressed by their
/// group and index; shared stores key them by <see cref="Deployment.Id"/>. Implementations must be thread-safe.
/// </summary>
/// <remarks>Time comes from the caller (the router's <see cref="TimeProvider"/>), never from the store's own clock.</remarks>
public interface IRouterStateStore
{
    /// <summary>The group's state for a pick. Should complete synchronously and allocate nothing when the state is local.</summary>
    /// <param name="group">The group.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    ValueTask<RouterGroupState> GetStateAsync(DeploymentGroup group, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Counts a request as in flight on the deployment.</summary>
    /// <param name="group">The group.</param>
    /// <param name="index">The deployment index.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    ValueTask BeginRequestAsync(DeploymentGroup group, int index, CancellationToken cancellationToken);

    /// <summary>Ends a request counted by <see cref="BeginRequestAsync"/>.</summary>
    /// <param name="group">The group.</param>
    /// <param name="index">The deployment index.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    ValueTask EndRequestAsync(DeploymentGroup group, int index, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically counts one request and <paramref name="tokens"/> tokens against the deployment's current minute.
    /// When <paramref name="enforceLimits"/> is set and that would exceed the deployment's rpm or tpm, nothing is counted.
    /// </summary>
    /// <param name="group">The group.</param>
    /// <param name="index">The deployment index.</param>
    /// <param name="tokens">The tokens reserved (the prompt estimate).</param>
    /// <param name="enforceLimits">Refuse when the limits would be exceeded.</param>
    /// <param name="now">The current time (selects the minute).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>True when counted.</returns>
    ValueTask<bool> TryReserveAsync(DeploymentGroup group, int index, long tokens, bool enforceLimits, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Adds <paramref name="tokenDelta"/> (actual minus reserved; may be negative) to the minute <paramref name="minute"/>.</summary>
    /// <param name="group">The group.</param>
    /// <param name="index">The deployment index.</param>
    /// <param name="tokenDelta">The correction.</param>
    /// <param name="minute">The minute of the reservation (<see cref="RouterGroupState.MinuteOf"/>).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    ValueTask ReconcileTokensAsync(DeploymentGroup group, int index, long tokenDelta, long minute, CancellationToken cancellationToken);

    /// <summary>Counts a failure in the fixed window of length <paramref name="window"/> containing <paramref name="now"/>.</summary>
    /// <param name="group">The group.</param>
    /// <param name="index">The deployment index.</param>
    /// <param name="window">The window length.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The failures in the window, this one included.</returns>
    ValueTask<long> RecordFailureAsync(DeploymentGroup group, int index, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Cools the deployment down until <paramref name="until"/> (a later existing cooldown is kept).</summary>
    /// <param name="group">The group.</param>
    /// <param name="index">The deployment index.</param>
    /// <param name="until">When it may be used again.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    ValueTask SetCooldownAsync(DeploymentGroup group, int index, DateTimeOffset until, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Adds a latency sample, keeping the latest <paramref name="maxSamples"/>; samples expire <paramref name="ttl"/> after the last one.</summary>
    /// <param name="group">The group.</param>
    /// <param name="index">The deployment index.</param>
    /// <param name="latency">The sample.</param>
    /// <param name="timeToFirstToken">True for a time-to-first-token sample.</param>
    /// <param name="maxSamples">The window size.</param>
    /// <param name="ttl">How long the samples live.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    ValueTask RecordLatencyAsync(DeploymentGroup group, int index, TimeSpan latency, bool timeToFirstToken, int maxSamples, TimeSpan ttl, DateTimeOffset now, CancellationToken cancellationToken);
}
