using LlmAbstraction.Tests.TestSupport;

namespace LlmAbstraction.Tests.Configuration;

/// <summary>Test configs: our own under Fixtures/configs, and the real-world ones under ../shared/data/litellm-configs.</summary>
internal static class ConfigFixtures
{
    public static string OwnConfig(string name) => OwnFixtures.Path(Path.Combine("configs", name));

    public static string RealConfigsDirectory() => SharedFixtures.RequireDir("data/litellm-configs");
}
