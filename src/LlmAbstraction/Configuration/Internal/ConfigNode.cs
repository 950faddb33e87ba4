namespace LlmAbstraction.Configuration;

/// <summary>A source-neutral configuration tree: what YAML and IConfiguration both become before binding.</summary>
internal abstract class ConfigNode;

/// <summary>A scalar. <see cref="IsPlain"/> is false for quoted YAML scalars, which are always strings.</summary>
internal sealed class ConfigScalar(string? text, bool isPlain) : ConfigNode
{
    public string? Text { get; } = text;

    public bool IsPlain { get; } = isPlain;

    /// <summary>True for YAML null (<c>~</c>, <c>null</c>, empty) and missing IConfiguration values.</summary>
    public bool IsNull => Text is null || (IsPlain && YamlScalars.IsNull(Text));
}

internal sealed class ConfigSequence(IReadOnlyList<ConfigNode> items) : ConfigNode
{
    public IReadOnlyList<ConfigNode> Items { get; } = items;
}

/// <summary>A mapping with keys in source order (duplicates already collapsed, last value wins).</summary>
internal sealed class ConfigMapping(IReadOnlyList<KeyValuePair<string, ConfigNode>> entries) : ConfigNode
{
    public IReadOnlyList<KeyValuePair<string, ConfigNode>> Entries { get; } = entries;

    public ConfigNode? Get(string key)
    {
        foreach (var entry in Entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                return entry.Value;
            }
        }

        return null;
    }
}
