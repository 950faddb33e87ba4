using System.Text.Json;

namespace LlmAbstraction.Configuration;

/// <summary>A deployment's LiteLLM <c>model_info</c>: identity, limits, prices and capability flags.</summary>
public sealed class DeploymentModelInfo
{
    /// <summary><c>id</c>: unique deployment id.</summary>
    /// <value>Default null (the router derives one).</value>
    public string? Id { get; init; }

    /// <summary><c>base_model</c>: the price-map model to use for cost and limits (e.g. for Azure deployments).</summary>
    /// <value>Default null.</value>
    public string? BaseModel { get; init; }

    /// <summary><c>mode</c>: <c>chat</c>, <c>embedding</c>, <c>image_generation</c>, ...</summary>
    /// <value>Default null (chat).</value>
    public string? Mode { get; init; }

    /// <summary><c>max_tokens</c> (legacy: maximum output tokens).</summary>
    /// <value>Default null.</value>
    public int? MaxTokens { get; init; }

    /// <summary><c>max_input_tokens</c>: context window, used by pre-call checks.</summary>
    /// <value>Default null.</value>
    public int? MaxInputTokens { get; init; }

    /// <summary><c>max_output_tokens</c>.</summary>
    /// <value>Default null.</value>
    public int? MaxOutputTokens { get; init; }

    /// <summary><c>input_cost_per_token</c> in USD.</summary>
    /// <value>Default null.</value>
    public decimal? InputCostPerToken { get; init; }

    /// <summary><c>output_cost_per_token</c> in USD.</summary>
    /// <value>Default null.</value>
    public decimal? OutputCostPerToken { get; init; }

    /// <summary><c>input_cost_per_second</c> in USD.</summary>
    /// <value>Default null.</value>
    public decimal? InputCostPerSecond { get; init; }

    /// <summary><c>output_cost_per_second</c> in USD.</summary>
    /// <value>Default null.</value>
    public decimal? OutputCostPerSecond { get; init; }

    /// <summary><c>cache_creation_input_token_cost</c> in USD per token.</summary>
    /// <value>Default null.</value>
    public decimal? CacheCreationInputTokenCost { get; init; }

    /// <summary><c>cache_read_input_token_cost</c> in USD per token.</summary>
    /// <value>Default null.</value>
    public decimal? CacheReadInputTokenCost { get; init; }

    /// <summary>Every <c>supports_*</c> flag, keyed by its full name (e.g. <c>supports_vision</c>).</summary>
    /// <value>Default empty.</value>
    public IReadOnlyDictionary<string, bool> Supports { get; init; } = new Dictionary<string, bool>();

    /// <summary>Every other key (e.g. <c>description</c>), as written.</summary>
    /// <value>Default empty.</value>
    public IReadOnlyDictionary<string, JsonElement> Extra { get; init; } = EmptyExtra.Instance;
}
