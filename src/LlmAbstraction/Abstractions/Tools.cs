using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmAbstraction;

/// <summary>A tool the model may call (<c>{"type":"function","function":{…}}</c>).</summary>
public sealed class ToolDefinition
{
    /// <summary>Always <c>function</c> today.</summary>
    public string Type { get; set; } = "function";

    /// <summary>The function.</summary>
    public FunctionDefinition Function { get; set; } = new();

    /// <summary>Prompt-caching marker (Anthropic).</summary>
    public CacheControl? CacheControl { get; set; }

    /// <summary>A function tool.</summary>
    public static ToolDefinition ForFunction(string name, string? description, JsonElement? parameters, bool? strict = null)
        => new() { Function = new FunctionDefinition { Name = name, Description = description, Parameters = parameters, Strict = strict } };
}

/// <summary>A function's name, description and JSON-schema parameters.</summary>
public sealed class FunctionDefinition
{
    /// <summary>The function name.</summary>
    public string Name { get; set; } = "";
    /// <summary>What the function does.</summary>
    public string? Description { get; set; }
    /// <summary>The JSON schema of the arguments.</summary>
    public JsonElement? Parameters { get; set; }
    /// <summary>Strict schema adherence (OpenAI).</summary>
    public bool? Strict { get; set; }
}

/// <summary>A tool call made by the assistant.</summary>
public sealed class ToolCall
{
    /// <summary>The call id, echoed by the tool result.</summary>
    public string Id { get; set; } = "";
    /// <summary>Always <c>function</c> today.</summary>
    public string Type { get; set; } = "function";
    /// <summary>The function and its JSON-encoded arguments.</summary>
    public FunctionCall Function { get; set; } = new();
    /// <summary>
    /// Provider data that must travel with the call and be sent back verbatim on the next turn
    /// (e.g. Gemini's <c>thought_signature</c>). Serialized as <c>provider_specific_fields</c>.
    /// </summary>
    public IDictionary<string, JsonElement>? ProviderSpecificFields { get; set; }
}

/// <summary>A function call: name and arguments as a JSON string.</summary>
public sealed class FunctionCall
{
    /// <summary>The function name.</summary>
    public string? Name { get; set; }
    /// <summary>The arguments as a JSON string (<c>"{}"</c> when there are none).</summary>
    public string? Arguments { get; set; }
}

/// <summary>How the model picks tools: <c>none</c>, <c>auto</c>, <c>required</c> or one named function.</summary>
[JsonConverter(typeof(ToolChoiceConverter))]
public sealed class ToolChoice
{
    private ToolChoice(string mode, string? functionName) { Mode = mode; FunctionName = functionName; }

    /// <summary><c>none</c>, <c>auto</c>, <c>required</c> or <c>function</c>.</summary>
    public string Mode { get; }

    /// <summary>The forced function's name when <see cref="Mode"/> is <c>function</c>.</summary>
    public string? FunctionName { get; }

    /// <summary>The model must not call tools.</summary>
    public static ToolChoice None { get; } = new("none", null);
    /// <summary>The model decides.</summary>
    public static ToolChoice Auto { get; } = new("auto", null);
    /// <summary>The model must call at least one tool.</summary>
    public static ToolChoice Required { get; } = new("required", null);
    /// <summary>The model must call this function.</summary>
    public static ToolChoice Function(string name) => new("function", name ?? throw new ArgumentNullException(nameof(name)));

    internal static ToolChoice FromMode(string mode) => mode switch
    {
        "none" => None,
        "auto" => Auto,
        "required" => Required,
        _ => throw new JsonException($"Unknown tool_choice '{mode}'. Expected none, auto, required or an object."),
    };
}

internal sealed class ToolChoiceConverter : JsonConverter<ToolChoice>
{
    public override ToolChoice? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType == JsonTokenType.String) return ToolChoice.FromMode(reader.GetString()!);
        using var doc = JsonDocument.ParseValue(ref reader);
        if (doc.RootElement.TryGetProperty("function", out var fn) && fn.TryGetProperty("name", out var name) && name.GetString() is { } n)
            return ToolChoice.Function(n);
        throw new JsonException("tool_choice object must be {\"type\":\"function\",\"function\":{\"name\":…}}.");
    }

    public override void Write(Utf8JsonWriter writer, ToolChoice value, JsonSerializerOptions options)
    {
        if (value.FunctionName is null) { writer.WriteStringValue(value.Mode); return; }
        writer.WriteStartObject();
        writer.WriteString("type", "function");
        writer.WriteStartObject("function");
        writer.WriteString("name", value.FunctionName);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
