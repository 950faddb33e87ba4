namespace LlmAbstraction.Tests.Pricing;

/// <summary>
/// Finds LiteLLM's price map in ../shared (walking up from the test assembly, or LLMABSTRACTION_SHARED).
/// Absent: the test is ignored, except under CI=true where it fails.
/// </summary>
internal static class SharedPriceMap
{
    public const string RelativePath = "data/litellm/model_prices_and_context_window.json";

    public static string RequirePath()
    {
        var root = FindShared();
        var path = root is null ? null : Path.Combine(root, RelativePath);
        if (path is not null && File.Exists(path)) return path;
        var message = $"The shared LiteLLM price map ({RelativePath}) was not found (set LLMABSTRACTION_SHARED or place shared/ above the repo).";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) Assert.Fail(message);
        Assert.Ignore(message);
        return null!;
    }

    private static string? FindShared()
    {
        var env = Environment.GetEnvironmentVariable("LLMABSTRACTION_SHARED");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return env;
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "fixtures"))) return candidate;
        }
        return null;
    }
}
