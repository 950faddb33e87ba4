namespace LlmAbstraction.Configuration;

/// <summary>Options of <see cref="LiteLlmConfigLoader"/>.</summary>
public sealed class LiteLlmConfigLoaderOptions
{
    /// <summary>
    /// Resolves <c>os.environ/NAME</c> references (after the file's own <c>environment_variables</c>); returns null
    /// when the variable is unset. An unset variable is an error inside <c>litellm_params</c> and a warning elsewhere.
    /// </summary>
    /// <value>Default <see cref="Environment.GetEnvironmentVariable(string)"/>.</value>
    public Func<string, string?> EnvironmentVariableResolver { get; init; } = Environment.GetEnvironmentVariable;
}
