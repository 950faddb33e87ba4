namespace LlmAbstraction.Configuration;

/// <summary>The LiteLLM keys this loader models (typed) and those it accepts but ignores (kept in Extra, with a warning).</summary>
internal static class KnownKeys
{
    public static readonly string[] TopLevel = ["model_list", "router_settings", "litellm_settings", "general_settings", "environment_variables"];

    public static readonly HashSet<string> TopLevelIgnored = Set(
        "files_settings", "guardrails", "search_tools", "credential_list", "mcp_servers", "callback_settings", "include",
        "assistant_settings", "finetune_settings", "vector_store_registry", "prompts");

    public static readonly string[] Deployment = ["model_name", "litellm_params", "model_info", "rpm", "tpm"];

    public static readonly string[] Router =
    [
        "routing_strategy", "routing_strategy_args", "num_retries", "timeout", "stream_timeout", "retry_after", "allowed_fails",
        "cooldown_time", "disable_cooldowns", "fallbacks", "context_window_fallbacks", "content_policy_fallbacks",
        "default_fallbacks", "max_fallbacks", "retry_policy", "allowed_fails_policy", "model_group_alias",
        "enable_pre_call_checks", "redis_host", "redis_port", "redis_password", "redis_url",
    ];

    public static readonly HashSet<string> RouterIgnored = Set(
        "optional_pre_call_checks", "enable_tag_filtering", "tag_filtering_match_any", "provider_budget_config",
        "model_group_retry_policy", "cache_responses", "cache_kwargs", "caching_groups", "client_ttl",
        "default_max_parallel_requests", "alerting_config", "router_general_settings", "ignore_invalid_deployments",
        "set_verbose", "debug_level", "default_litellm_params", "default_priority", "polling_interval");

    public static readonly string[] LiteLlm =
    [
        "drop_params", "modify_params", "num_retries", "request_timeout", "allowed_fails", "cooldown_time", "fallbacks",
        "context_window_fallbacks", "content_policy_fallbacks", "default_fallbacks", "cache", "cache_params", "callbacks",
        "success_callback", "failure_callback", "turn_off_message_logging", "redact_messages_in_exceptions",
    ];

    public static readonly HashSet<string> LiteLlmIgnored = Set(
        "set_verbose", "json_logs", "telemetry", "suppress_debug_info", "service_callback", "input_callback",
        "s3_callback_params", "max_budget", "budget_duration", "max_end_user_budget", "max_internal_user_budget",
        "internal_user_budget_duration", "default_end_user_params", "default_internal_user_params", "default_team_settings",
        "default_key_generate_params", "upperbound_key_generate_params", "key_generation_settings", "extra_spend_tag_headers",
        "enable_json_schema_validation", "ssl_verify", "max_fallbacks", "model_alias_map", "langfuse_default_tags",
        "enable_preview_features", "return_response_headers", "disable_token_counter", "include_cost_in_streaming_usage",
        "enable_caching_on_provider_specific_optional_params", "redact_user_api_key_info", "global_disable_no_log_param",
        "force_ipv4", "use_aiohttp_transport", "disable_aiohttp_transport", "callback_settings", "public_model_groups",
        "num_retries_per_request", "disable_end_user_cost_tracking");

    private static HashSet<string> Set(params string[] keys) => new(keys, StringComparer.Ordinal);
}
