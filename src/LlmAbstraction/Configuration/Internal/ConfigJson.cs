using System.Text.Json;

namespace LlmAbstraction.Configuration;

/// <summary>Converts a node into an immutable <see cref="JsonElement"/> (plain scalars typed as YAML 1.1, env refs resolved).</summary>
internal static class ConfigJson
{
    public static JsonElement ToElement(ConfigNode node, string path, BindContext context, bool strict)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, node, path, context, strict);
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    private static void Write(Utf8JsonWriter writer, ConfigNode node, string path, BindContext context, bool strict)
    {
        switch (node)
        {
            case ConfigMapping mapping:
                writer.WriteStartObject();
                foreach (var entry in mapping.Entries)
                {
                    writer.WritePropertyName(entry.Key);
                    Write(writer, entry.Value, ConfigPath.Key(path, entry.Key), context, strict);
                }

                writer.WriteEndObject();
                break;
            case ConfigSequence sequence:
                writer.WriteStartArray();
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    Write(writer, sequence.Items[i], ConfigPath.Index(path, i), context, strict);
                }

                writer.WriteEndArray();
                break;
            case ConfigScalar scalar:
                WriteScalar(writer, context.Resolve(scalar, path, strict));
                break;
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, ResolvedScalar value)
    {
        if (value.Text is null)
        {
            writer.WriteNullValue();
        }
        else if (!value.IsPlain)
        {
            writer.WriteStringValue(value.Text);
        }
        else if (YamlScalars.TryBool(value.Text, out var b))
        {
            writer.WriteBooleanValue(b);
        }
        else if (YamlScalars.TryLong(value.Text, out var l))
        {
            writer.WriteNumberValue(l);
        }
        else if (YamlScalars.TryDouble(value.Text, out var d) && value.Text.Contains('.', StringComparison.Ordinal))
        {
            writer.WriteNumberValue(d);
        }
        else
        {
            writer.WriteStringValue(value.Text);
        }
    }
}
