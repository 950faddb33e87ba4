using System.Text.Json;

namespace LlmAbstraction.Providers.Azure;

/// <summary>Azure's content-filter verdicts for one prompt or one choice, by category (<c>hate</c>, <c>violence</c>, <c>jailbreak</c>, <c>protected_material_text</c>…).</summary>
public sealed class ContentFilterResults
{
    internal ContentFilterResults(IReadOnlyDictionary<string, ContentFilterCategoryResult> categories, JsonElement raw)
    {
        Categories = categories;
        Raw = raw;
    }

    /// <summary>Each category Azure reported, by its wire name.</summary>
    public IReadOnlyDictionary<string, ContentFilterCategoryResult> Categories { get; }

    /// <summary>The verdicts exactly as Azure sent them (including <c>custom_blocklists</c>, <c>error</c> and citations).</summary>
    public JsonElement Raw { get; }

    /// <summary>Whether any category filtered content.</summary>
    public bool AnyFiltered => Categories.Values.Any(c => c.Filtered);

    /// <summary>The verdict for <paramref name="category"/>, or <see langword="null"/> when Azure did not report it.</summary>
    public ContentFilterCategoryResult? this[string category] => Categories.GetValueOrDefault(category);

    internal static ContentFilterResults? From(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object) return null;
        var categories = new Dictionary<string, ContentFilterCategoryResult>(StringComparer.Ordinal);
        foreach (var p in element.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.Object || !p.Value.TryGetProperty("filtered", out var filtered)) continue;
            categories[p.Name] = new ContentFilterCategoryResult(
                filtered.ValueKind == JsonValueKind.True,
                p.Value.TryGetProperty("severity", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null,
                p.Value.TryGetProperty("detected", out var d) && d.ValueKind is JsonValueKind.True or JsonValueKind.False ? d.GetBoolean() : null);
        }
        return new ContentFilterResults(categories, element.Clone());
    }
}

/// <summary>One category's verdict.</summary>
/// <param name="Filtered">Whether the content was filtered for this category.</param>
/// <param name="Severity"><c>safe</c>, <c>low</c>, <c>medium</c> or <c>high</c> for harm categories; <see langword="null"/> otherwise.</param>
/// <param name="Detected">For detection categories (<c>jailbreak</c>, <c>protected_material_*</c>): whether it was detected.</param>
public sealed record ContentFilterCategoryResult(bool Filtered, string? Severity, bool? Detected);

/// <summary>The filter verdict on one prompt (Azure's <c>prompt_filter_results[]</c>).</summary>
/// <param name="PromptIndex">Which prompt it concerns.</param>
/// <param name="Results">The verdicts.</param>
public sealed record PromptFilterResult(int PromptIndex, ContentFilterResults Results);
