using System.Globalization;

namespace LlmAbstraction.Configuration;

/// <summary>
/// YAML 1.1 plain-scalar resolution as PyYAML (which LiteLLM uses) does it: <c>yes/on/True</c> are booleans,
/// <c>200_000</c> is an integer. Timestamps are deliberately left as strings (<c>api_version: 2024-12-01-preview</c>).
/// </summary>
internal static class YamlScalars
{
    private static readonly HashSet<string> Nulls = new(StringComparer.Ordinal) { "", "~", "null", "Null", "NULL" };
    private static readonly HashSet<string> Trues = new(StringComparer.Ordinal) { "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON" };
    private static readonly HashSet<string> Falses = new(StringComparer.Ordinal) { "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF" };

    public static bool IsNull(string text) => Nulls.Contains(text);

    public static bool TryBool(string text, out bool value)
    {
        value = Trues.Contains(text.Trim());
        return value || Falses.Contains(text.Trim());
    }

    public static bool TryLong(string text, out long value)
    {
        var t = Normalize(text);
        return long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryDouble(string text, out double value)
    {
        var t = Normalize(text);
        value = 0;
        if (t.Length == 0 || !(char.IsAsciiDigit(t[^1]) || t[^1] == '.'))
        {
            return false; // rejects "Infinity", "NaN" and other .NET-only spellings
        }

        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    public static bool TryDecimal(string text, out decimal value)
    {
        var t = Normalize(text);
        return decimal.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Underscores are digit separators in YAML 1.1 numbers; surrounding blanks are ignored.</summary>
    private static string Normalize(string text)
    {
        var t = text.Trim();
        return t.Contains('_', StringComparison.Ordinal) && t.Length > 0 && t[0] != '_' ? t.Replace("_", "", StringComparison.Ordinal) : t;
    }
}
