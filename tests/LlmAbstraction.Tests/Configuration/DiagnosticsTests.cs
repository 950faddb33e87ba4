using LlmAbstraction.Configuration;

namespace LlmAbstraction.Tests.Configuration;

/// <summary>Errors are all collected, carry paths, and never contain secrets.</summary>
public class DiagnosticsTests
{
    private static readonly string[] Secrets = ["sk-literal-SECRET-0001", "sk-literal-SECRET-0002", "ERR-KEY-VALUE-0003", "sk-live-in-rpm-0004"];

    private static LlmConfigurationLoadResult LoadErrors() =>
        LiteLlmConfigLoader.LoadYamlFile(ConfigFixtures.OwnConfig("errors.yaml"), new LiteLlmConfigLoaderOptions
        {
            EnvironmentVariableResolver = n => n switch { "ERR_KEY" => "ERR-KEY-VALUE-0003", "ERR_SECRET_AS_RPM" => "sk-live-in-rpm-0004", _ => null },
        });

    [Test]
    public void Every_error_is_listed_at_once_with_its_path()
    {
        var errors = LoadErrors().Errors;
        Assert.That(errors.Select(e => (e.Kind, e.Path)), Is.EquivalentTo(new[]
        {
            (LlmConfigurationDiagnosticKind.MissingRequired, "model_list[0].model_name"),
            (LlmConfigurationDiagnosticKind.MissingRequired, "model_list[1].litellm_params.model"),
            (LlmConfigurationDiagnosticKind.InvalidValue, "model_list[2].litellm_params.rpm"),
            (LlmConfigurationDiagnosticKind.InvalidValue, "model_list[2].litellm_params.tpm"),
            (LlmConfigurationDiagnosticKind.InvalidValue, "model_list[2].litellm_params.timeout"),
            (LlmConfigurationDiagnosticKind.UnresolvedEnvironmentVariable, "model_list[3].litellm_params.api_key"),
            (LlmConfigurationDiagnosticKind.InvalidValue, "model_list[4].litellm_params.rpm"),
            (LlmConfigurationDiagnosticKind.InvalidValue, "router_settings.routing_strategy"),
            (LlmConfigurationDiagnosticKind.InvalidValue, "router_settings.num_retries"),
            (LlmConfigurationDiagnosticKind.InvalidValue, "router_settings.redis_port"),
            (LlmConfigurationDiagnosticKind.InvalidValue, "litellm_settings.fallbacks"),
        }));
        Assert.That(errors.Single(e => e.Path.EndsWith("api_key", StringComparison.Ordinal)).Message, Does.Contain("ERR_MISSING_KEY"));
        Assert.That(errors.Single(e => e.Path == "router_settings.routing_strategy").Message, Does.Contain("fastest-please"));
    }

    [Test]
    public void ThrowIfInvalid_raises_one_exception_listing_every_error()
    {
        var result = LoadErrors();
        var ex = Assert.Throws<LlmConfigurationException>(() => result.ThrowIfInvalid());
        Assert.That(ex!.Errors, Has.Count.EqualTo(result.Errors.Count));
        foreach (var error in result.Errors)
        {
            Assert.That(ex.Message, Does.Contain(error.Path));
        }
    }

    [Test]
    public void Secrets_never_appear_in_messages_or_ToString()
    {
        var result = LoadErrors();
        var texts = result.Errors.Concat(result.Warnings).Select(d => d.ToString()).ToList();
        texts.Add(Assert.Throws<LlmConfigurationException>(() => result.ThrowIfInvalid())!.Message);
        foreach (var deployment in result.Configuration.ModelList)
        {
            texts.Add(deployment.ToString());
            texts.Add(deployment.LiteLlmParams.ApiKey?.ToString() ?? "");
        }

        var own = LiteLlmConfigLoader.LoadYamlFile(ConfigFixtures.OwnConfig("full.yaml"), OwnFixtureTests.Options).Configuration;
        texts.Add(own.RouterSettings.RedisPassword!.ToString());
        texts.Add(own.ModelList[3].LiteLlmParams.AwsSecretAccessKey!.ToString());

        foreach (var secret in Secrets.Concat(OwnFixtureTests.Env.Values.Where(v => v.Contains("test", StringComparison.Ordinal) || v.Contains("pw", StringComparison.Ordinal))))
        {
            Assert.That(texts, Has.None.Contains(secret));
        }

        Assert.That(own.RouterSettings.RedisPassword.ToString(), Is.EqualTo("[redacted os.environ/TEST_REDIS_PASSWORD]"));
    }

