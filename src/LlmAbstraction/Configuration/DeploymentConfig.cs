using System.Text.Json;

namespace LlmAbstraction.Configuration;

/// <summary>One <c>model_list</c> entry: a deployment serving the model group <see cref="ModelName"/>.</summary>
public sealed class DeploymentConfig
{
    /// <summary><c>model_name</c>: the group name callers use; may be a wildcard such as <c>anthropic/*</c> or <c>*</c>.</summary>
    /// <value>Default empty (invalid).</value>
    public string ModelName { get; init; } = "";

    /// <summary><c>litellm_params</c>.</summary>
    /// <value>Default: an empty parameter set.</value>
    public LiteLlmParams LiteLlmParams { get; init; } = new();

    /// <summary><c>model_info</c>.</summary>
    /// <value>Default: an empty model info.</value>
    public DeploymentModelInfo ModelInfo { get; init; } = new();

    /// <summary>Unknown deployment-level keys, as written.</summary>
    /// <value>Default empty.</value>
    public IReadOnlyDictionary<string, JsonElement> Extra { get; init; } = EmptyExtra.Instance;

    /// <summary>True when <see cref="ModelName"/> contains <c>*</c> and so matches many requested names.</summary>
    public bool IsWildcard => ModelName.Contains('*', StringComparison.Ordinal);

    /// <summary>Group and model, never credentials.</summary>
    /// <returns>E.g. <c>claude-primary -&gt; anthropic/claude-sonnet-4-6</c>.</returns>
    public override string ToString() => $"{ModelName} -> {LiteLlmParams.Model}";
}
