namespace LlmAbstraction.Providers;

/// <summary>
/// Model limits known without the price catalogue: the Anthropic output limits the adapter needs to
/// fill <c>max_tokens</c>. Longest matching prefix wins.
/// </summary>
internal sealed class BuiltInModelInfo : IModelInfoProvider
{
    private static readonly (string Prefix, int MaxOutput)[] Anthropic =
    [
        ("claude-3-haiku", 4096), ("claude-3-opus", 4096), ("claude-3-sonnet", 4096),
        ("claude-3-5-haiku", 8192), ("claude-3-5-sonnet", 8192),
        ("claude-3-7-sonnet", 64000), ("claude-sonnet-4", 64000), ("claude-haiku-4", 64000),
        ("claude-opus-4", 32000), ("claude-opus-4-5", 64000), ("claude-opus-4-6", 128000),
    ];

    public static BuiltInModelInfo Instance { get; } = new();

    public int? GetMaxOutputTokens(string provider, string model)
    {
        if (!string.Equals(provider, "anthropic", StringComparison.OrdinalIgnoreCase)) return null;
        int? best = null;
        var bestLength = 0;
        foreach (var (prefix, max) in Anthropic)
            if (prefix.Length > bestLength && model.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) { best = max; bestLength = prefix.Length; }
        return best;
    }
}
