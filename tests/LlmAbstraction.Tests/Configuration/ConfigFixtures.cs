namespace LlmAbstraction.Tests.Configuration;

/// <summary>
/// Locates test configs: our own under Fixtures/configs, and the real-world ones under ../shared (found by walking
/// up from the test assembly, or LLMABSTRACTION_SHARED). Absent shared data: Ignore, except Fail when CI=true.
/// </summary>
internal static class ConfigFixtures
{
    public static string OwnConfig(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "configs", name);

    public static string RealConfigsDirectory()
    {
        var shared = FindShared();
        var dir = shared is null ? null : Path.Combine(shared, "data", "litellm-configs");
        if (dir is null || !Directory.Exists(dir))
        {
            const string message = "shared/data/litellm-configs not found (walk up from the test directory or set LLMABSTRACTION_SHARED)";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(message);
            }

            Assert.Ignore(message);
        }

        return dir!;
    }

    private static string? FindShared()
    {
        var fromEnv = Environment.GetEnvironmentVariable("LLMABSTRACTION_SHARED");
        if (!string.IsNullOrEmpty(fromEnv) && Directory.Exists(fromEnv))
        {
            return fromEnv;
        }

        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "fixtures")))
            {
                return candidate;
            }
        }

        return null;
    }
}
