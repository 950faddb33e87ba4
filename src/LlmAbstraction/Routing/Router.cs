using System.Collections.Frozen;
using LlmAbstraction.Pipeline;

namespace LlmAbstraction.Routing;

/// <summary>
/// The router's core: finds a requested name's group, picks a deployment tier by tier through the strategy,
/// reserves it in the state store, and records outcomes (latency, usage, failures, cooldowns). Thread-safe.
/// </summary>
internal sealed class Router
{
    private const string FailedKey = "llm.router.failed";
    private readonly FrozenDictionary<string, DeploymentGroup> _groups;
    private readonly FrozenDictionary<string, string> _aliases;
    private readonly IRouterStateStore _store;
    private readonly IRoutingStrategy _strategy;
    private readonly bool _recordLatency;
    private readonly Func<double> _random;

    public Router(RouterOptions options, IRouterStateStore store, IRoutingStrategy strategy, bool recordLatency, TimeProvider time, Func<double> random,
        Func<Deployment, int?> maxInputTokens, Func<Deployment, decimal> costPerToken)
    {
        Options = options;
        _store = store;
        _strategy = strategy;
        _recordLatency = recordLatency;
        Time = time;
        _random = random;
        _groups = options.Deployments.GroupBy(d => d.ModelGroup, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => new DeploymentGroup(g.Key, g, maxInputTokens, costPerToken), StringComparer.Ordinal);
        _aliases = options.ModelGroupAliases.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public RouterOptions Options { get; }

    public TimeProvider Time { get; }

    public IReadOnlyCollection<DeploymentGroup> Groups => _groups.Values;

    public bool TryGetGroup(string model, out DeploymentGroup group)
    {
        if (_groups.TryGetValue(model, out group!)) return true;
        return _aliases.TryGetValue(model, out var target) && _groups.TryGetValue(target, out group!);
    }

    /// <summary>Picks, reserves and marks in flight a deployment of <paramref name="group"/> for one attempt.</summary>
    public async ValueTask<RouteLease> AcquireAsync(DeploymentGroup group, int estimatedTokens, LlmCallContext context, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var checkContext = Options.EnablePreCallChecks && estimatedTokens > group.SmallestContextWindow;
        if (checkContext) SkipSmallContextWindows(group, estimatedTokens, context);
        var enforce = _strategy.RespectsRateLimits || Options.EnablePreCallChecks;
        var excluded = FailedInThisCall(group, context);
        RouterGroupState state = null!;
        for (var round = 0; round < 4; round++)
        {
            state = await _store.GetStateAsync(group, now, cancellationToken).ConfigureAwait(false);
            var index = await PickAsync(group, state, now, estimatedTokens, context.IsStreaming, enforce, checkContext, excluded, cancellationToken).ConfigureAwait(false);
            if (index < 0) break;
            if (await _store.TryReserveAsync(group, index, estimatedTokens, enforce, now, cancellationToken).ConfigureAwait(false))
            {
                await _store.BeginRequestAsync(group, index, cancellationToken).ConfigureAwait(false);
                context.Deployment = group[index].Id;
                if (RouterMetrics.RemainingEnabled(group[index]))
                    RouterMetrics.Remaining(group, index, await _store.GetStateAsync(group, now, cancellationToken).ConfigureAwait(false), now);
                return new RouteLease(group, index, estimatedTokens, RouterGroupState.MinuteOf(now), Time.GetTimestamp());
            }
            excluded = [.. excluded ?? [], index]; // another process took the last of its budget since we read the state
        }
        throw RouterErrors.NoDeployment(group, state, now, estimatedTokens, enforce, checkContext);
    }

    /// <summary>
    /// Tier by tier, the strategy's pick. Deployments that already failed in this call are avoided first (a retry moves
    /// on, to a lower tier if need be); only when no other is available are they picked again.
    /// </summary>
    private async ValueTask<int> PickAsync(DeploymentGroup group, RouterGroupState state, DateTimeOffset now, int tokens, bool streaming, bool enforce, bool checkContext, int[]? excluded, CancellationToken ct)
    {
        for (var pass = excluded is null ? 1 : 0; pass < 2; pass++)
            for (var tier = 0; tier < group.TierCount; tier++)
            {
                var request = new RoutingRequest(group, state, tier, now, tokens, streaming, enforce, checkContext, _random, pass == 0 ? excluded : null);
                var index = await _strategy.PickAsync(request, ct).ConfigureAwait(false);
                if (index >= 0) return index;
            }
        return -1;
    }

    public async ValueTask OnSuccessAsync(RouteLease lease, TimeSpan latency, bool timeToFirstToken, Usage? usage, CancellationToken ct)
    {
        var now = Time.GetUtcNow();
        if (_recordLatency)
            await _store.RecordLatencyAsync(lease.Group, lease.Index, latency, timeToFirstToken, Options.MaxLatencyListSize, Options.LatencyTtl, now, ct).ConfigureAwait(false);
        if (usage is not null && !timeToFirstToken)
        {
            var actual = usage.TotalTokens > 0 ? usage.TotalTokens : usage.PromptTokens + usage.CompletionTokens;
            if (actual != lease.ReservedTokens)
                await _store.ReconcileTokensAsync(lease.Group, lease.Index, actual - lease.ReservedTokens, lease.Minute, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Records the failure, cools the deployment when the policy says so, and tells the retry layer whether another deployment can take the retry at once.</summary>
    public async ValueTask OnFailureAsync(RouteLease lease, LlmException error, LlmCallContext context, CancellationToken ct)
    {
        var now = Time.GetUtcNow();
        var group = lease.Group;
        if (_recordLatency)
            await _store.RecordLatencyAsync(group, lease.Index, Options.FailureLatencyPenalty, context.IsStreaming, Options.MaxLatencyListSize, Options.LatencyTtl, now, ct).ConfigureAwait(false);
        await _store.ReconcileTokensAsync(group, lease.Index, -lease.ReservedTokens, lease.Minute, ct).ConfigureAwait(false);
        if (!Options.DisableCooldowns)
        {
            var action = CooldownPolicy.Classify(error, group.Count);
            if (action == CooldownPolicy.Action.Count
                && await _store.RecordFailureAsync(group, lease.Index, Options.FailureWindow, now, ct).ConfigureAwait(false) > Options.AllowedFails)
                action = CooldownPolicy.Action.CoolNow;
            if (action == CooldownPolicy.Action.CoolNow)
            {
                await _store.SetCooldownAsync(group, lease.Index, now + CooldownPolicy.Duration(error, Options), now, ct).ConfigureAwait(false);
                RouterMetrics.Cooled(group, lease.Index, error);
            }
        }
        var failed = context.Items.TryGetValue(FailedKey, out var list) && list is List<string> ids ? ids : [];
        failed.Add(lease.Deployment.Id);
        context.Items[FailedKey] = failed;
        context.RetryImmediately = await AnotherHealthyAsync(group, context, now, ct).ConfigureAwait(false);
    }

    public ValueTask ReleaseAsync(RouteLease lease) => _store.EndRequestAsync(lease.Group, lease.Index, CancellationToken.None);

    private async ValueTask<bool> AnotherHealthyAsync(DeploymentGroup group, LlmCallContext context, DateTimeOffset now, CancellationToken ct)
    {
        var state = await _store.GetStateAsync(group, now, ct).ConfigureAwait(false);
        var excluded = FailedInThisCall(group, context);
        for (var i = 0; i < group.Count; i++)
            if (!state.IsCoolingDown(i, now) && (excluded is null || Array.IndexOf(excluded, i) < 0)) return true;
        return false;
    }

    private static int[]? FailedInThisCall(DeploymentGroup group, LlmCallContext context)
    {
        if (!context.Items.TryGetValue(FailedKey, out var value) || value is not List<string> ids) return null;
        var indices = ids.Select(group.IndexOf).Where(i => i >= 0).Distinct().ToArray();
        return indices.Length == 0 ? null : indices;
    }

    private static void SkipSmallContextWindows(DeploymentGroup group, int tokens, LlmCallContext context)
    {
        var skipped = context.Details.SkippedDeployments;
        for (var i = 0; i < group.Count; i++)
        {
            var window = group.MaxInput[i];
            if (window >= tokens) continue;
            var id = group[i].Id;
            if (skipped.Any(s => s.Deployment == id && s.ModelGroup == group.Name)) continue;
            skipped.Add(new SkippedDeployment
            {
                Deployment = id,
                ModelGroup = group.Name,
                Code = "context_window",
                Reason = $"its context window of {window} tokens cannot hold the prompt (about {tokens} tokens, estimated as characters / 4)",
            });
        }
    }
}
