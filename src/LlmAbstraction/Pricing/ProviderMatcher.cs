namespace LlmAbstraction.Pricing;

/// <summary>
/// Whether a catalogue entry's <c>litellm_provider</c> belongs to a runtime provider (registry name).
/// Equal names match; so do LiteLLM's sub-values (<c>vertex_ai-language-models</c> for <c>vertex_ai</c>)
/// and the few listed route variants. Entries without a provider match every provider.
/// </summary>
internal static class ProviderMatcher
{
    private static readonly Dictionary<string, string[]> Variants = new(StringComparer.OrdinalIgnoreCase)
    {
        ["bedrock"] = ["bedrock_converse"],
        ["cohere"] = ["cohere_chat"],
        ["openai"] = ["text-completion-openai"],
        ["azure"] = ["azure_text"],
        ["codestral"] = ["text-completion-codestral"],
    };

    public static bool Matches(string? provider, string? entryProvider)
    {
        if (provider is null || entryProvider is null) return true;
        if (string.Equals(provider, entryProvider, StringComparison.OrdinalIgnoreCase)) return true;
        if (entryProvider.Length > provider.Length && entryProvider[provider.Length] == '-'
            && entryProvider.StartsWith(provider, StringComparison.OrdinalIgnoreCase)) return true;
        return Variants.TryGetValue(provider, out var variants)
            && Array.Exists(variants, v => string.Equals(v, entryProvider, StringComparison.OrdinalIgnoreCase));
    }
}
