using System.Text.Json.Nodes;

namespace LlmAbstraction.Tests.TestSupport;

/// <summary>Semantic JSON comparison: key order and whitespace ignored; null-valued properties treated as absent.</summary>
public static class JsonAssert
{
    public static void AreEquivalent(string expected, string actual)
    {
        var e = Normalize(JsonNode.Parse(expected));
        var a = Normalize(JsonNode.Parse(actual));
        if (!JsonNode.DeepEquals(e, a))
            Assert.Fail($"JSON differs.\nExpected: {e?.ToJsonString()}\nActual:   {a?.ToJsonString()}");
    }

    private static JsonNode? Normalize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (k, v) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                    if (v is not null) result[k] = Normalize(v);
                return result;
            case JsonArray arr:
                var list = new JsonArray();
                foreach (var v in arr) list.Add(Normalize(v));
                return list;
            default:
                return node?.DeepClone();
        }
    }
}