    [Test]
    public void Invalid_configuration_still_returns_the_valid_deployments()
    {
        var config = LoadErrors().Configuration;
        Assert.That(config.ModelList.Select(d => d.ModelName), Is.EqualTo(new[] { "bad-numbers", "unresolved", "secret-in-number" }));
    }

    [Test]
    public void Unset_variable_outside_litellm_params_is_only_a_warning()
    {
        const string yaml = "model_list:\n  - model_name: a\n    litellm_params: {model: openai/gpt-4o}\ngeneral_settings:\n  master_key: os.environ/NOPE_MASTER\n";
        var result = LiteLlmConfigLoader.LoadYaml(yaml, new LiteLlmConfigLoaderOptions { EnvironmentVariableResolver = _ => null });
        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Warnings.Single().Path, Is.EqualTo("general_settings.master_key"));
        Assert.That(result.Configuration.GeneralSettings.MasterKey, Is.Null);
    }

    [Test]
    public void Yaml_syntax_error_is_one_error_with_its_position()
    {
        var result = LiteLlmConfigLoader.LoadYaml("model_list:\n  - model_name: a\n   bad: [unclosed\n");
        Assert.That(result.Errors.Single().Kind, Is.EqualTo(LlmConfigurationDiagnosticKind.SyntaxError));
        Assert.That(result.Errors.Single().Message, Does.Contain("line"));
    }

    [Test]
    public void Empty_document_is_an_error()
    {
        Assert.That(LiteLlmConfigLoader.LoadYaml("# nothing\n").Errors.Single().Kind, Is.EqualTo(LlmConfigurationDiagnosticKind.MissingRequired));
    }

    [Test]
    public void Legacy_usage_based_routing_maps_to_v2_with_a_warning()
    {
        var result = LiteLlmConfigLoader.LoadYaml("model_list: []\nrouter_settings:\n  routing_strategy: usage-based-routing\n");
        Assert.That(result.Configuration.RouterSettings.RoutingStrategy, Is.EqualTo(RoutingStrategy.UsageBasedRoutingV2));
        Assert.That(result.Warnings.Single().Kind, Is.EqualTo(LlmConfigurationDiagnosticKind.Deprecated));
    }

    [TestCase("simple-shuffle", RoutingStrategy.SimpleShuffle)]
    [TestCase("least-busy", RoutingStrategy.LeastBusy)]
    [TestCase("latency-based-routing", RoutingStrategy.LatencyBasedRouting)]
    [TestCase("cost-based-routing", RoutingStrategy.CostBasedRouting)]
    [TestCase("usage-based-routing-v2", RoutingStrategy.UsageBasedRoutingV2)]
    public void Each_routing_strategy_name_is_recognised(string name, RoutingStrategy expected)
    {
        var result = LiteLlmConfigLoader.LoadYaml($"model_list: []\nrouter_settings:\n  routing_strategy: \"{name}\"\n");
        Assert.That(result.Configuration.RouterSettings.RoutingStrategy, Is.EqualTo(expected));
        Assert.That(result.Errors, Is.Empty);
    }

    [Test]
    public void Duplicate_model_info_ids_are_an_error()
    {
        const string yaml = "model_list:\n  - model_name: a\n    litellm_params: {model: x/y}\n    model_info: {id: same}\n  - model_name: b\n    litellm_params: {model: x/z}\n    model_info: {id: same}\n";
        Assert.That(LiteLlmConfigLoader.LoadYaml(yaml).Errors.Single().Path, Is.EqualTo("model_list[1].model_info.id"));
    }

    [Test]
    public void Router_defaults_match_LiteLLM()
    {
        var r = LiteLlmConfigLoader.LoadYaml("model_list: []\n").Configuration.RouterSettings;
        Assert.That((r.RoutingStrategy, r.NumRetries, r.Timeout, r.RetryAfter, r.AllowedFails, r.CooldownTime, r.MaxFallbacks),
            Is.EqualTo((RoutingStrategy.SimpleShuffle, 2, TimeSpan.FromSeconds(6000), TimeSpan.Zero, 3, TimeSpan.FromSeconds(5), 5)));
    }
}
