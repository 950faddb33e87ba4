using LlmAbstraction.Configuration;
using Microsoft.Extensions.Configuration;

namespace LlmAbstraction.Tests.Configuration;

/// <summary>Loader behaviour on our own fixtures (no ../shared needed).</summary>
public class OwnFixtureTests
{
    internal static readonly Dictionary<string, string> Env = new()
    {
        ["TEST_ANTHROPIC_KEY"] = "sk-ant-test-1111",
        ["TEST_AZURE_KEY"] = "azure-test-2222",
        ["TEST_AWS_ID"] = "AKIDTEST",
        ["TEST_AWS_SECRET"] = "aws-secret-3333",
        ["TEST_AWS_TOKEN"] = "aws-token-4444",
        ["TEST_OPENAI_KEY"] = "sk-openai-5555",
        ["TEST_REDIS_HOST"] = "redis.local",
        ["TEST_REDIS_PASSWORD"] = "redis-pw-6666",
        ["TEST_MASTER_KEY"] = "sk-master-7777",
        ["TEST_TEAM"] = "team-from-process",
    };

    internal static LiteLlmConfigLoaderOptions Options => new() { EnvironmentVariableResolver = n => Env.GetValueOrDefault(n) };

    private static LlmConfigurationLoadResult LoadFull() => LiteLlmConfigLoader.LoadYamlFile(ConfigFixtures.OwnConfig("full.yaml"), Options);

