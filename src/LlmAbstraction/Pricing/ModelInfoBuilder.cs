using System.Collections.Concurrent;
using System.Globalization;

namespace LlmAbstraction.Pricing;

/// <summary>
/// Turns LiteLLM price-map fields into a <see cref="ModelInfo"/>. The one place that knows what each
/// field means: the compact catalogue and LiteLLM JSON are both read through it. Unknown fields are ignored.
/// </summary>
/// <remarks>Mutable and allocation-light: the built-in table (about 30,000 fields) is read through it on first use.</remarks>
internal sealed class ModelInfoBuilder
{
    /// <summary>Sets one field from its textual value.</summary>
    public delegate void Setter(ModelInfoBuilder builder, string value);

    private enum P { Input, Output, CacheRead, CacheWrite, CacheWrite1h, Reasoning, AudioIn, AudioOut, ImageOutToken, InImage, OutImage, InChar, OutChar, InSecond, OutSecond, Count }

    private static readonly ConcurrentDictionary<string, Setter?> Setters = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, P> PriceFields = new(StringComparer.Ordinal)
    {
        ["input_cost_per_token"] = P.Input,
        ["output_cost_per_token"] = P.Output,
        ["cache_read_input_token_cost"] = P.CacheRead,
        ["cache_creation_input_token_cost"] = P.CacheWrite,
        ["cache_creation_input_token_cost_above_1hr"] = P.CacheWrite1h,
        ["output_cost_per_reasoning_token"] = P.Reasoning,
        ["input_cost_per_audio_token"] = P.AudioIn,
        ["output_cost_per_audio_token"] = P.AudioOut,
        ["output_cost_per_image_token"] = P.ImageOutToken,
        ["input_cost_per_image"] = P.InImage,
        ["output_cost_per_image"] = P.OutImage,
        ["input_cost_per_character"] = P.InChar,
        ["output_cost_per_character"] = P.OutChar,
        ["input_cost_per_second"] = P.InSecond,
        ["output_cost_per_second"] = P.OutSecond,
    };

    private readonly decimal?[] _prices = new decimal?[(int)P.Count];
    private readonly ModelInfo? _start;
    private string? _provider, _mode;
    private int? _maxInput, _maxOutput, _maxTokens;
    private ModelCapabilities _caps;
    private SortedDictionary<int, LongContextTier>? _tiers;
    private Dictionary<string, ServiceTierPrices>? _serviceTiers;

