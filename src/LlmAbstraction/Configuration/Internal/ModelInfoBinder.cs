namespace LlmAbstraction.Configuration;

internal static class ModelInfoBinder
{
    public static DeploymentModelInfo Bind(MappingReader m)
    {
        var supports = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var key in m.Keys.Where(k => k.StartsWith("supports_", StringComparison.Ordinal)).ToList())
        {
            if (m.Bool(key) is { } flag)
            {
                supports[key] = flag;
            }
        }

        return new DeploymentModelInfo
        {
            Id = m.String("id"),
            BaseModel = m.String("base_model"),
            Mode = m.String("mode"),
            MaxTokens = m.Int("max_tokens", 1),
            MaxInputTokens = m.Int("max_input_tokens", 1),
            MaxOutputTokens = m.Int("max_output_tokens", 1),
            InputCostPerToken = m.Decimal("input_cost_per_token"),
            OutputCostPerToken = m.Decimal("output_cost_per_token"),
            InputCostPerSecond = m.Decimal("input_cost_per_second"),
            OutputCostPerSecond = m.Decimal("output_cost_per_second"),
            CacheCreationInputTokenCost = m.Decimal("cache_creation_input_token_cost"),
            CacheReadInputTokenCost = m.Decimal("cache_read_input_token_cost"),
            Supports = supports,
            Extra = m.Rest(), // model_info is free-form in LiteLLM: no warnings
        };
    }
}
