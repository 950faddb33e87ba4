using LlmAbstraction.Configuration;

namespace LlmAbstraction.Tests.Configuration;

/// <summary>The LiteLLM guide's two configs, asserted field by field.</summary>
public class GuideConfigTests
{
    private static LlmConfigurationLoadResult Load(string name) =>
        LiteLlmConfigLoader.LoadYamlFile(Path.Combine(ConfigFixtures.RealConfigsDirectory(), name),
            new LiteLlmConfigLoaderOptions { EnvironmentVariableResolver = n => "value-of-" + n });

    [Test]
    public void Guide_step1_loads_groups_deployments_and_settings_exactly()
    {
        var result = Load("guide__step1.yaml");
        Assert.That(result.Errors, Is.Empty);
        var config = result.Configuration;

        Assert.That(config.ModelGroups, Is.EqualTo(new[] { "claude-sonnet", "claude-haiku", "gpt-4o", "claude-sonnet-lb" }));
        Assert.That(config.ModelList.Select(d => (d.ModelName, d.LiteLlmParams.Model, d.LiteLlmParams.ApiKey!.EnvironmentVariableName, d.LiteLlmParams.Rpm, d.LiteLlmParams.Tpm)),
            Is.EqualTo(new (string, string, string?, int?, long?)[]
            {
                ("claude-sonnet", "claude-sonnet-4-6", "ANTHROPIC_API_KEY", 500, 200000),
                ("claude-haiku", "claude-haiku-4-5-20251001", "ANTHROPIC_API_KEY", 2000, 1000000),
                ("gpt-4o", "gpt-4o", "OPENAI_API_KEY", 500, 150000),
                ("claude-sonnet-lb", "claude-sonnet-4-6", "ANTHROPIC_API_KEY_1", null, null),
                ("claude-sonnet-lb", "claude-sonnet-4-6", "ANTHROPIC_API_KEY_2", null, null),
                ("claude-sonnet-lb", "claude-sonnet-4-6", "ANTHROPIC_API_KEY_3", null, null),
            }));
        Assert.That(config.ModelList[4].LiteLlmParams.ApiKey!.Reveal(), Is.EqualTo("value-of-ANTHROPIC_API_KEY_2"));

        var router = config.RouterSettings;
        Assert.That(router.RoutingStrategy, Is.EqualTo(RoutingStrategy.LatencyBasedRouting));
        Assert.That(router.NumRetries, Is.EqualTo(3));
        Assert.That(router.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(router.AllowedFails, Is.EqualTo(3));
        Assert.That(router.CooldownTime, Is.EqualTo(TimeSpan.FromSeconds(60)));
        Assert.That(router.Timeout, Is.EqualTo(TimeSpan.FromSeconds(60)), "inherited from litellm_settings.request_timeout");
        Assert.That(router.Fallbacks, Has.Count.EqualTo(1), "inherited from litellm_settings.fallbacks");
        Assert.That(router.Fallbacks[0].ModelGroup, Is.EqualTo("claude-sonnet"));
        Assert.That(router.Fallbacks[0].Fallbacks, Is.EqualTo(new[] { "gpt-4o", "claude-haiku" }));

        var litellm = config.LiteLlmSettings;
        Assert.That(litellm.Cache, Is.True);
        Assert.That(litellm.CacheParams!.Type, Is.EqualTo("redis"));
        Assert.That(litellm.CacheParams.Host, Is.EqualTo("redis"));
        Assert.That(litellm.CacheParams.Port, Is.EqualTo(6379));
        Assert.That(litellm.CacheParams.SimilarityThreshold, Is.EqualTo(0.93));
        Assert.That(litellm.SuccessCallback, Is.EqualTo(new[] { "langfuse" }));
        Assert.That(litellm.FailureCallback, Is.EqualTo(new[] { "langfuse" }));
        Assert.That(litellm.RequestTimeout, Is.EqualTo(TimeSpan.FromSeconds(60)));
        Assert.That(config.GeneralSettings.MasterKey!.EnvironmentVariableName, Is.EqualTo("LITELLM_MASTER_KEY"));
        Assert.That(config.GeneralSettings.DatabaseUrl!.EnvironmentVariableName, Is.EqualTo("DATABASE_URL"));
        Assert.That(config.GeneralSettings.Extra["store_model_in_db"].GetBoolean(), Is.True);
        Assert.That(result.Warnings.Select(w => w.Path), Does.Contain("litellm_settings.cache_params.similarity_threshold"));
    }

    [Test]
    public void Guide_production_loads_groups_deployments_and_settings_exactly()
    {
        var result = Load("guide__production.yaml");
        Assert.That(result.Errors, Is.Empty);
        var config = result.Configuration;

        Assert.That(config.ModelGroups, Is.EqualTo(new[] { "claude-primary", "openai-fallback", "claude-budget" }));
        Assert.That(config.ModelList.Select(d => (d.ModelName, d.LiteLlmParams.Model, d.LiteLlmParams.ApiKey!.EnvironmentVariableName, d.LiteLlmParams.Rpm, d.LiteLlmParams.Tpm)),
            Is.EqualTo(new (string, string, string?, int?, long?)[]
            {
                ("claude-primary", "anthropic/claude-sonnet-4-6", "ANTHROPIC_API_KEY_1", 500, 200_000),
                ("claude-primary", "anthropic/claude-sonnet-4-6", "ANTHROPIC_API_KEY_2", 500, 200_000),
                ("claude-primary", "anthropic/claude-sonnet-4-6", "ANTHROPIC_API_KEY_3", 1000, 400_000),
                ("openai-fallback", "openai/gpt-4o", "OPENAI_API_KEY", null, null),
                ("claude-budget", "anthropic/claude-haiku-4-5-20251001", "ANTHROPIC_API_KEY_1", null, null),
            }));

        var router = config.RouterSettings;
        Assert.That(router.RoutingStrategy, Is.EqualTo(RoutingStrategy.UsageBasedRoutingV2));
        Assert.That(router.RedisUrl!.EnvironmentVariableName, Is.EqualTo("REDIS_URL"));
        Assert.That(router.RedisUrl.Reveal(), Is.EqualTo("value-of-REDIS_URL"));
        Assert.That(router.NumRetries, Is.EqualTo(2));
        Assert.That(router.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(router.AllowedFails, Is.EqualTo(3));
        Assert.That(router.CooldownTime, Is.EqualTo(TimeSpan.FromSeconds(60)));
        Assert.That(router.Timeout, Is.EqualTo(TimeSpan.FromSeconds(6000)), "LiteLLM default request_timeout");
        Assert.That(router.Fallbacks, Is.EqualTo(new[] { new FallbackRule("claude-primary", ["openai-fallback"]) }).Using<FallbackRule>(SameRule));

        var litellm = config.LiteLlmSettings;
        Assert.That(litellm.SuccessCallback, Is.EqualTo(new[] { "langfuse" }));
        Assert.That(litellm.Cache, Is.True);
        Assert.That(litellm.CacheParams!.Host, Is.EqualTo("value-of-REDIS_HOST"));
        Assert.That(litellm.CacheParams.Port, Is.EqualTo(6379));
        Assert.That(litellm.CacheParams.SimilarityThreshold, Is.EqualTo(0.95));
        Assert.That(litellm.CacheParams.SupportedCallTypes, Is.EqualTo(new[] { "acompletion", "completion" }));
        Assert.That(litellm.Extra.ContainsKey("set_verbose"), Is.True);
        Assert.That(config.EnvironmentVariables.Keys, Is.EquivalentTo(new[] { "LANGFUSE_PUBLIC_KEY", "LANGFUSE_SECRET_KEY" }));
        Assert.That(config.EnvironmentVariables["LANGFUSE_SECRET_KEY"].Reveal(), Is.EqualTo("value-of-LANGFUSE_SECRET_KEY"));
        Assert.That(result.Warnings.Any(w => w.Path == "litellm_settings.set_verbose" && w.Kind == LlmConfigurationDiagnosticKind.NotImplemented));
    }

    private static bool SameRule(FallbackRule a, FallbackRule b) => a.ModelGroup == b.ModelGroup && a.Fallbacks.SequenceEqual(b.Fallbacks);
}
