namespace LlmAbstraction.Configuration;

/// <summary>
/// A LiteLLM-compatible configuration: what a <c>litellm_config.yaml</c> or an appsettings section with the same
/// snake_case keys describes. Load it with <see cref="LiteLlmConfigLoader"/>.
/// </summary>
public sealed class LlmConfiguration
{
    /// <summary><c>model_list</c>: every deployment, in file order.</summary>
    /// <value>Default empty.</value>
    public IReadOnlyList<DeploymentConfig> ModelList { get; init; } = [];

    /// <summary><c>router_settings</c>, with LiteLLM's fallbacks to <c>litellm_settings</c> applied.</summary>
    /// <value>Default: LiteLLM's router defaults.</value>
    public RouterSettings RouterSettings { get; init; } = new();

    /// <summary><c>litellm_settings</c>.</summary>
    /// <value>Default: LiteLLM's defaults.</value>
    public LiteLlmSettings LiteLlmSettings { get; init; } = new();

    /// <summary><c>general_settings</c> (proxy-only; kept, not used).</summary>
    /// <value>Default empty.</value>
    public GeneralSettings GeneralSettings { get; init; } = new();

    /// <summary>
    /// <c>environment_variables</c>. They resolve this file's <c>os.environ/NAME</c> references before the process
    /// environment is consulted; they are not exported to the process.
    /// </summary>
    /// <value>Default empty.</value>
    public IReadOnlyDictionary<string, SecretValue> EnvironmentVariables { get; init; } = new Dictionary<string, SecretValue>();

    /// <summary>The distinct model group names, in first-appearance order.</summary>
    public IReadOnlyList<string> ModelGroups => ModelList.Select(d => d.ModelName).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The deployments of one model group (exact name match), in file order.</summary>
    /// <param name="modelGroup">The <c>model_name</c>.</param>
    /// <returns>The deployments; empty when none.</returns>
    public IReadOnlyList<DeploymentConfig> GetDeployments(string modelGroup)
    {
        ArgumentNullException.ThrowIfNull(modelGroup);
        return ModelList.Where(d => string.Equals(d.ModelName, modelGroup, StringComparison.Ordinal)).ToList();
    }
}
