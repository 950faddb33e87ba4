using System.Text.Json;

namespace LlmAbstraction.Configuration;

/// <summary>
/// Typed, tolerant reads from one mapping, recording which keys were used so the rest can be reported and kept.
/// Numbers and booleans are accepted as strings ("6379", "True", "200_000"); a wrong type is an error at its path.
/// </summary>
internal sealed class MappingReader
{
    private readonly ConfigMapping _mapping;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public MappingReader(ConfigNode? node, string path, BindContext context, bool strict)
    {
        Path = path;
        Context = context;
        Strict = strict;
        if (node is ConfigMapping mapping)
        {
            _mapping = mapping;
            return;
        }

        _mapping = new ConfigMapping([]);
        if (node is not null && node is not ConfigScalar { IsNull: true })
        {
            context.Diagnostics.Error(LlmConfigurationDiagnosticKind.InvalidValue, path, "expected a mapping of keys to values");
        }
    }

    public string Path { get; }

    public BindContext Context { get; }

    public bool Strict { get; }

    public IEnumerable<string> Keys => _mapping.Entries.Select(e => e.Key);

    public bool Has(string key) => _mapping.Get(key) is { } node && node is not ConfigScalar { IsNull: true };

    public string KeyPath(string key) => ConfigPath.Key(Path, key);

    /// <summary>Returns the node (null when absent or YAML null) and marks the key as used.</summary>
    public ConfigNode? Node(string key)
    {
        _used.Add(key);
        var node = _mapping.Get(key);
        return node is ConfigScalar { IsNull: true } ? null : node;
    }

    public ResolvedScalar? Scalar(string key)
    {
        var node = Node(key);
        if (node is null)
        {
            return null;
        }

        if (node is not ConfigScalar scalar)
        {
            Context.Diagnostics.Error(LlmConfigurationDiagnosticKind.InvalidValue, KeyPath(key), "expected a single value, found a list or mapping");
            return null;
        }

        var resolved = Context.Resolve(scalar, KeyPath(key), Strict);
        return resolved.Text is null ? null : resolved;
    }

    public string? String(string key) => Scalar(key)?.Text;

    public SecretValue? Secret(string key)
    {
        var value = Scalar(key);
        if (value is not { Text: { } text })
        {
            return null;
        }

        return value.Value.Variable is { } name ? SecretValue.FromEnvironment(name, text) : SecretValue.FromLiteral(text);
    }

    public bool? Bool(string key)
    {
        if (Scalar(key) is not { Text: { } text } value)
        {
            return null;
        }

        if (YamlScalars.TryBool(text, out var result))
        {
            return result;
        }

        Invalid(key, $"{value.Describe(false)} is not a boolean (true/false)");
        return null;
    }

    public long? Long(string key, long min)
    {
        if (Scalar(key) is not { Text: { } text } value)
        {
            return null;
        }

        long result;
        if (!YamlScalars.TryLong(text, out result))
        {
            if (!YamlScalars.TryDouble(text, out var d) || d != Math.Floor(d) || Math.Abs(d) > long.MaxValue / 2)
            {
                Invalid(key, $"{value.Describe(false)} is not an integer");
                return null;
            }

            result = (long)d;
        }

        return CheckMin(key, result, min, value) ? result : null;
    }

    public int? Int(string key, int min) => Long(key, min) is { } l ? (int)Math.Clamp(l, int.MinValue, int.MaxValue) : null;

    public double? Double(string key, double min, double max = double.MaxValue)
    {
        if (Scalar(key) is not { Text: { } text } value)
        {
            return null;
        }

        if (!YamlScalars.TryDouble(text, out var result))
        {
            Invalid(key, $"{value.Describe(false)} is not a number");
            return null;
        }

        if (result < min || result > max)
        {
            Invalid(key, max == double.MaxValue ? $"must be at least {min}" : $"must be between {min} and {max}");
            return null;
        }

        return result;
    }

    public decimal? Decimal(string key)
    {
        if (Scalar(key) is not { Text: { } text } value)
        {
            return null;
        }

        if (!YamlScalars.TryDecimal(text, out var result))
        {
            Invalid(key, $"{value.Describe(false)} is not a number");
            return null;
        }

        if (result < 0)
        {
            Invalid(key, "must not be negative");
            return null;
        }

        return result;
    }

    /// <summary>Seconds as a number (fractions allowed). <paramref name="positive"/> rejects zero.</summary>
    public TimeSpan? Seconds(string key, bool positive)
    {
        var seconds = Double(key, 0);
        if (seconds is null)
        {
            return null;
        }

        if (positive && seconds == 0)
        {
            Invalid(key, "must be greater than 0 seconds");
            return null;
        }

        return TimeSpan.FromSeconds(Math.Min(seconds.Value, TimeSpan.MaxValue.TotalSeconds / 2));
    }

    /// <summary>A list of strings; a single string is accepted as a one-item list.</summary>
    public IReadOnlyList<string> StringList(string key)
    {
        var node = Node(key);
        switch (node)
        {
            case null:
                return [];
            case ConfigScalar scalar:
                return Context.Resolve(scalar, KeyPath(key), Strict).Text is { } single ? [single] : [];
            case ConfigSequence sequence:
                var list = new List<string>();
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    var itemPath = ConfigPath.Index(KeyPath(key), i);
                    if (sequence.Items[i] is ConfigScalar item && Context.Resolve(item, itemPath, Strict).Text is { } text)
                    {
                        list.Add(text);
                    }
                    else if (sequence.Items[i] is not ConfigScalar)
                    {
                        Context.Diagnostics.Error(LlmConfigurationDiagnosticKind.InvalidValue, itemPath, "expected a string");
                    }
                }

                return list;
            default:
                Invalid(key, "expected a list of strings");
                return [];
        }
    }

    /// <summary>
    /// Keeps every unused key as JSON. Keys in <paramref name="ignored"/> get a NotImplemented warning; other unused
    /// keys get an UnknownKey warning when <paramref name="known"/> is given (with a "did you mean" hint).
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement> Rest(IReadOnlySet<string>? ignored = null, IReadOnlyCollection<string>? known = null)
    {
        var extra = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var entry in _mapping.Entries)
        {
            if (_used.Contains(entry.Key))
            {
                continue;
            }

            var path = KeyPath(entry.Key);
            if (ignored?.Contains(entry.Key) == true)
            {
                Context.Diagnostics.Warn(LlmConfigurationDiagnosticKind.NotImplemented, path, "LiteLLM key is kept but has no effect in LlmAbstraction");
            }
            else if (known is not null)
            {
                var hint = KeySuggestion.Find(entry.Key, known.Concat(ignored ?? new HashSet<string>()));
                Context.Diagnostics.Warn(LlmConfigurationDiagnosticKind.UnknownKey, path,
                    hint is null ? "unknown key; it is kept but ignored" : $"unknown key; it is kept but ignored (did you mean '{hint}'?)");
            }

            extra[entry.Key] = ConfigJson.ToElement(entry.Value, path, Context, Strict);
        }

        return extra;
    }

    public void Invalid(string key, string message) =>
        Context.Diagnostics.Error(LlmConfigurationDiagnosticKind.InvalidValue, KeyPath(key), message);

    private bool CheckMin(string key, long value, long min, ResolvedScalar source)
    {
        if (value >= min)
        {
            return true;
        }

        Invalid(key, $"{(source.Variable is null ? value.ToString(System.Globalization.CultureInfo.InvariantCulture) : source.Describe(false))} is out of range; must be at least {min}");
        return false;
    }
}
