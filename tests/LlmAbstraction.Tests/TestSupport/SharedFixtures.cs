namespace LlmAbstraction.Tests.TestSupport;

/// <summary>Finds ../shared (walking up from the test directory, or LLMABSTRACTION_SHARED). Absent: Ignore, or Fail under CI=true.</summary>
public static class SharedFixtures
{
    private static readonly Lazy<string?> RootLazy = new(FindRoot);

    public static string? Root => RootLazy.Value;

    public static string RequireDir(string relative)
    {
        var root = Root;
        if (root is not null)
        {
            var path = Path.Combine(root, relative);
            if (Directory.Exists(path)) return path;
        }
        var message = $"shared/{relative} not found (set LLMABSTRACTION_SHARED or place shared/ beside the repo).";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) Assert.Fail(message);
        Assert.Ignore(message);
        return null!;
    }

    private static string? FindRoot()
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
