using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmAbstraction;

/// <summary>
/// Reads a string property whose value repeats from one object to the next (a stream's id, model, object type and
/// fingerprint are the same in every chunk): when the JSON value equals the last one read, that instance is returned
/// instead of a new string. Values are compared, never assumed; one instance per property, safe across threads.
/// </summary>
internal sealed class RepeatedStringConverter : JsonConverter<string>
{
    private const int MaxCachedLength = 128;
    private string? _last;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException($"Expected a string, not {reader.TokenType}.");
        var last = Volatile.Read(ref _last);
        if (last is not null && reader.ValueTextEquals(last)) return last;
        var value = reader.GetString()!;
        if (value.Length <= MaxCachedLength) Volatile.Write(ref _last, value);
        return value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
