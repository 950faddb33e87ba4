namespace LlmAbstraction.Configuration;

internal static class LiteLlmSettingsBinder
{
    public static LiteLlmSettings Bind(MappingReader s, FallbackReader fallbacks) => new()
    {
        DropParams = s.Bool("drop_params") ?? false,
        ModifyParams = s.Bool("modify_params") ?? false,
        NumRetries = s.Int("num_retries", 0),
        RequestTimeout = s.Seconds("request_timeout", positive: true),
        AllowedFails = s.Int("allowed_fails", 0),
        CooldownTime = s.Seconds("cooldown_time", positive: false),
        Fallbacks = fallbacks.ReadRules(s, "fallbacks"),
        ContextWindowFallbacks = fallbacks.ReadRules(s, "context_window_fallbacks"),
        ContentPolicyFallbacks = fallbacks.ReadRules(s, "content_policy_fallbacks"),
        DefaultFallbacks = ReadGroups(s, "default_fallbacks", fallbacks),
        Cache = s.Bool("cache") ?? false,
        CacheParams = s.Has("cache_params") ? CacheSettingsBinder.Bind(new MappingReader(s.Node("cache_params"), s.KeyPath("cache_params"), s.Context, strict: false)) : null,
        Callbacks = s.StringList("callbacks"),
        SuccessCallback = s.StringList("success_callback"),
        FailureCallback = s.StringList("failure_callback"),
        TurnOffMessageLogging = s.Bool("turn_off_message_logging") ?? false,
        RedactMessagesInExceptions = s.Bool("redact_messages_in_exceptions") ?? false,
        Extra = s.Rest(KnownKeys.LiteLlmIgnored, KnownKeys.LiteLlm),
    };

    public static IReadOnlyList<string> ReadGroups(MappingReader s, string key, FallbackReader fallbacks)
    {
        var groups = s.StringList(key);
        foreach (var group in groups)
        {
            fallbacks.CheckGroup(group, s.KeyPath(key), allowStar: false);
        }

        return groups;
    }
}
