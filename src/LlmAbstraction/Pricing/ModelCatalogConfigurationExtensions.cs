using Microsoft.Extensions.Configuration;

namespace LlmAbstraction.Pricing;

/// <summary>Registers catalogue entries from configuration.</summary>
public static class ModelCatalogConfigurationExtensions
{
    /// <summary>
    /// Registers one entry per child of <paramref name="section"/>, with LiteLLM field names:
    /// <code>
    /// "ModelPrices": {
    ///   "azure/my-deployment": { "base_model": "azure/gpt-4o", "input_cost_per_token": "2e-06" },
    ///   "my-host/llama-3-70b": { "input_cost_per_token": 0.0000006, "output_cost_per_token": 0.0000008 }
    /// }
    /// </code>
    /// A child may give its name in a <c>model</c> field instead (for names containing <c>:</c>, which
    /// configuration keys cannot hold). See <see cref="ModelCatalog.Register(string, IEnumerable{KeyValuePair{string, string}})"/>.
    /// </summary>
    /// <returns>How many entries were registered.</returns>
    /// <exception cref="ArgumentException">A base model is unknown or a value is not a number.</exception>
    public static int RegisterFromConfiguration(this ModelCatalog catalog, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(section);
        var count = 0;
        foreach (var child in section.GetChildren())
        {
            var fields = child.GetChildren().Where(c => c.Value is not null).Select(c => new KeyValuePair<string, string?>(c.Key, c.Value)).ToList();
            var name = fields.FirstOrDefault(f => string.Equals(f.Key, "model", StringComparison.OrdinalIgnoreCase)).Value ?? child.Key;
            catalog.Register(name, fields);
            count++;
        }
        return count;
    }
}
