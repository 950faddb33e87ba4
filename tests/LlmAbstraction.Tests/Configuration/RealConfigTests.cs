using System.Text.RegularExpressions;
using LlmAbstraction.Configuration;

namespace LlmAbstraction.Tests.Configuration;

/// <summary>The 23 real-world LiteLLM configs and the guide's two, from ../shared/data/litellm-configs.</summary>
public class RealConfigTests
{
    private static readonly Regex EnvReference = new(@"os\.environ/([A-Za-z0-9_]+)", RegexOptions.CultureInvariant);

    [Test]
    public void Shared_folder_holds_the_25_documented_configs()
    {
        var files = Directory.GetFiles(ConfigFixtures.RealConfigsDirectory(), "*.yaml");
        Assert.That(files, Has.Length.EqualTo(25));
    }

    [Test]
    public void Every_real_config_loads_without_errors_when_its_environment_variables_are_set()
    {
        var failures = new List<string>();
        foreach (var file in Directory.GetFiles(ConfigFixtures.RealConfigsDirectory(), "*.yaml").Order(StringComparer.Ordinal))
        {
            var needed = EnvReference.Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value).ToHashSet();
            var result = LiteLlmConfigLoader.LoadYamlFile(file, Options(needed));
            failures.AddRange(result.Errors.Select(e => $"{Path.GetFileName(file)}: {e}"));
            TestContext.Out.WriteLine($"{Path.GetFileName(file)}: {result.Configuration.ModelList.Count} deployments, {result.Warnings.Count} warnings");
            foreach (var warning in result.Warnings)
            {
                TestContext.Out.WriteLine("    " + warning);
            }
        }

        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void Unset_variables_are_reported_by_name_and_path_in_real_configs()
    {
        var file = Path.Combine(ConfigFixtures.RealConfigsDirectory(), "guide__production.yaml");
        var result = LiteLlmConfigLoader.LoadYamlFile(file, new LiteLlmConfigLoaderOptions { EnvironmentVariableResolver = _ => null });
        var unresolved = result.Errors.Where(e => e.Kind == LlmConfigurationDiagnosticKind.UnresolvedEnvironmentVariable).ToList();
        Assert.That(unresolved.Select(e => e.Path), Is.EquivalentTo(new[]
        {
            "model_list[0].litellm_params.api_key", "model_list[1].litellm_params.api_key", "model_list[2].litellm_params.api_key",
            "model_list[3].litellm_params.api_key", "model_list[4].litellm_params.api_key",
        }));
        Assert.That(unresolved[0].Message, Does.Contain("ANTHROPIC_API_KEY_1"));
    }

    [Test]
    public void Known_quirks_of_real_configs_become_warnings()
    {
        var dir = ConfigFixtures.RealConfigsDirectory();
        var aws = Load(Path.Combine(dir, "aws-solutions-library-samples__guidance-for-multi-provider-generative-ai-gateway-on-aws__default-config.yaml"));
        Assert.That(aws.Warnings.Any(w => w.Kind == LlmConfigurationDiagnosticKind.DuplicateKey && w.Path == "litellm_settings.cache_params.type"));
        Assert.That(aws.Warnings.Any(w => w.Path == "router_settings.enable_pre_call_check" && w.Message.Contains("enable_pre_call_checks")));
        Assert.That(aws.Configuration.ModelList, Has.Count.EqualTo(111));
        Assert.That(aws.Configuration.RouterSettings.RoutingStrategy, Is.EqualTo(RoutingStrategy.UsageBasedRoutingV2));

        var qamar = Load(Path.Combine(dir, "Qamarbajwa__unified-ai-gateway__litellm-config.yaml"));
        Assert.That(qamar.Warnings.Count(w => w.Kind == LlmConfigurationDiagnosticKind.UnknownModelGroup), Is.EqualTo(3));

        var klai = Load(Path.Combine(dir, "GetKlai__klai__litellm-config.yaml"));
        var primary = klai.Configuration.GetDeployments("klai-primary");
        Assert.That(primary.Select(d => (d.LiteLlmParams.Order, d.LiteLlmParams.Rpm, d.LiteLlmParams.Tpm)),
            Is.EqualTo(new (int?, int?, long?)[] { (2, 45, 45000), (1, 45, 45000) }));

        var homelab = Load(Path.Combine(dir, "TelesforoAleix__homelab-v2__litellm.yaml"));
        Assert.That(homelab.Configuration.LiteLlmSettings.Callbacks, Is.EqualTo(new[] { "litellm_hooks.hooks" }));
        Assert.That(homelab.Configuration.RouterSettings.NumRetries, Is.EqualTo(0));
        Assert.That(homelab.Configuration.RouterSettings.DisableCooldowns, Is.True);

        var trail = Load(Path.Combine(dir, "trailofbits__buttercup__litellm_config.yaml"));
        Assert.That(trail.Configuration.ModelList.Select(d => d.LiteLlmParams.ApiVersion), Does.Contain("2024-12-01-preview"));
    }

    private static LlmConfigurationLoadResult Load(string file)
    {
        var needed = EnvReference.Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value).ToHashSet();
        var result = LiteLlmConfigLoader.LoadYamlFile(file, Options(needed));
        Assert.That(result.Errors, Is.Empty);
        return result;
    }

    /// <summary>Fake values for exactly the variables a file references (ports must be numbers).</summary>
    internal static LiteLlmConfigLoaderOptions Options(IReadOnlySet<string> names) => new()
    {
        EnvironmentVariableResolver = name => !names.Contains(name) ? null : name.EndsWith("PORT", StringComparison.Ordinal) ? "6379" : "fake-" + name,
    };
}
