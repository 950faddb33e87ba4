using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlmAbstraction.Providers.Gemini;

/// <summary>
/// Converts a JSON Schema to the OpenAPI 3.0 subset Gemini accepts for <c>parameters</c> and <c>responseSchema</c>:
/// <c>$ref</c>s inlined, <c>["T","null"]</c> and <c>anyOf [T, null]</c> turned into <c>nullable</c>, <c>const</c> into a
/// one-value <c>enum</c>, <c>oneOf</c> into <c>anyOf</c>, keywords Gemini rejects (<c>additionalProperties</c>,
/// <c>$schema</c>…) dropped. An empty object schema at the root converts to nothing (Gemini rejects it).
/// </summary>
internal static class GeminiSchemaMapper
{
    private const int MaxDepth = 64;

    private static readonly HashSet<string> Kept = new(StringComparer.Ordinal)
    {
        "type", "format", "title", "description", "nullable", "enum", "maxItems", "minItems", "properties", "required",
        "minProperties", "maxProperties", "minLength", "maxLength", "pattern", "example", "anyOf", "propertyOrdering",
        "default", "items", "minimum", "maximum",
    };

    /// <summary>The converted schema, or null when it is absent or an empty root object.</summary>
    public static JsonElement? Convert(JsonElement? schema, bool omitEmptyRootObject)
    {
        if (schema is not { ValueKind: JsonValueKind.Object } s) return null;
        var root = JsonNode.Parse(s.GetRawText())!.AsObject();
        var defs = root["$defs"] as JsonObject ?? root["definitions"] as JsonObject;
        var converted = ConvertNode(root, defs, 0);
        if (omitEmptyRootObject && IsEmptyObject(converted)) return null;
        using var doc = JsonDocument.Parse(converted.ToJsonString());
        return doc.RootElement.Clone();
    }

    private static bool IsEmptyObject(JsonObject o)
        => o["type"]?.GetValue<string>() is "object" or "OBJECT" && o["properties"] is not JsonObject { Count: > 0 } && o["anyOf"] is null;

    private static JsonObject ConvertNode(JsonObject node, JsonObject? defs, int depth)
    {
        if (depth > MaxDepth) throw new BadRequestException("The JSON schema is nested too deeply (or recursive through $ref), which Gemini cannot express.");
        if (node["$ref"]?.GetValue<string>() is { } reference) return ConvertNode(Resolve(reference, defs), defs, depth + 1);
        if (node["allOf"] is JsonArray { Count: 1 } allOf && allOf[0] is JsonObject single)
        {
            var merged = ConvertNode(single, defs, depth + 1);
            foreach (var (k, v) in node) if (k is "description" or "title" && v is not null) merged[k] = v.DeepClone();
            return merged;
        }

        var result = new JsonObject();
        foreach (var (key, value) in node)
        {
            if (value is null) continue;
            switch (key)
            {
                case "type" when value is JsonArray types:
                    var nonNull = types.Select(t => t?.GetValue<string>()).Where(t => t is not null and not "null").ToList();
                    if (nonNull.Count > 0) result["type"] = nonNull[0];
                    if (nonNull.Count < types.Count) result["nullable"] = true;
                    break;
                case "const":
                    result["enum"] = new JsonArray(value.DeepClone());
                    break;
                case "properties" when value is JsonObject props:
                    var converted = new JsonObject();
                    foreach (var (name, sub) in props)
                        converted[name] = sub is JsonObject o ? ConvertNode(o, defs, depth + 1) : sub?.DeepClone();
                    result["properties"] = converted;
                    break;
                case "items" when value is JsonObject items:
                    result["items"] = ConvertNode(items, defs, depth + 1);
                    break;
                case "anyOf" or "oneOf" when value is JsonArray options:
                    AddAnyOf(result, options, defs, depth);
                    break;
                default:
                    if (Kept.Contains(key) && !result.ContainsKey(key)) result[key] = value.DeepClone();
                    break;
            }
        }
        return result;
    }

    private static void AddAnyOf(JsonObject result, JsonArray options, JsonObject? defs, int depth)
    {
        var kept = new List<JsonObject>();
        var nullable = false;
        foreach (var option in options)
        {
            if (option is not JsonObject o) continue;
            if (o["type"]?.GetValueKind() == JsonValueKind.String && o["type"]!.GetValue<string>() == "null") { nullable = true; continue; }
            kept.Add(ConvertNode(o, defs, depth + 1));
        }
        if (kept.Count == 1)
            foreach (var (k, v) in kept[0]) { if (!result.ContainsKey(k)) result[k] = v?.DeepClone(); }
        else if (kept.Count > 1)
            result["anyOf"] = new JsonArray([.. kept]);
        if (nullable) result["nullable"] = true;
    }

    private static JsonObject Resolve(string reference, JsonObject? defs)
    {
        var name = reference.StartsWith("#/$defs/", StringComparison.Ordinal) ? reference["#/$defs/".Length..]
            : reference.StartsWith("#/definitions/", StringComparison.Ordinal) ? reference["#/definitions/".Length..]
            : null;
        if (name is null || defs?[name] is not JsonObject target)
            throw new BadRequestException($"The JSON schema reference '{reference}' cannot be resolved; Gemini needs schemas with local $defs only.");
        return target;
    }
}
