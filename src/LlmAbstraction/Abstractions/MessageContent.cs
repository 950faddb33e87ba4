using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmAbstraction;

/// <summary>Message content: either plain text or a list of parts. Serializes as a JSON string or array.</summary>
[JsonConverter(typeof(MessageContentConverter))]
public sealed class MessageContent
{
    /// <summary>Text content.</summary>
    public MessageContent(string text) => Text = text ?? throw new ArgumentNullException(nameof(text));

    /// <summary>Content made of parts.</summary>
    public MessageContent(IList<ContentPart> parts) => Parts = parts ?? throw new ArgumentNullException(nameof(parts));

    /// <summary>The text, when the content is plain text.</summary>
    public string? Text { get; }

    /// <summary>The parts, when the content is a list.</summary>
    public IList<ContentPart>? Parts { get; }

    /// <summary>All text: the plain text, or the text parts joined.</summary>
    public string GetText()
    {
        if (Text is not null) return Text;
        if (Parts is null || Parts.Count == 0) return "";
        if (Parts.Count == 1) return Parts[0].Text ?? "";
        var sb = new StringBuilder();
        foreach (var p in Parts)
            if (p.Text is not null) sb.Append(p.Text);
        return sb.ToString();
    }

    /// <summary>Plain text content.</summary>
    public static implicit operator MessageContent?(string? text) => text is null ? null : new MessageContent(text);

    /// <inheritdoc/>
    public override string ToString() => GetText();
}

internal sealed class MessageContentConverter : JsonConverter<MessageContent>
{
    public override MessageContent? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null: return null;
            case JsonTokenType.String: return new MessageContent(reader.GetString()!);
            case JsonTokenType.StartArray:
                var parts = JsonSerializer.Deserialize(ref reader, LlmJsonContext.Default.ListContentPart) ?? [];
                return new MessageContent(parts);
            default: throw new JsonException($"Message content must be a string or an array, not {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, MessageContent value, JsonSerializerOptions options)
    {
        if (value.Text is not null) writer.WriteStringValue(value.Text);
        else JsonSerializer.Serialize(writer, value.Parts, LlmJsonContext.Default.IListContentPart);
    }
}

internal sealed class StringOrArrayConverter : JsonConverter<IList<string>>
{
    public override IList<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType == JsonTokenType.String) return [reader.GetString()!];
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("Expected a string or an array of strings.");
        var list = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            list.Add(reader.GetString() ?? throw new JsonException("Null in a string array."));
        return list;
    }

    public override void Write(Utf8JsonWriter writer, IList<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var s in value) writer.WriteStringValue(s);
        writer.WriteEndArray();
    }
}
