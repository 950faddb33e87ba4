namespace LlmAbstraction.Routing;

/// <summary>
/// Prices per token for cost-based routing, asked only for deployments whose configuration carries no
/// <c>input_cost_per_token</c>/<c>output_cost_per_token</c>. The default source knows no prices.
/// </summary>
public interface IModelPriceSource
{
    /// <summary>Looks up the price of <paramref name="model"/> (a <c>provider/model</c> string).</summary>
    /// <param name="model">The deployment's model string.</param>
    /// <param name="price">The price when known.</param>
    /// <returns>True when the price is known.</returns>
    bool TryGetPrice(string model, out ModelPrice price);
}

/// <summary>USD per token for input and output.</summary>
/// <param name="InputCostPerToken">USD per input token.</param>
/// <param name="OutputCostPerToken">USD per output token.</param>
public readonly record struct ModelPrice(decimal InputCostPerToken, decimal OutputCostPerToken);

/// <summary>The default price source: knows nothing.</summary>
internal sealed class NoModelPrices : IModelPriceSource
{
    public static NoModelPrices Instance { get; } = new();

    public bool TryGetPrice(string model, out ModelPrice price)
    {
        price = default;
        return false;
    }
}
