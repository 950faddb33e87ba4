namespace LlmAbstraction.Pricing;

/// <summary>
/// Reads the compact catalogue written by <c>scripts/GenerateModelCatalog.cs</c>: comment lines
/// (<c>#</c>), one field dictionary line (<c>F\tfield\tfield…</c>), then one line per model
/// (<c>key\tindex=value\t…</c>).
/// </summary>
internal static class CompactCatalogReader
{
    public const string ResourceName = "LlmAbstraction.Pricing.model-catalog.tsv";

    public static Dictionary<string, ModelInfo> ReadEmbedded()
    {
        using var stream = typeof(CompactCatalogReader).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The built-in model catalogue resource '{ResourceName}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
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
            var parts = line.Split('\t');
            if (parts[0] == "F")
            {
                fields = new ModelInfoBuilder.Setter?[parts.Length - 1];
                for (var i = 1; i < parts.Length; i++) fields[i - 1] = ModelInfoBuilder.Resolve(parts[i]);
                continue;
            }
            if (fields is null) throw new FormatException($"Model catalogue line {lineNumber}: an entry before the field dictionary.");
            var builder = new ModelInfoBuilder();
            for (var i = 1; i < parts.Length; i++)
            {
                var part = parts[i];
                var eq = part.IndexOf('=');
                if (eq <= 0 || !int.TryParse(part.AsSpan(0, eq), out var index) || (uint)index >= (uint)fields.Length)
                    throw new FormatException($"Model catalogue line {lineNumber}: malformed field '{part}'.");
                fields[index]?.Invoke(builder, part[(eq + 1)..]);
            }
            result[parts[0]] = builder.Build(parts[0]);
        }
        return result;
    }
}
