using System.Text.Json;

namespace LlmAbstraction.Providers.Gemini;

/// <summary>
/// Places provider-specific request fields (the request's additional properties): LiteLLM names (<c>top_k</c>,
/// <c>thinking</c>, <c>safety_settings</c>, <c>cached_content</c>) are translated, native generationConfig fields
/// (<c>topK</c>, <c>thinkingConfig</c>, <c>responseModalities</c>, <c>mediaResolution</c>…) go into generationConfig,
/// and anything else is sent at the top level of the body verbatim.
/// </summary>
internal static class GeminiExtras
{
    private static readonly Dictionary<string, string> GenerationConfigFields = new(StringComparer.Ordinal)
    {
        ["top_k"] = "topK", ["topK"] = "topK",
        ["thinkingConfig"] = "thinkingConfig", ["thinking_config"] = "thinkingConfig",
        ["responseModalities"] = "responseModalities", ["response_modalities"] = "responseModalities",
        ["mediaResolution"] = "mediaResolution", ["media_resolution"] = "mediaResolution",
        ["speechConfig"] = "speechConfig", ["responseLogprobs"] = "responseLogprobs",
        ["responseJsonSchema"] = "responseJsonSchema", ["response_json_schema"] = "responseJsonSchema",
    };

    private static readonly Dictionary<string, string> RootFields = new(StringComparer.Ordinal)
    {
        ["safety_settings"] = "safetySettings", ["cached_content"] = "cachedContent", ["labels"] = "labels",
    };

    public static void Apply(IDictionary<string, JsonElement>? extras, GeminiRequest wire, GeminiGenerationConfig config)
    {
        if (extras is not { Count: > 0 }) return;
        foreach (var (key, value) in extras)
        {
            if (key == "thinking")
            {
                if (config.Extra?.ContainsKey("thinkingConfig") != true) config.ThinkingConfig ??= GeminiReasoning.FromThinking(value);
                continue;
            }
            if (GenerationConfigFields.TryGetValue(key, out var configName))
            {
                if (configName == "thinkingConfig") config.ThinkingConfig = null;
                (config.Extra ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal))[configName] = value;
                continue;
            }
            (wire.Extra ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal))[RootFields.GetValueOrDefault(key, key)] = value;
        }
    }
}
