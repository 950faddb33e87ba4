namespace LlmAbstraction.Pricing;

/// <summary>Why a cost is unknown.</summary>
public enum UnknownPriceReason
{
    /// <summary>The cost is known.</summary>
    None = 0,
    /// <summary>The response carries no token usage.</summary>
    NoUsage,
    /// <summary>The catalogue has no entry for the model.</summary>
    UnknownModel,
    /// <summary>The catalogue knows the model but states no price for what was consumed.</summary>
    NoPrice,
}

/// <summary>The cost of a call, split into disjoint parts that add up to <see cref="Total"/> (USD).</summary>
public sealed record CostBreakdown
{
    /// <summary>Uncached input tokens (text, and audio when the model has no audio price).</summary>
    public decimal Input { get; init; }
    /// <summary>Tokens read from the prompt cache.</summary>
    public decimal CacheRead { get; init; }
    /// <summary>Tokens written to the prompt cache (5-minute and 1-hour).</summary>
    public decimal CacheWrite { get; init; }
    /// <summary>Output tokens other than reasoning.</summary>
    public decimal Output { get; init; }
    /// <summary>Reasoning tokens.</summary>
    public decimal Reasoning { get; init; }
    /// <summary>Everything else: audio tokens, images, characters, seconds.</summary>
    public decimal Other { get; init; }
    /// <summary>The long-context threshold whose prices applied, or <see langword="null"/>.</summary>
    public int? LongContextThreshold { get; init; }
    /// <summary>The service tier whose prices applied, or <see langword="null"/>.</summary>
    public string? ServiceTier { get; init; }
    /// <summary>The sum of the parts.</summary>
    public decimal Total => Input + CacheRead + CacheWrite + Output + Reasoning + Other;
}

/// <summary>The result of a cost calculation: a cost, or the reason there is none. Never thrown unless asked (strict mode).</summary>
public sealed class CostResult
{
    private CostResult(decimal? cost, CostBreakdown? breakdown, ModelInfo? model, UnknownPriceReason reason, string? message)
    {
        Cost = cost;
        Breakdown = breakdown;
        Model = model;
        Reason = reason;
        Message = message;
    }

    /// <summary>True when the cost is known.</summary>
    public bool IsKnown => Cost is not null;
    /// <summary>The cost in USD, or <see langword="null"/> when unknown.</summary>
    public decimal? Cost { get; }
    /// <summary>The parts of the cost, when known.</summary>
    public CostBreakdown? Breakdown { get; }
    /// <summary>The catalogue entry used, when one was found.</summary>
    public ModelInfo? Model { get; }
    /// <summary>Why the cost is unknown; <see cref="UnknownPriceReason.None"/> when known.</summary>
    public UnknownPriceReason Reason { get; }
    /// <summary>A readable explanation when the cost is unknown.</summary>
    public string? Message { get; }

    /// <summary>The cost, or throws when unknown.</summary>
    /// <exception cref="ModelPriceUnknownException">The cost is unknown.</exception>
    public decimal GetValueOrThrow() => Cost ?? throw new ModelPriceUnknownException(Reason, Message ?? "The cost is unknown.");

    internal static CostResult Known(ModelInfo model, CostBreakdown breakdown) => new(breakdown.Total, breakdown, model, UnknownPriceReason.None, null);

    internal static CostResult Unknown(UnknownPriceReason reason, string message, ModelInfo? model = null) => new(null, null, model, reason, message);

    /// <inheritdoc/>
    public override string ToString() => IsKnown ? $"${Cost} ({Model?.Key})" : $"unknown ({Reason}: {Message})";
}

/// <summary>Thrown in strict mode when a cost cannot be computed.</summary>
public sealed class ModelPriceUnknownException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public ModelPriceUnknownException(UnknownPriceReason reason, string message) : base(message) => Reason = reason;

    /// <summary>Why the cost is unknown.</summary>
    public UnknownPriceReason Reason { get; }
}
