using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlmAbstraction.Providers.Gemini;

/// <summary>
/// Rebuilds the arguments of a function call streamed as <c>partialArgs</c> (<c>streamFunctionCallArguments</c>):
/// each fragment names a JSON path (<c>$.recipe.steps[1]</c>) and a value; string values arrive in pieces and are appended.
/// </summary>
internal sealed class GeminiPartialArgs
{
    private readonly JsonObject _root = [];

    public void Apply(GeminiPartialArg arg)
    {
        if (arg.JsonPath is not { Length: > 0 } path) return;
        var segments = Parse(path);
        if (segments.Count == 0) return;
        JsonNode container = _root;
        for (var i = 0; i < segments.Count - 1; i++)
            container = Child(container, segments[i], segments[i + 1] is int);
        var last = segments[^1];
        var existing = Get(container, last);
        JsonNode? value;
        if (arg.StringValue is { } s)
            value = existing is JsonValue v && v.GetValueKind() == JsonValueKind.String ? JsonValue.Create(v.GetValue<string>() + s) : JsonValue.Create(s);
        else if (arg.NumberValue is { } n) value = JsonNode.Parse(n.GetRawText());
        else if (arg.BoolValue is { } b) value = JsonValue.Create(b);
        else value = null;
        Set(container, last, value);
    }

    public string ToJson() => _root.ToJsonString();

    private static JsonNode Child(JsonNode container, object segment, bool nextIsIndex)
    {
        if (Get(container, segment) is { } existing) return existing;
        JsonNode created = nextIsIndex ? new JsonArray() : new JsonObject();
        Set(container, segment, created);
        return created;
    }

    private static JsonNode? Get(JsonNode container, object segment) => (container, segment) switch
    {
        (JsonObject o, string name) => o[name],
        (JsonArray a, int index) => index < a.Count ? a[index] : null,
        _ => throw Malformed(),
    };

    private static void Set(JsonNode container, object segment, JsonNode? value)
    {
        switch (container, segment)
        {
            case (JsonObject o, string name):
                o[name] = value;
                break;
            case (JsonArray a, int index):
                while (a.Count < index) a.Add(null);
                if (index < a.Count) a[index] = value;
                else a.Add(value);
                break;
            default:
                throw Malformed();
        }
    }

    private static List<object> Parse(string path)
    {
        if (!path.StartsWith('$')) throw Malformed();
        var segments = new List<object>();
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var start = ++i;
                while (i < path.Length && path[i] is not ('.' or '[')) i++;
                segments.Add(path[start..i]);
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] is '\'' or '"')
            {
                var quote = path[i + 1];
                var end = path.IndexOf(quote, i + 2);
                if (end < 0) throw Malformed();
                segments.Add(path[(i + 2)..end]);
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0 || !int.TryParse(path.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index)) throw Malformed();
                segments.Add(index);
                i = end + 1;
            }
            else throw Malformed();
        }
        return segments;
    }

    private static ApiConnectionException Malformed()
        => new("Gemini streamed function-call arguments with a JSON path this client cannot follow.", new LlmErrorDetails { Provider = "gemini", ErrorCode = "malformed_stream" });
}
