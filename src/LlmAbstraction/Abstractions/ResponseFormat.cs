using System.Text.Json;

namespace LlmAbstraction;

/// <summary>The requested output format: <c>text</c>, <c>json_object</c> or <c>json_schema</c>.</summary>
public sealed class ResponseFormat
{
    /// <summary><c>text</c>, <c>json_object</c> or <c>json_schema</c>.</summary>
    public string Type { get; set; } = "text";

    /// <summary>The schema when <see cref="Type"/> is <c>json_schema</c>.</summary>
    public JsonSchemaFormat? JsonSchema { get; set; }

    /// <summary>Any JSON object.</summary>
    public static ResponseFormat JsonObject { get; } = new() { Type = "json_object" };

    /// <summary>JSON matching a schema.</summary>
    public static ResponseFormat ForJsonSchema(string name, JsonElement schema, bool? strict = true, string? description = null)
        => new() { Type = "json_schema", JsonSchema = new JsonSchemaFormat { Name = name, Schema = schema, Strict = strict, Description = description } };
}

/// <summary>A named JSON schema for structured output.</summary>
public sealed class JsonSchemaFormat
{
    /// <summary>The schema's name.</summary>
    public string Name { get; set; } = "";
    /// <summary>What the schema describes.</summary>
    public string? Description { get; set; }
    /// <summary>The JSON schema.</summary>
    public JsonElement? Schema { get; set; }
    /// <summary>Strict adherence.</summary>
    public bool? Strict { get; set; }
}

/// <summary>Streaming options.</summary>
public sealed class StreamOptions
{
    /// <summary>Ask for a final chunk carrying usage (and empty choices).</summary>
    public bool? IncludeUsage { get; set; }
}
