using System.Text.Json;

namespace LlmAbstraction.Configuration;

/// <summary>
/// LiteLLM <c>router_settings</c>, as the router will apply them: where LiteLLM's Router falls back to a
/// <c>litellm_settings</c> global (<c>num_retries</c>, <c>request_timeout</c>, <c>allowed_fails</c>,
/// <c>cooldown_time</c>, the fallback lists), the loader has already done so. Unlike Python's <c>x or y</c>,
/// an explicit 0 in router_settings is kept.
/// </summary>
public sealed class RouterSettings
{
    /// <summary><c>routing_strategy</c>.</summary>
    /// <value>Default <see cref="RoutingStrategy.SimpleShuffle"/>.</value>
    public RoutingStrategy RoutingStrategy { get; init; } = RoutingStrategy.SimpleShuffle;

    /// <summary><c>routing_strategy_args</c>.</summary>
    /// <value>Default: all unset.</value>
    public RoutingStrategyArgs RoutingStrategyArgs { get; init; } = new();

    /// <summary><c>num_retries</c> per model group (else <c>litellm_settings.num_retries</c>).</summary>
    /// <value>Default 2 (LiteLLM uses the OpenAI client's default).</value>
    public int NumRetries { get; init; } = 2;

    /// <summary><c>timeout</c> per call (else <c>litellm_settings.request_timeout</c>).</summary>
    /// <value>Default 6000 seconds (LiteLLM's <c>request_timeout</c>).</value>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(6000);

    /// <summary><c>stream_timeout</c> for streaming calls.</summary>
    /// <value>Default null (use <see cref="Timeout"/>).</value>
    public TimeSpan? StreamTimeout { get; init; }

    /// <summary><c>retry_after</c>: minimum wait before a retry when no other deployment is healthy.</summary>
    /// <value>Default zero.</value>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.Zero;

    /// <summary><c>allowed_fails</c> before a deployment is cooled down (else <c>litellm_settings.allowed_fails</c>).</summary>
    /// <value>Default 3.</value>
    public int AllowedFails { get; init; } = 3;

    /// <summary><c>cooldown_time</c> (else <c>litellm_settings.cooldown_time</c>).</summary>
    /// <value>Default 5 seconds.</value>
    public TimeSpan CooldownTime { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><c>disable_cooldowns</c>.</summary>
    /// <value>Default false.</value>
    public bool DisableCooldowns { get; init; }

    /// <summary><c>fallbacks</c> (else <c>litellm_settings.fallbacks</c>).</summary>
    /// <value>Default empty.</value>
    public IReadOnlyList<FallbackRule> Fallbacks { get; init; } = [];

    /// <summary><c>context_window_fallbacks</c> (else the litellm_settings value).</summary>
    /// <value>Default empty.</value>
    public IReadOnlyList<FallbackRule> ContextWindowFallbacks { get; init; } = [];

    /// <summary><c>content_policy_fallbacks</c> (else the litellm_settings value).</summary>
    /// <value>Default empty.</value>
    public IReadOnlyList<FallbackRule> ContentPolicyFallbacks { get; init; } = [];

    /// <summary><c>default_fallbacks</c>: groups tried for any group without its own rule (else the litellm_settings value).</summary>
    /// <value>Default empty.</value>
    public IReadOnlyList<string> DefaultFallbacks { get; init; } = [];

    /// <summary><c>max_fallbacks</c>: fallback depth limit.</summary>
    /// <value>Default 5.</value>
    public int MaxFallbacks { get; init; } = 5;

    /// <summary><c>retry_policy</c>: retries per error type.</summary>
    /// <value>Default null (use <see cref="NumRetries"/>).</value>
    public ErrorTypeCounts? RetryPolicy { get; init; }

    /// <summary><c>allowed_fails_policy</c>: allowed fails per error type.</summary>
    /// <value>Default null (use <see cref="AllowedFails"/>).</value>
    public ErrorTypeCounts? AllowedFailsPolicy { get; init; }

    /// <summary><c>model_group_alias</c>: requested name to model group.</summary>
    /// <value>Default empty.</value>
    public IReadOnlyDictionary<string, ModelGroupAlias> ModelGroupAlias { get; init; } = new Dictionary<string, ModelGroupAlias>();

    /// <summary><c>enable_pre_call_checks</c>: filter deployments by context window and rate limits before calling.</summary>
    /// <value>Default false.</value>
    public bool EnablePreCallChecks { get; init; }

    /// <summary><c>redis_host</c>: shared router state (cooldowns, usage).</summary>
    /// <value>Default null (in-process state only).</value>
    public string? RedisHost { get; init; }

    /// <summary><c>redis_port</c>.</summary>
    /// <value>Default null.</value>
    public int? RedisPort { get; init; }

    /// <summary><c>redis_password</c>.</summary>
    /// <value>Default null.</value>
    public SecretValue? RedisPassword { get; init; }

    /// <summary><c>redis_url</c> (may embed a password, so kept secret).</summary>
    /// <value>Default null.</value>
    public SecretValue? RedisUrl { get; init; }

    /// <summary>Every other key, as written.</summary>
    /// <value>Default empty.</value>
    public IReadOnlyDictionary<string, JsonElement> Extra { get; init; } = EmptyExtra.Instance;
}