    [Test]
    public void Full_fixture_binds_every_supported_key()
    {
        var result = LoadFull();
        Assert.That(result.Errors, Is.Empty);
        var c = result.Configuration;
        Assert.That(c.ModelList, Has.Count.EqualTo(6));

        var primary = c.ModelList[0].LiteLlmParams;
        Assert.That(primary.ApiKey!.Reveal(), Is.EqualTo("sk-ant-test-1111"), "merged from the anchor");
        Assert.That(primary.Timeout, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(primary.StreamTimeout, Is.EqualTo(TimeSpan.FromSeconds(60.5)));
        Assert.That(primary.MaxRetries, Is.EqualTo(1));
        Assert.That((primary.Rpm, primary.Tpm, primary.Weight, primary.Order), Is.EqualTo(((int?)500, (long?)200000, (double?)2, (int?)1)));
        Assert.That(primary.Tags, Is.EqualTo(new[] { "prod", "eu" }));
        Assert.That(primary.Extra["temperature"].GetDouble(), Is.EqualTo(0.2));
        Assert.That(primary.Extra["extra_headers"].GetProperty("X-Team").GetString(), Is.EqualTo("team-from-file"), "environment_variables win over the process");

        var info = c.ModelList[0].ModelInfo;
        Assert.That((info.Id, info.BaseModel, info.Mode, info.MaxTokens, info.MaxInputTokens, info.MaxOutputTokens),
            Is.EqualTo(("primary-1", "claude-sonnet-4-6", "chat", (int?)64000, (int?)200000, (int?)64000)));
        Assert.That((info.InputCostPerToken, info.OutputCostPerToken, info.CacheCreationInputTokenCost, info.CacheReadInputTokenCost),
            Is.EqualTo(((decimal?)0.000003m, (decimal?)0.000015m, (decimal?)0.00000375m, (decimal?)0.0000003m)));
        Assert.That(info.Supports, Is.EquivalentTo(new Dictionary<string, bool> { ["supports_vision"] = true, ["supports_function_calling"] = true }));
        Assert.That(info.Extra["description"].GetString(), Is.EqualTo("primary deployment"));

        var second = c.ModelList[1].LiteLlmParams;
        Assert.That((second.Timeout, second.Order, second.Rpm, second.Tpm), Is.EqualTo(((TimeSpan?)TimeSpan.FromSeconds(45), (int?)2, (int?)100, (long?)50000)),
            "explicit keys beat the merge; deployment-level rpm/tpm land in litellm_params");

        var azure = c.ModelList[2].LiteLlmParams;
        Assert.That((azure.ApiBase, azure.ApiVersion, azure.Organization, azure.CustomLlmProvider, azure.RegionName),
            Is.EqualTo(("https://example.openai.azure.com", "2024-12-01-preview", "org-1", "azure", "eu")));
        Assert.That((azure.MaxParallelRequests, azure.NumRetries, azure.InputCostPerToken, azure.OutputCostPerToken, azure.InputCostPerSecond),
            Is.EqualTo(((int?)8, (int?)0, (decimal?)0.0000025m, (decimal?)0.00001m, (decimal?)0m)));

        var bedrock = c.ModelList[3].LiteLlmParams;
        Assert.That((bedrock.AwsRegionName, bedrock.AwsRoleName, bedrock.AwsProfileName), Is.EqualTo(("eu-west-1", "role", "profile")));
        Assert.That(new[] { bedrock.AwsAccessKeyId!.Reveal(), bedrock.AwsSecretAccessKey!.Reveal(), bedrock.AwsSessionToken!.Reveal() },
            Is.EqualTo(new[] { "AKIDTEST", "aws-secret-3333", "aws-token-4444" }));

        var vertex = c.ModelList[4].LiteLlmParams;
        Assert.That((vertex.VertexProject, vertex.VertexLocation, vertex.VertexCredentials!.Reveal()), Is.EqualTo(("my-project", "us-central1", "/secrets/sa.json")));
        Assert.That(c.ModelList[5].IsWildcard, Is.True);
        Assert.That(c.ModelList[5].Extra.ContainsKey("unknown_deployment_key"), Is.True);

        var r = c.RouterSettings;
        Assert.That(r.RoutingStrategy, Is.EqualTo(RoutingStrategy.UsageBasedRoutingV2));
        Assert.That((r.RoutingStrategyArgs.Ttl, r.RoutingStrategyArgs.LowestLatencyBuffer, r.RoutingStrategyArgs.MaxLatencyListSize),
            Is.EqualTo(((TimeSpan?)TimeSpan.FromSeconds(120), (double?)0.5, (int?)20)));
        Assert.That((r.NumRetries, r.Timeout, r.StreamTimeout, r.RetryAfter, r.AllowedFails, r.CooldownTime, r.DisableCooldowns, r.MaxFallbacks),
            Is.EqualTo((4, TimeSpan.FromSeconds(90), (TimeSpan?)TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(2), 5, TimeSpan.FromSeconds(30), false, 3)));
        Assert.That(r.Fallbacks.Single().ToString(), Is.EqualTo("chat-primary -> [azure-chat, bedrock-chat]"));
        Assert.That(r.ContextWindowFallbacks.Single().ToString(), Is.EqualTo("chat-primary -> [vertex-chat]"));
        Assert.That(r.ContentPolicyFallbacks.Single().ToString(), Is.EqualTo("azure-chat -> [bedrock-chat]"));
        Assert.That(r.DefaultFallbacks, Is.EqualTo(new[] { "azure-chat" }));
        Assert.That((r.RetryPolicy!.RateLimit, r.RetryPolicy.Timeout, r.RetryPolicy.BadRequest), Is.EqualTo(((int?)3, (int?)1, (int?)null)));
        Assert.That(r.AllowedFailsPolicy!.InternalServer, Is.EqualTo(2));
        Assert.That(r.ModelGroupAlias["gpt-4"], Is.EqualTo(new ModelGroupAlias("azure-chat")));
        Assert.That(r.ModelGroupAlias["claude"], Is.EqualTo(new ModelGroupAlias("chat-primary", Hidden: true)));
        Assert.That((r.EnablePreCallChecks, r.RedisHost, r.RedisPort, r.RedisPassword!.Reveal(), r.RedisUrl!.Reveal()),
            Is.EqualTo((true, "redis.local", (int?)6380, "redis-pw-6666", "redis://localhost:6380")));

        var l = c.LiteLlmSettings;
        Assert.That((l.DropParams, l.ModifyParams, l.NumRetries, l.RequestTimeout, l.AllowedFails, l.CooldownTime),
            Is.EqualTo((true, true, (int?)1, (TimeSpan?)TimeSpan.FromSeconds(600), (int?)7, (TimeSpan?)TimeSpan.FromSeconds(11))));
        Assert.That((l.Cache, l.TurnOffMessageLogging, l.RedactMessagesInExceptions), Is.EqualTo((true, true, false)));
        Assert.That(l.Callbacks, Is.EqualTo(new[] { "otel" }));
        Assert.That(l.SuccessCallback, Is.EqualTo(new[] { "langfuse", "prometheus" }));
        var cache = l.CacheParams!;
        Assert.That((cache.Type, cache.Host, cache.Port, cache.Password!.Reveal(), cache.Ttl, cache.Namespace, cache.SimilarityThreshold, cache.Mode),
            Is.EqualTo(("redis-semantic", "localhost", (int?)6379, "redis-pw-6666", (TimeSpan?)TimeSpan.FromSeconds(600), "llm", (double?)0.9, "default_on")));
        Assert.That(cache.Extra["redis_semantic_cache_embedding_model"].GetString(), Is.EqualTo("text-embedding-3-small"));
        Assert.That(c.GeneralSettings.MasterKey!.Reveal(), Is.EqualTo("sk-master-7777"));
        Assert.That(c.GeneralSettings.DatabaseUrl!.Reveal(), Is.EqualTo("postgres://user:pw@localhost/db"));
        Assert.That(c.EnvironmentVariables["TEST_TEAM"].Reveal(), Is.EqualTo("team-from-file"));
    }

    [Test]
    public void Unknown_and_ignored_keys_are_reported_with_their_paths()
    {
        var warnings = LoadFull().Warnings;
        Assert.That(warnings.Where(w => w.Kind == LlmConfigurationDiagnosticKind.UnknownKey).Select(w => w.Path), Is.EquivalentTo(new[]
        {
            "model_list[5].unknown_deployment_key", "router_settings.foo", "litellm_settings.not_a_litellm_setting",
            "x-anthropic-defaults", "my_tool_section",
        }));
        Assert.That(warnings.Where(w => w.Kind == LlmConfigurationDiagnosticKind.NotImplemented).Select(w => w.Path), Is.EquivalentTo(new[]
        {
            "router_settings.optional_pre_call_checks", "litellm_settings.set_verbose", "files_settings",
        }));
    }

    [Test]
    public void Appsettings_json_gives_the_same_configuration_as_the_equivalent_yaml()
    {
        using var json = File.OpenRead(ConfigFixtures.OwnConfig("full.json"));
        var configuration = new ConfigurationBuilder().AddJsonStream(json).Build();
        var fromJson = LiteLlmConfigLoader.Load(configuration.GetSection("LlmAbstraction"), Options);
        var fromYaml = LoadFull();

        Assert.That(fromJson.Errors, Is.Empty);
        Assert.That(ConfigDump.Of(fromJson.Configuration), Is.EqualTo(ConfigDump.Of(fromYaml.Configuration)));
        Assert.That(fromJson.Warnings.Select(w => w.Path), Does.Contain("router_settings.foo").And.Contain("model_list[5].unknown_deployment_key"));
    }

    [Test]
    public void Yaml_text_stream_and_file_loads_agree()
    {
        var text = File.ReadAllText(ConfigFixtures.OwnConfig("full.yaml"));
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        var expected = ConfigDump.Of(LoadFull().Configuration);
        Assert.That(ConfigDump.Of(LiteLlmConfigLoader.LoadYaml(text, Options).Configuration), Is.EqualTo(expected));
        Assert.That(ConfigDump.Of(LiteLlmConfigLoader.LoadYaml(stream, Options).Configuration), Is.EqualTo(expected));
    }
}
