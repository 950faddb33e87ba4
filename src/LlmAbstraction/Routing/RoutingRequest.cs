namespace LlmAbstraction.Routing;

/// <summary>
/// One pick: the group, the tier being tried, the group's state, and what the call needs. A strategy picks an
/// index in [<see cref="TierStart"/>, <see cref="TierEnd"/>) for which <see cref="IsAvailable"/> is true.
/// </summary>
public readonly struct RoutingRequest
{
    private readonly Func<double> _random;
    private readonly int[]? _excluded;
    private readonly bool _checkContextWindow;

    internal RoutingRequest(DeploymentGroup group, RouterGroupState state, int tier, DateTimeOffset now, int estimatedInputTokens,
        bool isStreaming, bool enforceLimits, bool checkContextWindow, Func<double> random, int[]? excluded)
    {
        Group = group;
        State = state;
        Tier = tier;
        (TierStart, TierEnd) = group.Tiers[tier];
        Now = now;
        NowTicks = now.UtcTicks;
        Minute = RouterGroupState.MinuteOf(now);
        EstimatedInputTokens = estimatedInputTokens;
        IsStreaming = isStreaming;
        EnforceLimits = enforceLimits;
        _checkContextWindow = checkContextWindow;
        _random = random;
        _excluded = excluded;
    }

    /// <summary>The group.</summary>
    public DeploymentGroup Group { get; }

    /// <summary>The group's state (in flight, cooldowns, usage, latency).</summary>
    public RouterGroupState State { get; }

    /// <summary>The tier being tried (0 = lowest order).</summary>
    public int Tier { get; }

    /// <summary>The first index of the tier.</summary>
    public int TierStart { get; }

    /// <summary>One past the last index of the tier.</summary>
    public int TierEnd { get; }

    /// <summary>The current time.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>The current minute (<see cref="RouterGroupState.MinuteOf"/>), for rpm/tpm.</summary>
    public long Minute { get; }

    /// <summary>The prompt's estimated token count (characters / 4, an estimate).</summary>
    public int EstimatedInputTokens { get; }

    /// <summary>Whether the call streams (latency-based routing then ranks by time to first token).</summary>
    public bool IsStreaming { get; }

    /// <summary>Whether deployments over their rpm/tpm this minute are unavailable.</summary>
    public bool EnforceLimits { get; }

    private long NowTicks { get; }

    /// <summary>A random number in [0, 1) from the router's source (seeded in tests).</summary>
    public double NextRandom() => _random();

    /// <summary>
    /// True when the deployment may be picked: not cooling down, not already failed in this call, its context window
    /// holds the prompt (with pre-call checks), and, when <see cref="EnforceLimits"/>, under its rpm/tpm this minute.
    /// </summary>
    /// <param name="index">The deployment index.</param>
    public bool IsAvailable(int index)
    {
        if (State.CooldownUntilUtcTicks(index) > NowTicks) return false;
        if (_excluded is not null && Array.IndexOf(_excluded, index) >= 0) return false;
        if (_checkContextWindow && Group.MaxInput[index] < EstimatedInputTokens) return false;
        return !EnforceLimits || WithinLimits(index);
    }

    /// <summary>True when one more request of <see cref="EstimatedInputTokens"/> fits the deployment's rpm and tpm this minute.</summary>
    /// <param name="index">The deployment index.</param>
    public bool WithinLimits(int index)
    {
        var d = Group[index];
        if (d.Rpm is { } rpm && State.Requests(index, Minute) + 1 > rpm) return false;
        return d.Tpm is not { } tpm || State.Tokens(index, Minute) + EstimatedInputTokens <= tpm;
    }
}
