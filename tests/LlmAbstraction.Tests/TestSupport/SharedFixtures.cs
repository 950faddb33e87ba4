namespace LlmAbstraction.Tests.TestSupport;

/// <summary>
/// Locates the optional <c>shared</c> folder (real recorded provider traffic, notes, data) that lives outside the
/// repository: env <c>LLMABSTRACTION_SHARED</c>, else the first ancestor of the test directory holding
/// <c>shared/fixtures</c>. Tests that need it call <see cref="RequireDir"/>.
/// </summary>
public static class SharedFixtures
{
    private static readonly Lazy<string?> LazyRoot = new(Locate);

    /// <summary>The <c>shared</c> folder (contains <c>fixtures/</c>), or null when absent.</summary>
    public static string? Root => LazyRoot.Value;

    /// <summary>
    /// Returns <c>Root/relative</c> (e.g. <c>fixtures/sigv4</c>). When it does not exist the test is ignored,
    /// or fails when env <c>CI=true</c>.
    /// </summary>
    public static string RequireDir(string relative)
    {
        var path = Root is null ? null : Path.GetFullPath(Path.Combine(Root, relative));
        if (path is not null && Directory.Exists(path))
        {
            return path;
        }

        var message = $"Shared fixture folder '{relative}' not found (shared root: {Root ?? "none"}); set LLMABSTRACTION_SHARED.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }

        Assert.Ignore(message);
        return null!; // unreachable: Assert.Ignore throws
    }

    /// <summary>The placeholder case a test source yields when the shared folder is absent; the test then ignores (or fails under CI).</summary>
    public const string Absent = "(shared fixtures absent)";

    /// <summary>
    /// Test cases from files under <c>Root/relative</c>, as paths relative to that folder; when it is absent, one
    /// <see cref="Absent"/> case, so the test runs and reports the absence through <see cref="RequireDir"/>.
    /// </summary>
    public static IEnumerable<string> Cases(string relative, string subfolder, string pattern, SearchOption option = SearchOption.TopDirectoryOnly)
    {
        var dir = Root is null ? null : Path.Combine(Root, relative);
        if (dir is null || !Directory.Exists(dir)) return [Absent];
        var search = Path.Combine(dir, subfolder);
        return Directory.GetFiles(search, pattern, option).Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray();
    }

    private static string? Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("LLMABSTRACTION_SHARED");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Directory.Exists(fromEnvironment) ? Path.GetFullPath(fromEnvironment) : null;
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
