namespace LlmAbstraction.Pricing;

/// <summary>
/// Reads the compact catalogue written by <c>scripts/GenerateModelCatalog.cs</c>: comment lines
/// (<c>#</c>), one field dictionary line (<c>F\tfield\tfield…</c>), then one line per model
/// (<c>key\tindex=value\t…</c>).
/// </summary>
internal static class CompactCatalogReader
{
    public const string ResourceName = "LlmAbstraction.Pricing.model-catalog.tsv";

    /// <summary>The built-in table, indexed; entries are parsed on first lookup.</summary>
    public static EntryTable IndexEmbedded()
    {
        using var reader = OpenEmbedded();
        return EntryTable.IndexCompact(reader);
    }

    /// <summary>The built-in table, every entry parsed (validation and tests).</summary>
    public static Dictionary<string, ModelInfo> ReadEmbedded()
    {
        using var reader = OpenEmbedded();
        return Read(reader);
    }

    public static Dictionary<string, ModelInfo> Read(TextReader reader)
    {
        var result = new Dictionary<string, ModelInfo>(4096, StringComparer.OrdinalIgnoreCase);
        ModelInfoBuilder.Setter?[]? fields = null;
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#') continue;
            if (line.StartsWith("F\t", StringComparison.Ordinal)) { fields = ResolveFields(line); continue; }
            if (fields is null) throw new FormatException($"Model catalogue line {lineNumber}: an entry before the field dictionary.");
            var info = ParseEntry(line, fields, lineNumber);
            result[info.Key] = info;
        }
        return result;
    }

    public static ModelInfoBuilder.Setter?[] ResolveFields(string header)
    {
        var names = header.Split('\t');
        var fields = new ModelInfoBuilder.Setter?[names.Length - 1];
        for (var i = 1; i < names.Length; i++) fields[i - 1] = ModelInfoBuilder.Resolve(names[i]);
        return fields;
    }

    public static ModelInfo ParseEntry(string line, ModelInfoBuilder.Setter?[] fields, int lineNumber)
    {
        var parts = line.Split('\t');
        var builder = new ModelInfoBuilder();
        for (var i = 1; i < parts.Length; i++)
        {
            var part = parts[i];
            var eq = part.IndexOf('=');
            if (eq <= 0 || !int.TryParse(part.AsSpan(0, eq), out var index) || (uint)index >= (uint)fields.Length)
                throw new FormatException($"Model catalogue line {lineNumber}: malformed field '{part}'.");
            fields[index]?.Invoke(builder, part[(eq + 1)..]);
        }
        return builder.Build(parts[0]);
    }

    private static StreamReader OpenEmbedded()
    {
        var stream = typeof(CompactCatalogReader).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The built-in model catalogue resource '{ResourceName}' is missing from the assembly.");
        return new StreamReader(stream);
    }
}
