using System.Text.Json;

namespace LlmAbstraction.Configuration;

/// <summary>LiteLLM <c>litellm_settings</c> as written (module-wide settings in LiteLLM).</summary>
public sealed class LiteLlmSettings
{
    /// <summary><c>drop_params</c>: silently drop OpenAI parameters a provider does not support.</summary>
    /// <value>Default false (unsupported parameters raise an error).</value>
    public bool DropParams { get; init; }

    /// <summary><c>modify_params</c>: let adapters rewrite messages a provider would reject.</summary>
    /// <value>Default false.</value>
    public bool ModifyParams { get; init; }

    /// <summary><c>num_retries</c>.</summary>
    /// <value>Default null.</value>
    public int? NumRetries { get; init; }

    /// <summary><c>request_timeout</c>.</summary>
    /// <value>Default null (LiteLLM: 6000 seconds).</value>
    public TimeSpan? RequestTimeout { get; init; }

    /// <summary><c>allowed_fails</c> (a router setting LiteLLM also reads here).</summary>
    /// <value>Default null.</value>
    public int? AllowedFails { get; init; }

    /// <summary><c>cooldown_time</c> (a router setting LiteLLM also reads here).</summary>
    /// <value>Default null.</value>
    public TimeSpan? CooldownTime { get; init; }

    /// <summary><c>fallbacks</c>.</summary>
    /// <value>Default empty.</value>
    public IReadOnlyList<FallbackRule> Fallbacks { get; init; } = [];

    /// <summary><c>context_window_fallbacks</c>.</summary>
    /// <value>Default empty.</value>
    public IReadOnlyList<FallbackRule> ContextWindowFallbacks { get; init; } = [];

    /// <summary><c>content_policy_fallbacks</c>.</summary>
    /// <value>Default empty.</value>
    public IReadOnlyList<FallbackRule> ContentPolicyFallbacks { get; init; } = [];

    /// <summary><c>default_fallbacks</c>.</summary>
    /// <value>Default empty.</value>
    public IReadOnlyList<string> DefaultFallbacks { get; init; } = [];

    /// <summary><c>cache</c>: enable response caching.</summary>
    /// <value>Default false.</value>
    public bool Cache { get; init; }

    /// <summary><c>cache_params</c>.</summary>
    /// <value>Default null (in-memory cache when <see cref="Cache"/> is true).</value>
    public CacheSettings? CacheParams { get; init; }

    /// <summary><c>callbacks</c>, by name (a single string is accepted as a one-item list).</summary>
    /// <value>Default empty.</value>
    public IReadOnlyList<string> Callbacks { get; init; } = [];

    /// <summary><c>success_callback</c>, by name.</summary>
    /// <value>Default empty.</value>
    public IReadOnlyList<string> SuccessCallback { get; init; } = [];

    /// <summary><c>failure_callback</c>, by name.</summary>
    /// <value>Default empty.</value>
    public IReadOnlyList<string> FailureCallback { get; init; } = [];

    /// <summary><c>turn_off_message_logging</c>: keep prompts and completions out of callbacks.</summary>
    /// <value>Default false.</value>
    public bool TurnOffMessageLogging { get; init; }

    /// <summary><c>redact_messages_in_exceptions</c>.</summary>
    /// <value>Default false.</value>
    public bool RedactMessagesInExceptions { get; init; }

    /// <summary>Every other key, as written.</summary>
    /// <value>Default empty.</value>
    public IReadOnlyDictionary<string, JsonElement> Extra { get; init; } = EmptyExtra.Instance;
}
