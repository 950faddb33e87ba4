using LlmAbstraction.Configuration;

namespace LlmAbstraction.Routing;

/// <summary>
/// The router: model groups of deployments and how one is picked, cooled down and checked. Defaults are
/// LiteLLM's Router defaults. Build from code, or from a LiteLLM config with <c>LlmClientBuilder.UseLiteLlmConfig</c>.
/// </summary>
public sealed class RouterOptions
{
    /// <summary>Every deployment; those sharing <see cref="Deployment.ModelGroup"/> form a group.</summary>
    /// <value>Default empty (no routing: every model string passes through).</value>
    public List<Deployment> Deployments { get; set; } = [];

    /// <summary>How a deployment is picked inside a group (LiteLLM <c>routing_strategy</c>).</summary>
    /// <value>Default <see cref="RoutingStrategy.SimpleShuffle"/>.</value>
    public RoutingStrategy Strategy { get; set; } = RoutingStrategy.SimpleShuffle;

    /// <summary>Failures a deployment may have within <see cref="FailureWindow"/> before it is cooled down (LiteLLM <c>allowed_fails</c>).</summary>
    /// <value>Default 3: the 4th failure in the window cools the deployment.</value>
    public int AllowedFails { get; set; } = 3;

    /// <summary>The window in which failures are counted (fixed windows, like LiteLLM's per-minute counters).</summary>
    /// <value>Default 60 s.</value>
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a failing deployment is skipped (LiteLLM <c>cooldown_time</c>). A 429 with Retry-After cools for that wait instead.</summary>
    /// <value>Default 5 s.</value>
    public TimeSpan CooldownTime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Never cool deployments down (LiteLLM <c>disable_cooldowns</c>).</summary>
    /// <value>Default false.</value>
    public bool DisableCooldowns { get; set; }

    /// <summary>Skip deployments whose context window cannot hold the prompt, and (for every strategy) deployments over their rpm/tpm this minute (LiteLLM <c>enable_pre_call_checks</c>).</summary>
    /// <value>Default false.</value>
    public bool EnablePreCallChecks { get; set; }

    /// <summary>Latency-based routing: deployments within (1 + buffer) × the lowest average latency share traffic (LiteLLM <c>lowest_latency_buffer</c>).</summary>
    /// <value>Default 0 (only the fastest).</value>
    public double LowestLatencyBuffer { get; set; }

    /// <summary>Latency-based routing: the latest samples averaged per deployment (LiteLLM <c>max_latency_list_size</c>).</summary>
    /// <value>Default 10.</value>
    public int MaxLatencyListSize { get; set; } = 10;

    /// <summary>Latency-based routing: samples older than this (since the deployment's last sample) are forgotten (LiteLLM <c>routing_strategy_args.ttl</c>).</summary>
    /// <value>Default 1 hour.</value>
    public TimeSpan LatencyTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The latency recorded for a failed attempt, so failing deployments sink in latency-based routing (LiteLLM logs 1000 s).</summary>
    /// <value>Default 1000 s.</value>
    public TimeSpan FailureLatencyPenalty { get; set; } = TimeSpan.FromSeconds(1000);

    /// <summary>Requested names mapped to model groups (LiteLLM <c>model_group_alias</c>).</summary>
    /// <value>Default empty.</value>
    public Dictionary<string, string> ModelGroupAliases { get; set; } = new(StringComparer.Ordinal);

    internal IEnumerable<string> Validate()
    {
        if (AllowedFails < 0) yield return $"Router:AllowedFails must not be negative, not {AllowedFails}.";
        if (FailureWindow <= TimeSpan.Zero) yield return "Router:FailureWindow must be positive.";
        if (CooldownTime < TimeSpan.Zero) yield return "Router:CooldownTime must not be negative.";
        if (LowestLatencyBuffer < 0 || double.IsNaN(LowestLatencyBuffer)) yield return "Router:LowestLatencyBuffer must not be negative.";
        if (MaxLatencyListSize < 1) yield return $"Router:MaxLatencyListSize must be at least 1, not {MaxLatencyListSize}.";
        if (LatencyTtl <= TimeSpan.Zero) yield return "Router:LatencyTtl must be positive.";
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Deployments.Count; i++)
        {
            var d = Deployments[i];
            if (d is null) { yield return $"Router:Deployments[{i}] is null."; continue; }
            if (string.IsNullOrWhiteSpace(d.Id)) yield return $"Router:Deployments[{i}] has no Id.";
            else if (!ids.Add(d.Id)) yield return $"Router:Deployments[{i}]: the id '{d.Id}' is used twice.";
            if (string.IsNullOrWhiteSpace(d.ModelGroup)) yield return $"Router:Deployments[{i}] ({d.Id}) has no ModelGroup.";
            if (string.IsNullOrWhiteSpace(d.Model)) yield return $"Router:Deployments[{i}] ({d.Id}) has no Model.";
            if (d.Rpm is < 0) yield return $"Router:Deployments[{i}] ({d.Id}): Rpm must not be negative.";
            if (d.Tpm is < 0) yield return $"Router:Deployments[{i}] ({d.Id}): Tpm must not be negative.";
            if (d.Weight is { } w && (w < 0 || double.IsNaN(w) || double.IsInfinity(w))) yield return $"Router:Deployments[{i}] ({d.Id}): Weight must be a finite non-negative number.";
            if (d.Timeout is { } t && t <= TimeSpan.Zero) yield return $"Router:Deployments[{i}] ({d.Id}): Timeout must be positive.";
        }
        foreach (var (alias, group) in ModelGroupAliases)
            if (!Deployments.Exists(d => d is not null && d.ModelGroup == group))
                yield return $"Router:ModelGroupAliases['{alias}'] points to '{group}', which is not a model group.";
    }
}
