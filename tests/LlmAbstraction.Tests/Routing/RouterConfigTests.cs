using LlmAbstraction.Configuration;
using LlmAbstraction.Routing;
using LlmAbstraction.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace LlmAbstraction.Tests.Routing;

/// <summary>LiteLLM config files configure the whole client and route end to end against WireMock.</summary>
public class RouterConfigTests
{
    private FakeProvider _fake = null!;

    [SetUp] public void SetUp() => _fake = new FakeProvider();
    [TearDown] public void TearDown() => _fake.Dispose();

    private Func<string, string?> Environment => name => name switch
    {
        "FAKE_BASE_PRIMARY" => _fake.Url + "/primary/v1",
        "FAKE_BASE_SECONDARY" => _fake.Url + "/secondary/v1",
        "FAKE_BASE_ANTHROPIC" => _fake.Url + "/anthropic",
        _ => "value-of-" + name,
    };

    private LlmConfiguration LoadOwn()
    {
        var result = LiteLlmConfigLoader.LoadYamlFile(OwnFixtures.Path("configs/router-full.yaml"), new LiteLlmConfigLoaderOptions { EnvironmentVariableResolver = Environment });
        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Warnings, Is.Empty, "every key in router-full.yaml is a supported one");
        return result.Configuration;
    }

    [Test]
    public void Router_full_yaml_maps_every_key_onto_the_router_and_client_options()
    {
        var builder = new LlmClientBuilder().UseLiteLlmConfig(LoadOwn());
        var router = builder.RouterOptions!;
        Assert.That(router.Deployments.Select(d => (d.Id, d.ModelGroup, d.Model)), Is.EqualTo(new[]
        {
            ("chat-primary", "chat", "openai/gpt-4o-mini"),
            ("chat-secondary", "chat", "openai/gpt-4o-mini"),
            ("chat-large-1", "chat-large", "anthropic/claude-sonnet-4-6"),
        }), "the wildcard group is not routed");
        var primary = router.Deployments[0];
        Assert.That((primary.Rpm, primary.Tpm, primary.Weight, primary.Order, primary.Timeout, primary.MaxInputTokens),
            Is.EqualTo(((int?)100, (long?)100000, (double?)3, (int?)1, (TimeSpan?)TimeSpan.FromSeconds(30), (int?)128000)));
        Assert.That((primary.InputCostPerToken, primary.OutputCostPerToken), Is.EqualTo(((decimal?)0.00000015m, (decimal?)0.0000006m)));
        Assert.That(primary.ExtraHeaders!["X-Team"], Is.EqualTo("router-tests"));
        Assert.That(primary.ApiKey, Is.EqualTo("value-of-KEY_PRIMARY"));
        Assert.That(primary.ToString(), Does.Not.Contain("value-of-KEY_PRIMARY"));
        var secondary = router.Deployments[1];
        Assert.That((secondary.ApiVersion, secondary.MaxInputTokens, secondary.InputCostPerToken), Is.EqualTo(("2024-10-21", (int?)16, (decimal?)0.000003m)));

        Assert.That((router.Strategy, router.AllowedFails, router.CooldownTime, router.DisableCooldowns, router.EnablePreCallChecks),
            Is.EqualTo((RoutingStrategy.SimpleShuffle, 2, TimeSpan.FromSeconds(15), false, true)));
        Assert.That((router.LowestLatencyBuffer, router.MaxLatencyListSize), Is.EqualTo((0.2, 5)));
        Assert.That(router.ModelGroupAliases, Is.EqualTo(new Dictionary<string, string> { ["gpt-4"] = "chat", ["big"] = "chat-large" }));

        var o = builder.Options;
        Assert.That((o.Timeout, o.DropParams), Is.EqualTo((TimeSpan.FromSeconds(90), true)));
        var r = o.Resilience;
        Assert.That((r.NumRetries, r.MaxFallbacks, r.RetryBaseDelay), Is.EqualTo((1, 2, TimeSpan.FromSeconds(1))));
        Assert.That(r.Fallbacks["chat"], Is.EqualTo(new[] { "chat-large" }));
        Assert.That(r.ContextWindowFallbacks["chat"], Is.EqualTo(new[] { "chat-large" }));
        Assert.That(r.ContentPolicyFallbacks["chat"], Is.EqualTo(new[] { "chat-large" }));
        Assert.That(r.DefaultFallbacks, Is.EqualTo(new[] { "chat-large" }));
    }

    [Test]
    public async Task Router_full_yaml_routes_end_to_end_with_pre_call_checks_and_context_window_fallbacks()
    {
        _fake.Reply("/primary/v1/chat/completions", 200, RouterKit.ChatOk);
        _fake.Reply("/secondary/v1/chat/completions", 200, RouterKit.ChatOk);
        _fake.Reply("/anthropic/v1/messages", 200, OwnFixtures.Text("anthropic/messages-tool-use.response.json"));
        var client = new LlmClientBuilder().UseEnvironment(_ => null).UseLiteLlmConfig(LoadOwn()).UseRouterRandom(new Random(3).NextDouble).Build();

        // A long prompt (about 29 tokens) does not fit chat-secondary's 16-token window: skipped, with the reason.
        var longPrompt = RouterKit.Ask("gpt-4", new string('x', 100));
        for (var i = 0; i < 8; i++)
        {
            var response = await client.CompletionAsync(longPrompt);
            Assert.That(response.Details.Deployment, Is.EqualTo("chat-primary"));
            var skipped = response.Details.SkippedDeployments.Single();
            Assert.That((skipped.Deployment, skipped.ModelGroup, skipped.Code), Is.EqualTo(("chat-secondary", "chat", "context_window")));
            Assert.That(skipped.Reason, Does.Contain("context window of 16 tokens"));
        }
        Assert.That(_fake.Server.LogEntries.Last().RequestMessage.Headers!["X-Team"].Single(), Is.EqualTo("router-tests"));
        Assert.That(_fake.Server.LogEntries.Last().RequestMessage.Headers!["Authorization"].Single(), Is.EqualTo("Bearer value-of-KEY_PRIMARY"));

        // A short prompt may go to either.
        var seen = new HashSet<string>();
        for (var i = 0; i < 20; i++) seen.Add((await client.CompletionAsync(RouterKit.Ask("chat", "hi"))).Details.Deployment!);
        Assert.That(seen, Is.EquivalentTo(new[] { "chat-primary", "chat-secondary" }));

        // The alias of a group reaches the anthropic deployment.
        var big = await client.CompletionAsync(RouterKit.Ask("big", "hi"));
        Assert.That((big.Details.Deployment, big.Details.Provider), Is.EqualTo(("chat-large-1", "anthropic")));
    }

    [Test]
    public async Task A_prompt_no_deployment_can_hold_raises_context_window_exceeded_and_takes_the_context_window_fallback()
    {
        _fake.Reply("/anthropic/v1/messages", 200, OwnFixtures.Text("anthropic/messages-tool-use.response.json"));
        var config = LoadOwn();
        var builder = new LlmClientBuilder().UseEnvironment(_ => null).UseLiteLlmConfig(config);
        var options = builder.RouterOptions!;
        options.Deployments = [.. options.Deployments.Select(d => d.ModelGroup == "chat" ? Copy(d, maxInput: 10) : d)];
        var client = builder.Build();
        var response = await client.CompletionAsync(RouterKit.Ask("chat", new string('x', 400)));
        Assert.That(response.Details.Deployment, Is.EqualTo("chat-large-1"));
        Assert.That(response.Details.Attempts.Single().FallbackReason, Is.EqualTo("ContextWindowExceeded"));
        Assert.That(response.Details.SkippedDeployments.Select(s => s.Deployment), Is.EquivalentTo(new[] { "chat-primary", "chat-secondary" }));

        var alone = new LlmClientBuilder().UseEnvironment(_ => null).UseRouter(r => r.EnablePreCallChecks = true)
            .UseRouter(r => r.Deployments = [Copy(options.Deployments[0], maxInput: 10)]).Build();
        var ex = Assert.CatchAsync<ContextWindowExceededException>(() => alone.CompletionAsync(RouterKit.Ask("chat", new string('x', 400))))!;
        Assert.That(ex.Message, Does.Contain("chat-primary (10 tokens)"));
        Assert.That(_fake.Server.LogEntries.Count(e => e.RequestMessage.Path.Contains("primary")), Is.EqualTo(0));
    }

    private static Deployment Copy(Deployment d, int? maxInput) => new()
    {
        Id = d.Id, ModelGroup = d.ModelGroup, Model = d.Model, ApiKey = d.ApiKey, ApiBase = d.ApiBase, ApiVersion = d.ApiVersion,
        Rpm = d.Rpm, Tpm = d.Tpm, Weight = d.Weight, Order = d.Order, Timeout = d.Timeout, MaxInputTokens = maxInput,
        InputCostPerToken = d.InputCostPerToken, OutputCostPerToken = d.OutputCostPerToken, ExtraHeaders = d.ExtraHeaders,
    };

    [Test]
    public async Task AddLlmClient_with_a_litellm_config_routes_groups()
    {
        _fake.Reply("/primary/v1/chat/completions", 200, RouterKit.ChatOk);
        var services = new ServiceCollection();
        services.AddLlmClient(LoadOwn(), (_, b) => b.UseEnvironment(_ => null).UseRouter(r => r.Deployments.RemoveAll(d => d.Id == "chat-secondary")));
        using var provider = services.BuildServiceProvider();
        var response = await provider.GetRequiredService<ILlmClient>().CompletionAsync(RouterKit.Ask("chat", "hi"));
        Assert.That(response.Details.Deployment, Is.EqualTo("chat-primary"));
    }

    [TestCase("guide__step1.yaml")]
    [TestCase("guide__production.yaml")]
    public async Task Guide_configs_load_into_a_client_and_route_a_request_per_group(string file)
    {
        var dir = SharedFixtures.RequireDir("data/litellm-configs");
        var result = LiteLlmConfigLoader.LoadYamlFile(Path.Combine(dir, file), new LiteLlmConfigLoaderOptions { EnvironmentVariableResolver = n => "value-of-" + n });
        Assert.That(result.Errors, Is.Empty);
        _fake.Reply("/v1/messages", 200, OwnFixtures.Text("anthropic/messages-tool-use.response.json"));
        _fake.Reply("/v1/chat/completions", 200, RouterKit.ChatOk);
        var client = new LlmClientBuilder()
            .UseEnvironment(_ => null)
            .UseLiteLlmConfig(result.Configuration)
            .Configure(o =>
            {
                // The guides' deployments name no api_base: point the providers at the fake.
                o.Providers["anthropic"] = new ProviderSettings { ApiBase = _fake.Url };
                o.Providers["openai"] = new ProviderSettings { ApiBase = _fake.Url + "/v1" };
            })
            .Build();

        foreach (var group in result.Configuration.ModelGroups)
        {
            var response = await client.CompletionAsync(RouterKit.Ask(group, "hi"));
            var deployment = result.Configuration.GetDeployments(group);
            Assert.That(response.Details.Deployment, Does.StartWith(group + "-"), group);
            var index = int.Parse(response.Details.Deployment![(group.Length + 1)..]) - 1;
            var expectedKey = deployment[index].LiteLlmParams.ApiKey!.Reveal();
            var headers = _fake.Server.LogEntries.Last().RequestMessage.Headers!;
            var sentKey = headers.TryGetValue("x-api-key", out var k) ? k.Single() : headers["Authorization"].Single()["Bearer ".Length..];
            Assert.That(sentKey, Is.EqualTo(expectedKey), group);
            var providerModel = deployment[index].LiteLlmParams.Model.Split('/').Last();
            Assert.That(_fake.LastRequestBody, Does.Contain($"\"model\":\"{providerModel}\""), group);
        }
        Assert.That(_fake.RequestCount, Is.EqualTo(result.Configuration.ModelGroups.Count));
    }
}
