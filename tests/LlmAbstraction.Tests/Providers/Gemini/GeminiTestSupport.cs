using System.Text.Json;
using System.Text.Json.Nodes;
using LlmAbstraction.Tests.TestSupport;

namespace LlmAbstraction.Tests.Providers.Gemini;

internal static class GeminiTestSupport
{
    public const string Model = "gemini-2.5-flash";
    public const string GeneratePath = "/v1beta/models/gemini-2.5-flash:generateContent";
    public const string StreamPath = "/v1beta/models/gemini-2.5-flash:streamGenerateContent";

    public static readonly JsonElement WeatherSchema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}""").RootElement;

    public static ILlmClient GeminiClient(this FakeProvider fake, Action<LlmClientBuilder>? configure = null)
        => fake.Client(b =>
        {
            b.Configure(o => o.Providers["gemini"] = new ProviderSettings { ApiBase = fake.Url, ApiKey = FakeProvider.TestKey });
            configure?.Invoke(b);
        });

    public static string LastRequestUrl(this FakeProvider fake) => fake.Server.LogEntries.Last().RequestMessage.Url;

    public static string RequestBody(this FakeProvider fake, string pathContains)
        => fake.Server.LogEntries.Last(e => e.RequestMessage.Path.Contains(pathContains, StringComparison.Ordinal)).RequestMessage.Body ?? "";

    public static async Task<List<ChatCompletionChunk>> CollectAsync(this IAsyncEnumerable<ChatCompletionChunk> stream)
    {
        var chunks = new List<ChatCompletionChunk>();
        await foreach (var c in stream) chunks.Add(c);
        return chunks;
    }

    /// <summary>
    /// Normalizes documented, semantically neutral differences between what Google's SDK sent in a recording and what we send:
    /// the ignored <c>systemInstruction.role</c>, an empty <c>generationConfig</c>, upper-case OpenAPI type names
    /// (<c>"STRING"</c> = <c>"string"</c>), snake_case field names inside generationConfig (proto JSON accepts both),
    /// and numbers compared by value (<c>40.0</c> = <c>40</c>).
    /// </summary>
    public static string NormalizeGeminiRequest(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        (node["systemInstruction"] as JsonObject)?.Remove("role");
        if (node["generationConfig"] is JsonObject { Count: 0 }) node.Remove("generationConfig");
        return Canonical(node, "")!.ToJsonString();
    }

    private static JsonNode? Canonical(JsonNode? node, string key)
    {
        switch (node)
        {
            case JsonObject o:
                var result = new JsonObject();
                foreach (var (k, v) in o.OrderBy(p => CamelCase(p.Key), StringComparer.Ordinal)) result[CamelCase(k)] = Canonical(v, k);
                return result;
            case JsonArray a:
                return new JsonArray(a.Select(v => Canonical(v, key)).ToArray());
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                return JsonValue.Create(v.GetValue<decimal>());
            case JsonValue v when key == "type" && v.GetValueKind() == JsonValueKind.String:
                return JsonValue.Create(v.GetValue<string>().ToLowerInvariant());
            default:
                return node?.DeepClone();
        }
    }

    private static string CamelCase(string name)
    {
        if (!name.Contains('_', StringComparison.Ordinal) || name.StartsWith('@')) return name;
        var parts = name.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
