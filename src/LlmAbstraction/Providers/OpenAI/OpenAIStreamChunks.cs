using System.Text.Json;

namespace LlmAbstraction.Providers.OpenAI;

/// <summary>
/// Handles chunks that carry only metadata (no choices, no usage), such as Azure's leading
/// <c>prompt_filter_results</c> chunk with an empty id: their fields move onto the next real chunk.
/// </summary>
internal static class OpenAIStreamChunks
{
    /// <summary>True for a chunk with no choices and no usage: nothing a consumer can stream.</summary>
    public static bool IsMetadataOnly(ChatCompletionChunk chunk) => chunk.Choices.Count == 0 && chunk.Usage is null;

    public static IDictionary<string, JsonElement>? Merge(IDictionary<string, JsonElement>? carried, IDictionary<string, JsonElement>? fields)
    {
        if (fields is null or { Count: 0 }) return carried;
        carried ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var kv in fields) carried[kv.Key] = kv.Value;
        return carried;
    }

    /// <summary>Adds the carried fields to <paramref name="chunk"/> without overwriting its own.</summary>
    public static void CarryInto(ChatCompletionChunk chunk, IDictionary<string, JsonElement> carried)
    {
        chunk.AdditionalProperties ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var kv in carried) chunk.AdditionalProperties.TryAdd(kv.Key, kv.Value);
    }
}
