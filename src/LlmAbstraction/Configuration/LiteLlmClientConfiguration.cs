using System.Text.Json;
using LlmAbstraction.Routing;

namespace LlmAbstraction.Configuration;

/// <summary>
/// Configures a whole client from a LiteLLM config: <c>model_list</c> becomes the router's deployments,
/// <c>router_settings</c> its strategy, cooldowns and checks, and the retry, timeout and fallback settings
/// (<c>num_retries</c>, <c>timeout</c>/<c>request_timeout</c>, <c>retry_after</c>, <c>fallbacks</c>,
/// <c>default_fallbacks</c>, <c>context_window_fallbacks</c>, <c>content_policy_fallbacks</c>, <c>max_fallbacks</c>)
/// and <c>drop_params</c> go to <see cref="LlmClientOptions"/>.
/// </summary>
/// <remarks>
/// Wildcard groups (<c>openai/*</c>) are not routed: such model strings already reach their provider directly.
/// <c>redis_*</c> settings need the <c>LlmAbstraction.Redis</c> package (<c>UseRedisRouterStateStore</c>).
/// Not applied: <c>retry_policy</c>, <c>allowed_fails_policy</c>, <c>stream_timeout</c>, tag filtering, caching and callbacks.
/// </remarks>
public static class LiteLlmClientConfiguration
{
    /// <summary>Applies <paramref name="configuration"/> to the builder's options and router.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configuration">A loaded configuration (<see cref="LiteLlmConfigLoader"/>).</param>
    /// <returns>The builder.</returns>
    public static LlmClientBuilder UseLiteLlmConfig(this LlmClientBuilder builder, LlmConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        var router = ToRouterOptions(configuration);
        builder.UseRouter(router);
        var settings = configuration.RouterSettings;
        foreach (var (alias, target) in settings.ModelGroupAlias)
            if (!router.ModelGroupAliases.ContainsKey(alias)) builder.Options.Aliases[alias] = target.Model;
        ApplyClientOptions(builder.Options, configuration);
        return builder;
    }

    /// <summary>The router options a LiteLLM config describes (deployments, strategy, cooldowns, checks, aliases between groups).</summary>
    /// <param name="configuration">The configuration.</param>
    /// <returns>New router options.</returns>
    public static RouterOptions ToRouterOptions(LlmConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var s = configuration.RouterSettings;
        var deployments = ToDeployments(configuration.ModelList);
        var groups = deployments.Select(d => d.ModelGroup).ToHashSet(StringComparer.Ordinal);
        var args = s.RoutingStrategyArgs;
        return new RouterOptions
        {
            Deployments = deployments,
            Strategy = s.RoutingStrategy,
            AllowedFails = s.AllowedFails,
            CooldownTime = s.CooldownTime,
            DisableCooldowns = s.DisableCooldowns,
            EnablePreCallChecks = s.EnablePreCallChecks,
            LowestLatencyBuffer = args.LowestLatencyBuffer ?? 0,
            MaxLatencyListSize = args.MaxLatencyListSize ?? 10,
            LatencyTtl = s.RoutingStrategy == RoutingStrategy.LatencyBasedRouting && args.Ttl is { } ttl ? ttl : TimeSpan.FromHours(1),
            ModelGroupAliases = s.ModelGroupAlias.Where(a => groups.Contains(a.Value.Model))
                .ToDictionary(a => a.Key, a => a.Value.Model, StringComparer.Ordinal),
        };
    }

    private static List<Deployment> ToDeployments(IReadOnlyList<DeploymentConfig> list)
    {
        var result = new List<Deployment>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var perGroup = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var d in list)
        {
            if (d.IsWildcard || string.IsNullOrWhiteSpace(d.ModelName)) continue;
            var n = perGroup[d.ModelName] = perGroup.GetValueOrDefault(d.ModelName) + 1;
            var id = d.ModelInfo.Id ?? $"{d.ModelName}-{n}";
            for (var k = 2; !ids.Add(id); k++) id = $"{d.ModelInfo.Id ?? d.ModelName}-{n}-{k}";
            var p = d.LiteLlmParams;
            result.Add(new Deployment
            {
                Id = id,
                ModelGroup = d.ModelName,
                Model = p.CustomLlmProvider is { Length: > 0 } provider && !p.Model.StartsWith(provider + "/", StringComparison.OrdinalIgnoreCase) ? $"{provider}/{p.Model}" : p.Model,
                ApiKey = p.ApiKey?.Reveal(),
                ApiBase = p.ApiBase,
                ApiVersion = p.ApiVersion,
                Rpm = p.Rpm,
                Tpm = p.Tpm,
                Weight = p.Weight,
                Order = p.Order,
                Timeout = p.Timeout,
                MaxInputTokens = d.ModelInfo.MaxInputTokens,
                InputCostPerToken = p.InputCostPerToken ?? d.ModelInfo.InputCostPerToken,
                OutputCostPerToken = p.OutputCostPerToken ?? d.ModelInfo.OutputCostPerToken,
                ExtraHeaders = Headers(p.Extra),
            });
        }
        return result;
    }

    private static Dictionary<string, string>? Headers(IReadOnlyDictionary<string, JsonElement> extra)
    {
        if (!extra.TryGetValue("extra_headers", out var h) || h.ValueKind != JsonValueKind.Object) return null;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in h.EnumerateObject())
            if (p.Value.ValueKind == JsonValueKind.String) headers[p.Name] = p.Value.GetString()!;
        return headers.Count > 0 ? headers : null;
    }

    private static void ApplyClientOptions(LlmClientOptions options, LlmConfiguration configuration)
    {
        var s = configuration.RouterSettings;
        options.DropParams |= configuration.LiteLlmSettings.DropParams;
        options.Timeout = s.Timeout;
        var r = options.Resilience;
        r.NumRetries = s.NumRetries;
        r.MaxFallbacks = s.MaxFallbacks;
        if (s.RetryAfter > TimeSpan.Zero)
        {
            r.RetryBaseDelay = s.RetryAfter; // LiteLLM: retry_after is the least wait before a retry that must back off
            if (r.RetryMaxDelay < s.RetryAfter) r.RetryMaxDelay = s.RetryAfter;
        }
        foreach (var rule in s.Fallbacks)
        {
            if (rule.ModelGroup == "*") r.DefaultFallbacks.AddRange(rule.Fallbacks);
            else r.Fallbacks[rule.ModelGroup] = [.. rule.Fallbacks];
        }
        r.DefaultFallbacks.AddRange(s.DefaultFallbacks);
        foreach (var rule in s.ContextWindowFallbacks) r.ContextWindowFallbacks[rule.ModelGroup] = [.. rule.Fallbacks];
        foreach (var rule in s.ContentPolicyFallbacks) r.ContentPolicyFallbacks[rule.ModelGroup] = [.. rule.Fallbacks];
    }
}
