using System.Globalization;
using System.Text.Json;

namespace LlmAbstraction.Pricing;

/// <summary>
/// Reads a LiteLLM <c>model_prices_and_context_window.json</c> as is: unknown fields and non-object
/// entries (<c>sample_spec</c>) are ignored, numbers may be written as strings.
/// </summary>
internal static class LiteLlmPriceMapReader
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public static Dictionary<string, ModelInfo> Read(Stream json)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json, Options); }
        catch (JsonException ex) { throw new FormatException($"The price map is not valid JSON: {ex.Message}", ex); }
        using (doc) return Read(doc.RootElement);
    }

    public static Dictionary<string, ModelInfo> Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new FormatException("A LiteLLM price map must be a JSON object keyed by model name.");
        var result = new Dictionary<string, ModelInfo>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in root.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Object || entry.Name == "sample_spec") continue;
            result[entry.Name] = ReadEntry(entry.Name, entry.Value);
        }
        return result;
    }

    public static ModelInfo ReadEntry(string key, JsonElement entry)
    {
        var builder = new ModelInfoBuilder();
        foreach (var p in entry.EnumerateObject())
        {
            var setter = ModelInfoBuilder.Resolve(p.Name);
            if (setter is null) continue;
            var text = p.Value.ValueKind switch
            {
                JsonValueKind.Number => p.Value.GetRawText(),
                JsonValueKind.String => p.Value.GetString(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            };
            if (text is null) continue;
            try { setter(builder, text.Trim()); }
            catch (FormatException ex) { throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Price map entry '{key}', field '{p.Name}': {ex.Message}"), ex); }
        }
        return builder.Build(key);
    }
}
