namespace LlmAbstraction.Pricing;

/// <summary>
/// Prices calls offline from a <see cref="ModelCatalog"/>. Unknown models give a <see cref="CostResult"/>
/// saying why, never an exception, unless <c>strict</c> is asked for. See <see cref="CostRules"/> for the rules.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class CostCalculator
{
    private static readonly Lazy<CostCalculator> DefaultCalculator = new(() => new CostCalculator(ModelCatalog.Default));

    /// <summary>Prices with <paramref name="catalog"/>.</summary>
    public CostCalculator(ModelCatalog catalog) => Catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));

    /// <summary>The calculator over <see cref="ModelCatalog.Default"/>.</summary>
    public static CostCalculator Default => DefaultCalculator.Value;

    /// <summary>The catalogue used.</summary>
    public ModelCatalog Catalog { get; }

    /// <summary>The cost of a chat completion, from its usage, provider and model (see <see cref="ResponseDetails"/>).</summary>
    /// <exception cref="ModelPriceUnknownException">With <paramref name="strict"/>, when the cost is unknown.</exception>
    public CostResult CompletionCost(ChatCompletionResponse response, bool strict = false)
    {
        ArgumentNullException.ThrowIfNull(response);
        return Strict(Price(response.Details, response.Model, response.Usage, response.ServiceTier, null), strict);
    }

    /// <summary>The cost of a stream, from its final chunk (the one carrying usage and details).</summary>
    /// <exception cref="ModelPriceUnknownException">With <paramref name="strict"/>, when the cost is unknown.</exception>
    public CostResult CompletionCost(ChatCompletionChunk finalChunk, bool strict = false)
    {
        ArgumentNullException.ThrowIfNull(finalChunk);
        return Strict(Price(finalChunk.Details, finalChunk.Model, finalChunk.Usage, finalChunk.ServiceTier, null), strict);
    }

    /// <summary>The cost of an embeddings call.</summary>
    /// <exception cref="ModelPriceUnknownException">With <paramref name="strict"/>, when the cost is unknown.</exception>
    public CostResult EmbeddingCost(EmbeddingResponse response, bool strict = false)
    {
        ArgumentNullException.ThrowIfNull(response);
        return Strict(Price(response.Details, response.Model, response.Usage, null, null), strict);
    }

    /// <summary>The cost of the given quantities on a provider's model (<paramref name="provider"/> may be <see langword="null"/>).</summary>
    /// <exception cref="ModelPriceUnknownException">With <paramref name="strict"/>, when the cost is unknown.</exception>
    public CostResult CostPerToken(string? provider, string model, TokenQuantities quantities, bool strict = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(quantities);
        var info = Catalog.Find(provider, model);
        var result = info is null ? UnknownModel(provider, model, null) : CostRules.Price(info, quantities);
        return Strict(result, strict);
    }

    /// <summary>The cost of the given quantities at the prices of <paramref name="model"/>.</summary>
    public static CostResult CostPerToken(ModelInfo model, TokenQuantities quantities)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(quantities);
        return CostRules.Price(model, quantities);
    }

    internal CostResult Price(ResponseDetails? details, string? responseModel, Usage? usage, string? serviceTier, TimeSpan? duration)
    {
        var provider = details?.Provider;
        var model = details?.Model is { Length: > 0 } m ? m : responseModel;
        var requested = details?.RequestedModel;
        var info = ResolveModel(provider, model, requested);
        if (info is null) return UnknownModel(provider, model, requested);
        if (usage is null) return CostResult.Unknown(UnknownPriceReason.NoUsage, "The response carries no token usage.", info);
        return CostRules.Price(info, TokenQuantities.FromUsage(usage, serviceTier, duration));
    }

    // A registration for the requested name (a deployment with base_model or its own prices) wins; then the
    // model the provider reported; then the requested name.
    // The mock provider is priced as the model the caller asked for.
    private ModelInfo? ResolveModel(string? provider, string? model, string? requested)
    {
        if (requested is { Length: > 0 } && Catalog.FindRegistered(requested) is { } registered) return registered;
        if (string.Equals(provider, "mock", StringComparison.OrdinalIgnoreCase))
            return requested is { Length: > 0 } ? Catalog.Find(null, requested) : null;
        if (model is { Length: > 0 } && Catalog.Find(provider, model) is { } reported) return reported;
        return requested is { Length: > 0 } ? Catalog.Find(provider, requested) : null;
    }

    private static CostResult UnknownModel(string? provider, string? model, string? requested)
        => CostResult.Unknown(UnknownPriceReason.UnknownModel,
            $"The model catalogue has no price for model '{model ?? requested ?? "(none)"}' of provider '{provider ?? "(unknown)"}'"
            + (requested is not null && requested != model ? $" (requested as '{requested}')" : "") + ". Register it with ModelCatalog.Register.");

    private static CostResult Strict(CostResult result, bool strict)
    {
        if (strict && !result.IsKnown) result.GetValueOrThrow();
        return result;
    }
}