    /// <summary>Starts empty, or from <paramref name="start"/> (its fields are kept unless set).</summary>
    public ModelInfoBuilder(ModelInfo? start = null)
    {
        _start = start;
        if (start is null) return;
        _caps = start.Capabilities;
        if (start.LongContextTiers.Count > 0) _tiers = new(start.LongContextTiers.ToDictionary(t => t.ThresholdTokens));
        if (start.ServiceTiers.Count > 0) _serviceTiers = new(start.ServiceTiers, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The setter for a field, or <see langword="null"/> when the field is not one the library reads.</summary>
    public static Setter? Resolve(string field) => Setters.GetOrAdd(field, static f => Create(f));

    /// <summary>Applies one field; unknown fields are ignored.</summary>
    /// <exception cref="FormatException">A known field has a value that is not a number (or flag).</exception>
    public void Set(string field, string value) => Resolve(field)?.Invoke(this, value);

    public ModelInfo Build(string key)
    {
        var s = _start;
        var mode = _mode ?? s?.Mode;
        var tiers = _tiers is null ? [] : new LongContextTier[_tiers.Count];
        if (_tiers is not null) { var i = tiers.Length; foreach (var t in _tiers.Values) tiers[--i] = t; } // highest first
        return new ModelInfo
        {
            Key = key,
            Provider = _provider ?? s?.Provider,
            Mode = mode,
            MaxInputTokens = _maxInput ?? s?.MaxInputTokens,
            MaxOutputTokens = _maxOutput ?? s?.MaxOutputTokens ?? (mode is "embedding" ? null : _maxTokens),
            Capabilities = _caps,
            InputCostPerToken = Get(P.Input) ?? s?.InputCostPerToken,
            OutputCostPerToken = Get(P.Output) ?? s?.OutputCostPerToken,
            CacheReadCostPerToken = Get(P.CacheRead) ?? s?.CacheReadCostPerToken,
            CacheWriteCostPerToken = Get(P.CacheWrite) ?? s?.CacheWriteCostPerToken,
            CacheWrite1hCostPerToken = Get(P.CacheWrite1h) ?? s?.CacheWrite1hCostPerToken,
            ReasoningCostPerToken = Get(P.Reasoning) ?? s?.ReasoningCostPerToken,
            AudioInputCostPerToken = Get(P.AudioIn) ?? s?.AudioInputCostPerToken,
            AudioOutputCostPerToken = Get(P.AudioOut) ?? s?.AudioOutputCostPerToken,
            ImageOutputCostPerToken = Get(P.ImageOutToken) ?? s?.ImageOutputCostPerToken,
            InputCostPerImage = Get(P.InImage) ?? s?.InputCostPerImage,
            OutputCostPerImage = Get(P.OutImage) ?? s?.OutputCostPerImage,
            InputCostPerCharacter = Get(P.InChar) ?? s?.InputCostPerCharacter,
            OutputCostPerCharacter = Get(P.OutChar) ?? s?.OutputCostPerCharacter,
            InputCostPerSecond = Get(P.InSecond) ?? s?.InputCostPerSecond,
            OutputCostPerSecond = Get(P.OutSecond) ?? s?.OutputCostPerSecond,
            LongContextTiers = tiers,
            ServiceTiers = _serviceTiers is null ? (s?.ServiceTiers ?? new ModelInfo { Key = "" }.ServiceTiers) : new Dictionary<string, ServiceTierPrices>(_serviceTiers, StringComparer.OrdinalIgnoreCase),
        };
    }

    private decimal? Get(P p) => _prices[(int)p];

    private static Setter? Create(string field)
    {
        switch (field)
        {
            case "litellm_provider": return static (b, v) => b._provider = v;
            case "mode": return static (b, v) => b._mode = v;
            case "max_input_tokens": return static (b, v) => b._maxInput = Int(v);
            case "max_output_tokens": return static (b, v) => b._maxOutput = Int(v);
            case "max_tokens": return static (b, v) => b._maxTokens = Int(v);
        }
        if (PriceFields.TryGetValue(field, out var price)) return (b, v) => b._prices[(int)price] = Dec(v);
        if (field.StartsWith("supports_", StringComparison.Ordinal))
        {
            var flag = CapabilityNames.Find(field);
            return flag == ModelCapabilities.None ? null : (b, v) => b._caps = Bool(v) ? b._caps | flag : b._caps & ~flag;
        }
        return TierSetter(field) ?? ServiceTierSetter(field);
    }

    // <base>_above_<N>k_tokens, any N.
    private static Setter? TierSetter(string field)
    {
        const string Above = "_above_", Suffix = "k_tokens";
        if (!field.EndsWith(Suffix, StringComparison.Ordinal)) return null;
        var at = field.LastIndexOf(Above, StringComparison.Ordinal);
        if (at < 0 || !int.TryParse(field.AsSpan(at + Above.Length, field.Length - at - Above.Length - Suffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var k) || k <= 0 || k > 2_000_000) return null;
        var threshold = k * 1000;
        Func<LongContextTier, decimal, LongContextTier>? apply = field[..at] switch
        {
            "input_cost_per_token" => static (t, d) => t with { InputCostPerToken = d },
            "output_cost_per_token" => static (t, d) => t with { OutputCostPerToken = d },
            "cache_read_input_token_cost" => static (t, d) => t with { CacheReadCostPerToken = d },
            "cache_creation_input_token_cost" => static (t, d) => t with { CacheWriteCostPerToken = d },
            "cache_creation_input_token_cost_above_1hr" => static (t, d) => t with { CacheWrite1hCostPerToken = d },
            _ => null,
        };
        if (apply is null) return null;
        return (b, v) =>
        {
            b._tiers ??= [];
            var tier = b._tiers.GetValueOrDefault(threshold) ?? new LongContextTier { ThresholdTokens = threshold };
            b._tiers[threshold] = apply(tier, Dec(v));
        };
    }

    // <base>_<tier> for service tiers such as flex and priority (batch prices are not a service tier).
    private static Setter? ServiceTierSetter(string field)
    {
        foreach (var (prefix, kind) in new[] { ("input_cost_per_token_", 0), ("output_cost_per_token_", 1), ("cache_read_input_token_cost_", 2) })
        {
            if (!field.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var tier = field[prefix.Length..];
            if (tier.Length == 0 || tier is "batches" || !tier.All(char.IsAsciiLetterLower)) return null;
            return (b, v) =>
            {
                b._serviceTiers ??= new(StringComparer.OrdinalIgnoreCase);
                var p = b._serviceTiers.GetValueOrDefault(tier) ?? new ServiceTierPrices();
                var d = Dec(v);
                b._serviceTiers[tier] = kind switch
                {
                    0 => p with { InputCostPerToken = d },
                    1 => p with { OutputCostPerToken = d },
                    _ => p with { CacheReadCostPerToken = d },
                };
            };
        }
        return null;
    }

    /// <summary>Parses a price exactly. Plain decimals (the compact table's form) take a fast path; anything else (<c>2.5e-06</c>) goes through <see cref="decimal.TryParse(string, NumberStyles, IFormatProvider, out decimal)"/>.</summary>
    internal static decimal Dec(string v)
    {
        if (TryParsePlain(v, out var fast)) return fast;
        return decimal.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d
            : throw new FormatException($"'{Truncate(v)}' is not a number.");
    }

    private static bool TryParsePlain(string v, out decimal value)
    {
        value = 0;
        if (v.Length is 0 or > 18) return false;
        long mantissa = 0;
        var scale = -1;
        foreach (var c in v)
        {
            if (c == '.') { if (scale >= 0) return false; scale = 0; continue; }
            if (!char.IsAsciiDigit(c)) return false;
            mantissa = mantissa * 10 + (c - '0');
            if (scale >= 0) scale++;
        }
        if (scale == 0) return false; // "5." is left to the full parser
        value = new decimal((int)(mantissa & 0xFFFFFFFF), (int)(mantissa >> 32), 0, false, (byte)Math.Max(scale, 0));
        return true;
    }

    private static int Int(string v)
    {
        var d = Dec(v);
        return d >= int.MaxValue ? int.MaxValue : d <= 0 ? 0 : (int)d;
    }

    private static bool Bool(string v) => v switch
    {
        "1" or "true" or "True" => true,
        "0" or "false" or "False" => false,
        _ => throw new FormatException($"'{Truncate(v)}' is not a boolean."),
    };

    private static string Truncate(string v) => v.Length <= 40 ? v : v[..40] + "…";
}
