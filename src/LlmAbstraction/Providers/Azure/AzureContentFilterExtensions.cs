using System.Text.Json;

namespace LlmAbstraction.Providers.Azure;

/// <summary>
/// Typed access to Azure OpenAI's content-filter annotations, which travel in the exchange types'
/// <c>AdditionalProperties</c>: <c>prompt_filter_results</c> on the response (or the first streamed chunk),
/// <c>content_filter_results</c> on each choice, and <c>innererror.content_filter_result</c> on a 400 error.
/// </summary>
public static class AzureContentFilterExtensions
{
    /// <summary>The verdicts on the prompt(s); empty when the response carries none.</summary>
    public static IReadOnlyList<PromptFilterResult> GetPromptFilterResults(this ChatCompletionResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return PromptResults(response.AdditionalProperties);
    }

    /// <summary>The verdicts on the prompt(s) carried by a streamed chunk (the first one of an Azure stream); empty when none.</summary>
    public static IReadOnlyList<PromptFilterResult> GetPromptFilterResults(this ChatCompletionChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        return PromptResults(chunk.AdditionalProperties);
    }

    /// <summary>The verdicts on a choice's output, or <see langword="null"/> when none were sent.</summary>
    public static ContentFilterResults? GetContentFilterResults(this ChatChoice choice)
    {
        ArgumentNullException.ThrowIfNull(choice);
        return Choice(choice.AdditionalProperties);
    }

    /// <summary>The verdicts on a streamed choice's delta, or <see langword="null"/> when none were sent.</summary>
    public static ContentFilterResults? GetContentFilterResults(this ChunkChoice choice)
    {
        ArgumentNullException.ThrowIfNull(choice);
        return Choice(choice.AdditionalProperties);
    }

    /// <summary>The verdicts behind a content-filter error (<c>error.innererror.content_filter_result</c>), or <see langword="null"/>.</summary>
    public static ContentFilterResults? GetContentFilterResults(this LlmException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (string.IsNullOrEmpty(exception.RawBody) || exception.RawBody[0] != '{') return null;
        try
        {
            using var doc = JsonDocument.Parse(exception.RawBody);
            return doc.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object
                && e.TryGetProperty("innererror", out var inner) && inner.ValueKind == JsonValueKind.Object
                && inner.TryGetProperty("content_filter_result", out var r)
                ? ContentFilterResults.From(r)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ContentFilterResults? Choice(IDictionary<string, JsonElement>? fields)
        => fields is not null && fields.TryGetValue("content_filter_results", out var r) ? ContentFilterResults.From(r) : null;

    private static IReadOnlyList<PromptFilterResult> PromptResults(IDictionary<string, JsonElement>? fields)
    {
        if (fields is null || !fields.TryGetValue("prompt_filter_results", out var list) || list.ValueKind != JsonValueKind.Array) return [];
        var results = new List<PromptFilterResult>();
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object) continue;
            var index = item.TryGetProperty("prompt_index", out var i) && i.TryGetInt32(out var n) ? n : results.Count;
            if (item.TryGetProperty("content_filter_results", out var r) && ContentFilterResults.From(r) is { } parsed)
                results.Add(new PromptFilterResult(index, parsed));
        }
        return results;
    }
}
