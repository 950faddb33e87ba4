using System.Diagnostics.CodeAnalysis;

namespace LlmAbstraction.Pricing;

/// <summary>
/// The catalogue's entries by key (case-insensitive). The built-in table is indexed line by line and each
/// entry is parsed on its first lookup, so the first lookup does not pay for 2,500 entries. Thread-safe.
/// </summary>
internal sealed class EntryTable
{
    private readonly Dictionary<string, int> _slots;
    private readonly ModelInfo?[] _parsed;
    private readonly string[]? _lines;
    private readonly ModelInfoBuilder.Setter?[]? _fields;

    private EntryTable(Dictionary<string, int> slots, ModelInfo?[] parsed, string[]? lines, ModelInfoBuilder.Setter?[]? fields)
    {
        _slots = slots;
        _parsed = parsed;
        _lines = lines;
        _fields = fields;
    }

    public static readonly EntryTable Empty = FromEntries(new Dictionary<string, ModelInfo>());

    public static EntryTable FromEntries(IReadOnlyDictionary<string, ModelInfo> entries)
    {
        var slots = new Dictionary<string, int>(entries.Count, StringComparer.OrdinalIgnoreCase);
        var parsed = new ModelInfo?[entries.Count];
        foreach (var (key, info) in entries)
        {
            if (!slots.TryGetValue(key, out var slot)) slots[key] = slot = slots.Count;
            parsed[slot] = info;
        }
        return new EntryTable(slots, parsed, null, null);
    }

    /// <summary>Indexes a compact catalogue without parsing its entries.</summary>
    public static EntryTable IndexCompact(TextReader reader)
    {
        var lines = new List<string>(4096);
        var slots = new Dictionary<string, int>(4096, StringComparer.OrdinalIgnoreCase);
        ModelInfoBuilder.Setter?[]? fields = null;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            if (line.StartsWith("F\t", StringComparison.Ordinal)) { fields = CompactCatalogReader.ResolveFields(line); continue; }
            var tab = line.IndexOf('\t');
            var key = tab < 0 ? line : line[..tab];
            if (!slots.TryGetValue(key, out var slot)) { slots[key] = slot = lines.Count; lines.Add(line); }
            else lines[slot] = line;
        }
        if (fields is null) throw new FormatException("The model catalogue has no field dictionary line.");
        return new EntryTable(slots, new ModelInfo?[lines.Count], lines.ToArray(), fields);
    }

    public int Count => _slots.Count;

    public bool ContainsKey(string key) => _slots.ContainsKey(key);

    public bool TryGetValue(string key, [NotNullWhen(true)] out ModelInfo? info)
    {
        if (!_slots.TryGetValue(key, out var slot)) { info = null; return false; }
        info = Volatile.Read(ref _parsed[slot]);
        if (info is null)
        {
            // Benign race: two threads may parse the same line; both results are equal.
            info = CompactCatalogReader.ParseEntry(_lines![slot], _fields!, slot);
            Volatile.Write(ref _parsed[slot], info);
        }
        return true;
    }
}
