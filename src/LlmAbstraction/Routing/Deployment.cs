namespace LlmAbstraction.Routing;

/// <summary>
/// One deployment of a model group: a model string plus where and how to call it (key, endpoint, version),
/// its limits (rpm, tpm, context window), its share and priority (weight, order) and its price.
/// Deployments sharing <see cref="ModelGroup"/> are load-balanced by the router. Immutable.
/// </summary>
/// <remarks><see cref="ToString"/> never shows <see cref="ApiKey"/>.</remarks>
public sealed class Deployment
{
    /// <summary>Unique id (LiteLLM <c>model_info.id</c>); used in state-store keys, errors and <see cref="ResponseDetails.Deployment"/>. Never a secret.</summary>
    public required string Id { get; init; }

    /// <summary>The group name callers use (LiteLLM <c>model_name</c>).</summary>
    public required string ModelGroup { get; init; }

    /// <summary>The model string sent to the provider pipeline, e.g. <c>anthropic/claude-sonnet-4-6</c>.</summary>
    public required string Model { get; init; }

    /// <summary>The API key (or an <c>os.environ/NAME</c> reference) for this deployment; null uses the provider's configured key.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The endpoint; null uses the provider's configured one.</summary>
    public string? ApiBase { get; init; }

    /// <summary>The API version (Azure); null uses the provider's configured one.</summary>
    public string? ApiVersion { get; init; }

    /// <summary>Requests-per-minute limit; null is unlimited. Also a simple-shuffle weight.</summary>
    public int? Rpm { get; init; }

    /// <summary>Tokens-per-minute limit; null is unlimited. Also a simple-shuffle weight.</summary>
    public long? Tpm { get; init; }

    /// <summary>Relative share for simple-shuffle; null counts as 0 when other deployments have weights.</summary>
    public double? Weight { get; init; }

    /// <summary>Priority tier: only the lowest order with an available deployment is used; null is the last tier.</summary>
    public int? Order { get; init; }

    /// <summary>Time allowed for one call to this deployment; null uses the client's timeouts.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The context window in tokens (LiteLLM <c>model_info.max_input_tokens</c>); null is unknown (never skipped).</summary>
    public int? MaxInputTokens { get; init; }

    /// <summary>USD per input token for cost-based routing; null asks the price source.</summary>
    public decimal? InputCostPerToken { get; init; }

    /// <summary>USD per output token for cost-based routing; null asks the price source.</summary>
    public decimal? OutputCostPerToken { get; init; }

    /// <summary>Extra headers sent with every call to this deployment.</summary>
    public IReadOnlyDictionary<string, string>? ExtraHeaders { get; init; }

    /// <summary>Group, id and model; never the key.</summary>
    public override string ToString() => $"{ModelGroup}/{Id} -> {Model}";
}
