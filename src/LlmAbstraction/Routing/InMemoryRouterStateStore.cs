using System.Collections.Concurrent;

namespace LlmAbstraction.Routing;

/// <summary>
/// The default <see cref="IRouterStateStore"/>: state in this process, in flat arrays per group, so a pick reads
/// it synchronously without allocating. Groups are keyed by name; routers built from the same configuration may
/// share one instance. Thread-safe.
/// </summary>
public sealed class InMemoryRouterStateStore : IRouterStateStore
{
    private readonly ConcurrentDictionary<string, InMemoryGroupState> _groups = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public ValueTask<RouterGroupState> GetStateAsync(DeploymentGroup group, DateTimeOffset now, CancellationToken cancellationToken)
        => new(Get(group));

    /// <inheritdoc/>
    public ValueTask BeginRequestAsync(DeploymentGroup group, int index, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Get(group).InFlightCounts[index]);
        return default;
    }

    /// <inheritdoc/>
    public ValueTask EndRequestAsync(DeploymentGroup group, int index, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref Get(group).InFlightCounts[index]);
        return default;
    }

    /// <inheritdoc/>
    public ValueTask<bool> TryReserveAsync(DeploymentGroup group, int index, long tokens, bool enforceLimits, DateTimeOffset now, CancellationToken cancellationToken)
        => new(Get(group).TryReserve(group[index], index, tokens, enforceLimits, RouterGroupState.MinuteOf(now)));

    /// <inheritdoc/>
    public ValueTask ReconcileTokensAsync(DeploymentGroup group, int index, long tokenDelta, long minute, CancellationToken cancellationToken)
    {
        Get(group).Reconcile(index, tokenDelta, minute);
        return default;
    }

    /// <inheritdoc/>
    public ValueTask<long> RecordFailureAsync(DeploymentGroup group, int index, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken)
        => new(Get(group).RecordFailure(index, now.UtcTicks / window.Ticks));

    /// <inheritdoc/>
    public ValueTask SetCooldownAsync(DeploymentGroup group, int index, DateTimeOffset until, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Get(group).SetCooldown(index, until.UtcTicks);
        return default;
    }

    /// <inheritdoc/>
    public ValueTask RecordLatencyAsync(DeploymentGroup group, int index, TimeSpan latency, bool timeToFirstToken, int maxSamples, TimeSpan ttl, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Get(group).RecordLatency(index, latency.TotalMilliseconds, timeToFirstToken, maxSamples, now.UtcTicks, (now + ttl).UtcTicks);
        return default;
    }

    private InMemoryGroupState Get(DeploymentGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (_groups.TryGetValue(group.Name, out var state) && ReferenceEquals(state.Group, group)) return state;
        return GetSlow(group);
    }

    private InMemoryGroupState GetSlow(DeploymentGroup group)
    {
        var state = _groups.GetOrAdd(group.Name, static (_, g) => new InMemoryGroupState(g), group);
        if (ReferenceEquals(state.Group, group)) return state;
        if (!state.Group.Deployments.Select(d => d.Id).SequenceEqual(group.Deployments.Select(d => d.Id)))
            throw new InvalidOperationException($"Model group '{group.Name}' has different deployments in two routers sharing one InMemoryRouterStateStore; give each router its own store.");
        return state;
    }
}
