namespace LlmAbstraction.Pricing;

/// <summary>
/// One catalogue entry: a model's limits, capabilities and prices (USD, exact decimals). A
/// <see langword="null"/> price means the catalogue does not state it; <c>0</c> means free.
/// </summary>
/// <remarks>Immutable; derive a variant with a <c>with</c> expression.</remarks>
public sealed record ModelInfo
{
    /// <summary>The catalogue key (e.g. <c>gpt-4o</c>, <c>gemini/gemini-2.5-pro</c>).</summary>
    public required string Key { get; init; }
    /// <summary>LiteLLM's <c>litellm_provider</c> (e.g. <c>openai</c>, <c>vertex_ai-language-models</c>); <see langword="null"/> matches any provider.</summary>
    public string? Provider { get; init; }
    /// <summary><c>chat</c>, <c>embedding</c>, <c>completion</c>, <c>image_generation</c>, …</summary>
    public string? Mode { get; init; }
    /// <summary>The context window for input, when known.</summary>
    public int? MaxInputTokens { get; init; }
    /// <summary>The maximum output tokens, when known.</summary>
    public int? MaxOutputTokens { get; init; }
    /// <summary>The capability flags stated by the catalogue.</summary>
    public ModelCapabilities Capabilities { get; init; }

    /// <summary>USD per uncached input token.</summary>
    public decimal? InputCostPerToken { get; init; }
    /// <summary>USD per output token.</summary>
    public decimal? OutputCostPerToken { get; init; }
    /// <summary>USD per token read from the prompt cache.</summary>
    public decimal? CacheReadCostPerToken { get; init; }
    /// <summary>USD per token written to the prompt cache (5-minute lifetime, the default).</summary>
    public decimal? CacheWriteCostPerToken { get; init; }
    /// <summary>USD per token written to the prompt cache with a one-hour lifetime.</summary>
    public decimal? CacheWrite1hCostPerToken { get; init; }
    /// <summary>USD per reasoning token, when billed apart from output.</summary>
    public decimal? ReasoningCostPerToken { get; init; }
    /// <summary>USD per audio input token.</summary>
    public decimal? AudioInputCostPerToken { get; init; }
    /// <summary>USD per audio output token.</summary>
    public decimal? AudioOutputCostPerToken { get; init; }
    /// <summary>USD per image output token (image models).</summary>
    public decimal? ImageOutputCostPerToken { get; init; }
    /// <summary>USD per input image.</summary>
    public decimal? InputCostPerImage { get; init; }
    /// <summary>USD per output image.</summary>
    public decimal? OutputCostPerImage { get; init; }
    /// <summary>USD per input character (character-priced models).</summary>
    public decimal? InputCostPerCharacter { get; init; }
    /// <summary>USD per output character.</summary>
    public decimal? OutputCostPerCharacter { get; init; }
    /// <summary>USD per second of input processing (time-priced hosts).</summary>
    public decimal? InputCostPerSecond { get; init; }
    /// <summary>USD per second of output processing.</summary>
    public decimal? OutputCostPerSecond { get; init; }
    /// <summary>Long-context tiers, highest threshold first; empty when the price does not depend on length.</summary>
    public IReadOnlyList<LongContextTier> LongContextTiers { get; init; } = [];
    /// <summary>Prices per service tier (<c>flex</c>, <c>priority</c>), keyed case-insensitively.</summary>
    public IReadOnlyDictionary<string, ServiceTierPrices> ServiceTiers { get; init; } = EmptyTiers;

    /// <summary>True when the catalogue states every flag in <paramref name="capabilities"/>.</summary>
    public bool Supports(ModelCapabilities capabilities) => capabilities != ModelCapabilities.None && (Capabilities & capabilities) == capabilities;

    /// <summary>True when the entry has a per-token input or output price.</summary>
    public bool HasTokenPrices => InputCostPerToken is not null || OutputCostPerToken is not null;

    private static readonly IReadOnlyDictionary<string, ServiceTierPrices> EmptyTiers = new Dictionary<string, ServiceTierPrices>(StringComparer.OrdinalIgnoreCase);
}
