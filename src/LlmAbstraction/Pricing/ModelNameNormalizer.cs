namespace LlmAbstraction.Pricing;

/// <summary>
/// The documented name normalizations tried, in order, when a model name is not in the catalogue as
/// is. Each step only removes decoration that does not change the model (never a substring guess):
/// <list type="number">
/// <item>Gemini's <c>models/</c> resource prefix.</item>
/// <item>Fine-tune names reduced to their base: <c>ft:gpt-4o-2024-08-06:org::id</c> → <c>ft:gpt-4o-2024-08-06</c>.</item>
/// <item>Bedrock cross-region inference prefixes (<c>us.</c>, <c>eu.</c>, <c>apac.</c>, <c>global.</c>, …) and route prefixes (<c>converse/</c>, <c>invoke/</c>).</item>
/// <item>A release-date suffix: <c>-20250929</c>, <c>-2024-08-06</c>, <c>@20250929</c>.</item>
/// <item>A Google version suffix: <c>-001</c>, <c>-002</c>.</item>
/// </list>
/// </summary>
internal static class ModelNameNormalizer
{
    private static readonly string[] RegionPrefixes = ["us.", "eu.", "apac.", "global.", "jp.", "au.", "ca.", "us-gov."];
    private static readonly string[] RoutePrefixes = ["converse/", "invoke/"];

    /// <summary>The variants of <paramref name="model"/> to try after the name itself, in order, without duplicates.</summary>
    public static IEnumerable<string> Variants(string model)
    {
        var current = model;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { model };
        foreach (var step in Steps)
        {
            current = step(current);
            if (current.Length > 0 && seen.Add(current)) yield return current;
        }
    }

    private static readonly Func<string, string>[] Steps =
    [
        static m => m.StartsWith("models/", StringComparison.OrdinalIgnoreCase) ? m["models/".Length..] : m,
        static m => FineTuneBase(m),
        static m => StripPrefixes(StripPrefixes(m, RoutePrefixes), RegionPrefixes),
        static m => StripDate(m),
        static m => StripGoogleVersion(m),
    ];

    private static string FineTuneBase(string m)
    {
        if (!m.StartsWith("ft:", StringComparison.OrdinalIgnoreCase)) return m;
        var colon = m.IndexOf(':', 3);
        return colon < 0 ? m : m[..colon];
    }

    private static string StripPrefixes(string m, string[] prefixes)
    {
        foreach (var p in prefixes)
            if (m.Length > p.Length && m.StartsWith(p, StringComparison.OrdinalIgnoreCase)) return m[p.Length..];
        return m;
    }

    private static string StripDate(string m)
    {
        // -YYYYMMDD or @YYYYMMDD
        if (m.Length > 9 && m[^9] is '-' or '@' && AllDigits(m.AsSpan(m.Length - 8)) && m[^8] == '2') return m[..^9];
        // -YYYY-MM-DD
        if (m.Length > 11 && m[^11] == '-' && m[^6] == '-' && m[^3] == '-' && AllDigits(m.AsSpan(m.Length - 10, 4))
            && AllDigits(m.AsSpan(m.Length - 5, 2)) && AllDigits(m.AsSpan(m.Length - 2))) return m[..^11];
        return m;
    }

    private static string StripGoogleVersion(string m)
        => m.Length > 4 && m[^4] == '-' && m[^3] == '0' && AllDigits(m.AsSpan(m.Length - 3)) ? m[..^4] : m;

    private static bool AllDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s) if (!char.IsAsciiDigit(c)) return false;
        return s.Length > 0;
    }
}
