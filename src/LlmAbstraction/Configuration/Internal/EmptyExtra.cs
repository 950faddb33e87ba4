using System.Text.Json;

namespace LlmAbstraction.Configuration;

internal static class EmptyExtra
{
    public static readonly IReadOnlyDictionary<string, JsonElement> Instance = new Dictionary<string, JsonElement>();
}
