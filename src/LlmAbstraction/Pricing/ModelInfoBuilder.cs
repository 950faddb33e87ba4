using System.Collections.Concurrent;
using System.Globalization;

namespace LlmAbstraction.Pricing;

/// <summary>
/// Turns LiteLLM price-map fields into a <see cref="ModelInfo"/>. The one place that knows what each
/// field means: the compact catalogue and LiteLLM JSON are both read through it. Unknown fields are ignored.
/// </summary>
internal sealed class ModelInfoBuilder
{
    /// <summary>Sets one field from its textual value.</summary>
    public delegate void Setter(ModelInfoBuilder builder, string value);

    private static readonly ConcurrentDictionary<string, Setter?> Setters = new(StringComparer.Ordinal);

    private ModelInfo _info;
    private int? _maxTokens;
    private SortedDictionary<int, LongContextTier>? _tiers;
    private Dictionary<string, ServiceTierPrices>? _serviceTiers;
    private ModelCapabilities _caps;

    /// <summary>Starts empty, or from <paramref name="start"/> (its fields are kept unless set).</summary>
    public ModelInfoBuilder(ModelInfo? start = null)
    {
        _info = start ?? new ModelInfo { Key = "" };
        _caps = _info.Capabilities;
        if (_info.LongContextTiers.Count > 0) _tiers = new(_info.LongContextTiers.ToDictionary(t => t.ThresholdTokens));
        if (_info.ServiceTiers.Count > 0) _serviceTiers = new(_info.ServiceTiers, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The setter for a field, or <see langword="null"/> when the field is not one the library reads.</summary>
    public static Setter? Resolve(string field) => Setters.GetOrAdd(field, static f => Create(f));

    /// <summary>Applies one field; unknown fields are ignored.</summary>
    /// <exception cref="FormatException">A known field has a value that is not a number (or flag).</exception>
    public void Set(string field, string value) => Resolve(field)?.Invoke(this, value);

    public ModelInfo Build(string key) => _info with
    {
        Key = key,
        MaxOutputTokens = _info.MaxOutputTokens ?? (_info.Mode is "embedding" ? null : _maxTokens),
        Capabilities = _caps,
        LongContextTiers = _tiers is null ? [] : _tiers.Values.Reverse().ToArray(),
        ServiceTiers = _serviceTiers is null ? _info.ServiceTiers : new Dictionary<string, ServiceTierPrices>(_serviceTiers, StringComparer.OrdinalIgnoreCase),
    };

    private static Setter? Create(string field)
    {
        switch (field)
        {
            case "litellm_provider": return static (b, v) => b._info = b._info with { Provider = v };
            case "mode": return static (b, v) => b._info = b._info with { Mode = v };
            case "max_input_tokens": return static (b, v) => b._info = b._info with { MaxInputTokens = Int(v) };
            case "max_output_tokens": return static (b, v) => b._info = b._info with { MaxOutputTokens = Int(v) };
            case "max_tokens": return static (b, v) => b._maxTokens = Int(v);
            case "input_cost_per_token": return static (b, v) => b._info = b._info with { InputCostPerToken = Dec(v) };
            case "output_cost_per_token": return static (b, v) => b._info = b._info with { OutputCostPerToken = Dec(v) };
            case "cache_read_input_token_cost": return static (b, v) => b._info = b._info with { CacheReadCostPerToken = Dec(v) };
            case "cache_creation_input_token_cost": return static (b, v) => b._info = b._info with { CacheWriteCostPerToken = Dec(v) };
            case "cache_creation_input_token_cost_above_1hr": return static (b, v) => b._info = b._info with { CacheWrite1hCostPerToken = Dec(v) };
            case "output_cost_per_reasoning_token": return static (b, v) => b._info = b._info with { ReasoningCostPerToken = Dec(v) };
            case "input_cost_per_audio_token": return static (b, v) => b._info = b._info with { AudioInputCostPerToken = Dec(v) };
            case "output_cost_per_audio_token": return static (b, v) => b._info = b._info with { AudioOutputCostPerToken = Dec(v) };
            case "output_cost_per_image_token": return static (b, v) => b._info = b._info with { ImageOutputCostPerToken = Dec(v) };
            case "input_cost_per_image": return static (b, v) => b._info = b._info with { InputCostPerImage = Dec(v) };
            case "output_cost_per_image": return static (b, v) => b._info = b._info with { OutputCostPerImage = Dec(v) };
            case "input_cost_per_character": return static (b, v) => b._info = b._info with { InputCostPerCharacter = Dec(v) };
            case "output_cost_per_character": return static (b, v) => b._info = b._info with { OutputCostPerCharacter = Dec(v) };
            case "input_cost_per_second": return static (b, v) => b._info = b._info with { InputCostPerSecond = Dec(v) };
            case "output_cost_per_second": return static (b, v) => b._info = b._info with { OutputCostPerSecond = Dec(v) };
        }
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

    internal static decimal Dec(string v)
        => decimal.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d
            : throw new FormatException($"'{Truncate(v)}' is not a number.");

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
