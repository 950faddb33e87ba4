using System.Text;
using LlmAbstraction.Providers;

namespace LlmAbstraction.Tests.Docs;

/// <summary>The README's provider table is generated from the registry; this test keeps them equal.</summary>
public class ReadmeProviderTableTests
{
    private const string Start = "<!-- providers:start -->";
    private const string End = "<!-- providers:end -->";

    public static string Generate(ProviderRegistry registry)
    {
        static string Yes(ProviderDescriptor d, ProviderCapabilities c) => d.Capabilities.HasFlag(c) ? "yes" : "—";
        var sb = new StringBuilder();
        sb.Append("| provider | prefix | chat | stream | tools | vision | JSON schema | embeddings | auth |\n");
        sb.Append("|---|---|---|---|---|---|---|---|---|\n");
        foreach (var d in registry.All)
        {
            var inferred = d.BareModelPrefixes.Count > 0 ? " (bare: " + string.Join(", ", d.BareModelPrefixes.Select(p => $"`{p}…`")) + ")" : "";
            sb.Append($"| {d.DisplayName ?? d.Name} | `{d.Name}/`{inferred} | {Yes(d, ProviderCapabilities.Chat)} | {Yes(d, ProviderCapabilities.Streaming)} | {Yes(d, ProviderCapabilities.Tools)} | {Yes(d, ProviderCapabilities.Vision)} | {Yes(d, ProviderCapabilities.JsonSchema)} | {Yes(d, ProviderCapabilities.Embeddings)} | {d.Authentication} |\n");
        }
        return sb.ToString();
    }

    [Test]
    public void Readme_provider_table_matches_the_registry()
    {
        var readme = FindReadme();
        var text = File.ReadAllText(readme);
        var s = text.IndexOf(Start, StringComparison.Ordinal);
        var e = text.IndexOf(End, StringComparison.Ordinal);
        Assert.That(s, Is.GreaterThanOrEqualTo(0), "README lacks the provider table markers");
        var current = text[(s + Start.Length)..e].Trim('\n');
        var expected = Generate(ProviderRegistry.CreateDefault()).Trim('\n');
        if (current != expected && Environment.GetEnvironmentVariable("UPDATE_README") == "1")
        {
            File.WriteAllText(readme, text[..(s + Start.Length)] + "\n" + expected + "\n" + text[e..]);
            return;
        }
        Assert.That(current, Is.EqualTo(expected), "Run the tests with UPDATE_README=1 to regenerate the table.");
    }

    private static string FindReadme()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LlmAbstraction.sln"))) return Path.Combine(dir.FullName, "README.md");
        throw new FileNotFoundException("README.md not found above the test directory");
    }
}
