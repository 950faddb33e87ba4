using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace LlmAbstraction.Configuration;

/// <summary>
/// Reads YAML into a <see cref="ConfigNode"/> tree from the parser's event stream (no reflection), with PyYAML's
/// tolerance: anchors/aliases, <c>&lt;&lt;</c> merge keys, duplicate keys (last wins, reported as a warning).
/// </summary>
internal sealed class YamlConfigReader
{
    private const int MaxDepth = 64;
    private readonly IParser _parser;
    private readonly DiagnosticBag _diagnostics;
    private readonly Dictionary<string, ConfigNode> _anchors = new(StringComparer.Ordinal);

    private YamlConfigReader(TextReader reader, DiagnosticBag diagnostics)
    {
        _parser = new Parser(reader);
        _diagnostics = diagnostics;
    }

    /// <summary>Returns the first document's root, or null (with an error) when the text is not valid YAML.</summary>
    public static ConfigNode? Read(TextReader reader, DiagnosticBag diagnostics)
    {
        try
        {
            return new YamlConfigReader(reader, diagnostics).ReadDocument();
        }
        catch (YamlException ex)
        {
            var message = ex.Message;
            var cut = message.IndexOf("): ", StringComparison.Ordinal);
            message = cut >= 0 ? message[(cut + 3)..] : message;
            diagnostics.Error(LlmConfigurationDiagnosticKind.SyntaxError, "",
                $"YAML syntax error at line {ex.Start.Line}, column {ex.Start.Column}: {message}");
            return null;
        }
    }

    private ConfigNode? ReadDocument()
    {
        _parser.Consume<StreamStart>();
        if (!_parser.TryConsume<DocumentStart>(out _))
        {
            return null; // empty stream
        }

        return ReadNode("", 0);
    }

    private ConfigNode ReadNode(string path, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new YamlException(_parser.Current!.Start, _parser.Current.End, "nesting is deeper than 64 levels");
        }

        if (_parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (_anchors.TryGetValue(alias.Value.Value, out var target))
            {
                return target;
            }

            _diagnostics.Error(LlmConfigurationDiagnosticKind.SyntaxError, path, $"alias *{alias.Value.Value} refers to no anchor defined before it");
            return new ConfigScalar(null, isPlain: true);
        }

        if (_parser.TryConsume<Scalar>(out var scalar))
        {
            var plain = scalar.Style == ScalarStyle.Plain && (scalar.Tag.IsEmpty || scalar.Tag.Value == "!");
            return Remember(scalar.Anchor, new ConfigScalar(scalar.Value, plain));
        }

        if (_parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var items = new List<ConfigNode>();
            while (!_parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(ReadNode(ConfigPath.Index(path, items.Count), depth + 1));
            }

            return Remember(sequenceStart.Anchor, new ConfigSequence(items));
        }

        var mappingStart = _parser.Consume<MappingStart>();
        return Remember(mappingStart.Anchor, ReadMapping(path, depth));
    }

    private ConfigMapping ReadMapping(string path, int depth)
    {
        var entries = new List<KeyValuePair<string, ConfigNode>>();
        var merges = new List<ConfigMapping>();
        while (!_parser.TryConsume<MappingEnd>(out _))
        {
            var keyNode = ReadNode(path, depth + 1);
            if (keyNode is not ConfigScalar { Text: { } key } keyScalar)
            {
                _diagnostics.Error(LlmConfigurationDiagnosticKind.InvalidValue, path, "a mapping key must be a scalar");
                ReadNode(path, depth + 1);
                continue;
            }

            var value = ReadNode(ConfigPath.Key(path, key), depth + 1);
            if (key == "<<" && keyScalar.IsPlain)
            {
                CollectMerge(path, value, merges);
                continue;
            }

            var existing = entries.FindIndex(e => e.Key == key);
            if (existing >= 0)
            {
                _diagnostics.Warn(LlmConfigurationDiagnosticKind.DuplicateKey, ConfigPath.Key(path, key), "key appears more than once; the last value is used");
                entries.RemoveAt(existing);
            }

            entries.Add(new(key, value));
        }

        // Merge keys: explicit keys win; among merged mappings the first one listed wins.
        foreach (var merged in merges)
        {
            foreach (var entry in merged.Entries)
            {
                if (entries.FindIndex(e => e.Key == entry.Key) < 0)
                {
                    entries.Add(entry);
                }
            }
        }

        return new ConfigMapping(entries);
    }

    private void CollectMerge(string path, ConfigNode value, List<ConfigMapping> merges)
    {
        switch (value)
        {
            case ConfigMapping mapping:
                merges.Add(mapping);
                break;
            case ConfigSequence sequence when sequence.Items.All(i => i is ConfigMapping):
                merges.AddRange(sequence.Items.Cast<ConfigMapping>());
                break;
            default:
                _diagnostics.Error(LlmConfigurationDiagnosticKind.InvalidValue, ConfigPath.Key(path, "<<"), "a merge key must refer to a mapping or a list of mappings");
                break;
        }
    }

    private ConfigNode Remember(AnchorName anchor, ConfigNode node)
    {
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = node;
        }

        return node;
    }
}
