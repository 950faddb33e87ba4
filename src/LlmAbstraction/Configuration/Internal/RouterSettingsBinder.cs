namespace LlmAbstraction.Configuration;

/// <summary>Binds <c>router_settings</c>, inheriting from <c>litellm_settings</c> where LiteLLM's Router does.</summary>
internal static class RouterSettingsBinder
{
    public static RouterSettings Bind(MappingReader r, LiteLlmSettings inherited, FallbackReader fallbacks)
    {
        var defaults = new RouterSettings();
        var fallbackRules = r.Has("fallbacks") ? fallbacks.ReadRules(r, "fallbacks") : inherited.Fallbacks;
        var contextWindow = r.Has("context_window_fallbacks") ? fallbacks.ReadRules(r, "context_window_fallbacks") : inherited.ContextWindowFallbacks;
        var contentPolicy = r.Has("content_policy_fallbacks") ? fallbacks.ReadRules(r, "content_policy_fallbacks") : inherited.ContentPolicyFallbacks;
        var defaultFallbacks = r.Has("default_fallbacks") ? LiteLlmSettingsBinder.ReadGroups(r, "default_fallbacks", fallbacks) : inherited.DefaultFallbacks;
        return new RouterSettings
        {
            RoutingStrategy = ReadStrategy(r),
            RoutingStrategyArgs = ReadStrategyArgs(r),
            NumRetries = r.Int("num_retries", 0) ?? inherited.NumRetries ?? defaults.NumRetries,
            Timeout = r.Seconds("timeout", positive: true) ?? inherited.RequestTimeout ?? defaults.Timeout,
            StreamTimeout = r.Seconds("stream_timeout", positive: true),
            RetryAfter = r.Seconds("retry_after", positive: false) ?? defaults.RetryAfter,
            AllowedFails = r.Int("allowed_fails", 0) ?? inherited.AllowedFails ?? defaults.AllowedFails,
            CooldownTime = r.Seconds("cooldown_time", positive: false) ?? inherited.CooldownTime ?? defaults.CooldownTime,
            DisableCooldowns = r.Bool("disable_cooldowns") ?? false,
            Fallbacks = fallbackRules,
            ContextWindowFallbacks = contextWindow,
            ContentPolicyFallbacks = contentPolicy,
            DefaultFallbacks = defaultFallbacks,
            MaxFallbacks = r.Int("max_fallbacks", 0) ?? defaults.MaxFallbacks,
            RetryPolicy = ReadCounts(r, "retry_policy", "Retries"),
            AllowedFailsPolicy = ReadCounts(r, "allowed_fails_policy", "AllowedFails"),
            ModelGroupAlias = ModelGroupAliasReader.Read(r, fallbacks),
            EnablePreCallChecks = r.Bool("enable_pre_call_checks") ?? false,
            RedisHost = r.String("redis_host"),
            RedisPort = r.Int("redis_port", 1) is { } port && CacheSettingsBinder.CheckPort(r, "redis_port", port) ? port : null,
            RedisPassword = r.Secret("redis_password"),
            RedisUrl = r.Secret("redis_url"),
            Extra = r.Rest(KnownKeys.RouterIgnored, KnownKeys.Router),
        };
    }

    private static RoutingStrategy ReadStrategy(MappingReader r)
    {
        if (r.Scalar("routing_strategy") is not { Text: { } text } value)
        {
            return RoutingStrategy.SimpleShuffle;
        }

        switch (text.Trim())
        {
            case "simple-shuffle": return RoutingStrategy.SimpleShuffle;
            case "least-busy": return RoutingStrategy.LeastBusy;
            case "latency-based-routing": return RoutingStrategy.LatencyBasedRouting;
            case "cost-based-routing": return RoutingStrategy.CostBasedRouting;
            case "usage-based-routing-v2": return RoutingStrategy.UsageBasedRoutingV2;
            case "usage-based-routing":
                r.Context.Diagnostics.Warn(LlmConfigurationDiagnosticKind.Deprecated, r.KeyPath("routing_strategy"),
                    "'usage-based-routing' is LiteLLM's legacy name; it is treated as 'usage-based-routing-v2'");
                return RoutingStrategy.UsageBasedRoutingV2;
            default:
                r.Invalid("routing_strategy", $"{value.Describe(false)} is not a routing strategy; expected simple-shuffle, least-busy, " +
                    "latency-based-routing, cost-based-routing or usage-based-routing-v2");
                return RoutingStrategy.SimpleShuffle;
        }
    }

    private static RoutingStrategyArgs ReadStrategyArgs(MappingReader r)
    {
        var a = new MappingReader(r.Node("routing_strategy_args"), r.KeyPath("routing_strategy_args"), r.Context, strict: false);
        return new RoutingStrategyArgs
        {
            Ttl = a.Seconds("ttl", positive: true),
            LowestLatencyBuffer = a.Double("lowest_latency_buffer", 0),
            MaxLatencyListSize = a.Int("max_latency_list_size", 1),
            Extra = a.Rest(),
        };
    }

    private static ErrorTypeCounts? ReadCounts(MappingReader r, string key, string suffix)
    {
        if (!r.Has(key))
        {
            r.Node(key);
            return null;
        }

        var c = new MappingReader(r.Node(key), r.KeyPath(key), r.Context, strict: false);
        var counts = new ErrorTypeCounts
        {
            BadRequest = c.Int("BadRequestError" + suffix, 0),
            Authentication = c.Int("AuthenticationError" + suffix, 0),
            Timeout = c.Int("TimeoutError" + suffix, 0),
            RateLimit = c.Int("RateLimitError" + suffix, 0),
            ContentPolicyViolation = c.Int("ContentPolicyViolationError" + suffix, 0),
            InternalServer = c.Int("InternalServerError" + suffix, 0),
        };
        string[] known = ["BadRequestError", "AuthenticationError", "TimeoutError", "RateLimitError", "ContentPolicyViolationError", "InternalServerError"];
        c.Rest(known: known.Select(k => k + suffix).ToList());
        return counts;
    }
}
