namespace LlmAbstraction.Pricing;

/// <summary>
/// The pricing rules, applied the same way to every provider. Token buckets are disjoint, so nothing is
/// billed twice: uncached input = prompt − cache reads − cache writes (− audio when audio has its own price);
/// text output = completion − reasoning (− audio when priced apart).
/// <list type="bullet">
/// <item>Long context: when the prompt (cached tokens included) is strictly above a tier's threshold, that
/// tier's prices apply to the whole request; prices the tier does not state stay at base. The one-hour
/// cache-write price is not tiered unless the tier states one.</item>
/// <item>A missing cache-read or cache-write price falls back to the input price (never free); a missing
/// one-hour write price falls back to the 5-minute one; a missing reasoning price to the output price
/// (Gemini thinking is billed as output); audio without an audio price is billed as text.</item>
/// <item>Service tier (<c>flex</c>, <c>priority</c>): its prices apply where stated, below a long-context tier.</item>
/// <item>Entries without token prices are priced per second (with a duration), per character or per image
/// when those are stated and consumed; otherwise the price is unknown.</item>
/// </list>
/// </summary>
internal static class CostRules
{
    public static CostResult Price(ModelInfo m, TokenQuantities q)
    {
        if (!m.HasTokenPrices) return PriceWithoutTokenPrices(m, q);

        var tier = SelectTier(m, q.PromptTokens);
        ServiceTierPrices? service = null;
        if (q.ServiceTier is { Length: > 0 } st) m.ServiceTiers.TryGetValue(st, out service);

        var input = tier?.InputCostPerToken ?? service?.InputCostPerToken ?? m.InputCostPerToken ?? 0m;
        var output = tier?.OutputCostPerToken ?? service?.OutputCostPerToken ?? m.OutputCostPerToken ?? m.ImageOutputCostPerToken ?? 0m;
        var cacheRead = tier?.CacheReadCostPerToken ?? service?.CacheReadCostPerToken ?? m.CacheReadCostPerToken ?? input;
        var cacheWrite = tier?.CacheWriteCostPerToken ?? m.CacheWriteCostPerToken ?? input;
        var cacheWrite1h = tier?.CacheWrite1hCostPerToken ?? m.CacheWrite1hCostPerToken ?? cacheWrite;

        var cached = Math.Max(0, q.CachedTokens);
        var written = Math.Max(0, q.CacheWriteTokens);
        var written1h = Math.Clamp(q.CacheWrite1hTokens, 0, written);
        var audioIn = m.AudioInputCostPerToken is null ? 0 : Math.Max(0, q.AudioInputTokens);
        var uncached = Math.Max(0L, (long)q.PromptTokens - cached - written - audioIn);

        var reasoning = Math.Max(0, q.ReasoningTokens);
        var audioOut = m.AudioOutputCostPerToken is null ? 0 : Math.Max(0, q.AudioOutputTokens);
        var textOut = Math.Max(0L, (long)q.CompletionTokens - reasoning - audioOut);

        var other = audioIn * (m.AudioInputCostPerToken ?? 0m) + audioOut * (m.AudioOutputCostPerToken ?? 0m) + Extras(m, q);
        var breakdown = new CostBreakdown
        {
            Input = uncached * input,
            CacheRead = cached * cacheRead,
            CacheWrite = (written - written1h) * cacheWrite + written1h * cacheWrite1h,
            Output = textOut * output,
            Reasoning = reasoning * (m.ReasoningCostPerToken ?? output),
            Other = other,
            LongContextThreshold = tier?.ThresholdTokens,
            ServiceTier = service is null ? null : q.ServiceTier,
        };
        return CostResult.Known(m, breakdown);
    }

    private static LongContextTier? SelectTier(ModelInfo m, int promptTokens)
    {
        foreach (var tier in m.LongContextTiers) // highest threshold first
            if (promptTokens > tier.ThresholdTokens) return tier;
        return null;
    }

    private static decimal Extras(ModelInfo m, TokenQuantities q)
        => q.InputImages * (m.InputCostPerImage ?? 0m) + q.OutputImages * (m.OutputCostPerImage ?? 0m)
           + q.InputCharacters * (m.InputCostPerCharacter ?? 0m) + q.OutputCharacters * (m.OutputCostPerCharacter ?? 0m);

    private static CostResult PriceWithoutTokenPrices(ModelInfo m, TokenQuantities q)
    {
        var priced = false;
        decimal other = 0;
        if (q.Duration is { } d && (m.InputCostPerSecond is not null || m.OutputCostPerSecond is not null))
        {
            var seconds = (decimal)d.Ticks / TimeSpan.TicksPerSecond;
            other += seconds * ((m.InputCostPerSecond ?? 0m) + (m.OutputCostPerSecond ?? 0m));
            priced = true;
        }
        if ((q.InputImages > 0 && m.InputCostPerImage is not null) || (q.OutputImages > 0 && m.OutputCostPerImage is not null)
            || (q.InputCharacters > 0 && m.InputCostPerCharacter is not null) || (q.OutputCharacters > 0 && m.OutputCostPerCharacter is not null))
        {
            other += Extras(m, q);
            priced = true;
        }
        return priced
            ? CostResult.Known(m, new CostBreakdown { Other = other })
            : CostResult.Unknown(UnknownPriceReason.NoPrice, $"The catalogue entry '{m.Key}' has no per-token price, and nothing it prices otherwise (seconds, images, characters) was reported.", m);
    }
}
