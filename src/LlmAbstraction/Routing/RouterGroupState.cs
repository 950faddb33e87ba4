namespace LlmAbstraction.Routing;

/// <summary>
/// What the router knows about a group's deployments when it picks one: in-flight requests, cooldowns,
/// this minute's usage and recent latencies, by deployment index. Read by strategies; produced by an
/// <see cref="IRouterStateStore"/> (a live view for the in-memory store, a snapshot for shared stores).
/// </summary>
public abstract class RouterGroupState
{
    /// <summary>Requests in flight per deployment index (approximate under concurrency).</summary>
    public abstract ReadOnlySpan<int> InFlight { get; }

    /// <summary>When the deployment's cooldown ends, as UTC ticks; 0 when it is not cooling.</summary>
    /// <param name="index">The deployment index.</param>
    public abstract long CooldownUntilUtcTicks(int index);

    /// <summary>Requests counted for the deployment in the minute <paramref name="minute"/> (Unix seconds / 60).</summary>
    /// <param name="index">The deployment index.</param>
    /// <param name="minute">The minute.</param>
    public abstract long Requests(int index, long minute);

    /// <summary>Tokens counted (reserved, then reconciled) for the deployment in the minute <paramref name="minute"/>.</summary>
    /// <param name="index">The deployment index.</param>
    /// <param name="minute">The minute.</param>
    public abstract long Tokens(int index, long minute);

    /// <summary>The average of the deployment's recent latencies in milliseconds, or NaN without samples.</summary>
    /// <param name="index">The deployment index.</param>
    /// <param name="timeToFirstToken">True for time-to-first-token samples (streams), false for whole-call latency.</param>
    /// <param name="now">The current time (samples older than the TTL since the last one are forgotten).</param>
    public abstract double AverageLatencyMs(int index, bool timeToFirstToken, DateTimeOffset now);

    /// <summary>True while the deployment is cooling down at <paramref name="now"/>.</summary>
    /// <param name="index">The deployment index.</param>
    /// <param name="now">The current time.</param>
    public bool IsCoolingDown(int index, DateTimeOffset now) => CooldownUntilUtcTicks(index) > now.UtcTicks;

    /// <summary>The minute number used for rpm/tpm windows: Unix seconds / 60.</summary>
    /// <param name="now">The time.</param>
    public static long MinuteOf(DateTimeOffset now) => now.ToUnixTimeSeconds() / 60;
}
