using System.Text.Json;

namespace LlmAbstraction.Configuration;

/// <summary>LiteLLM proxy <c>general_settings</c>: kept for completeness, not used by LlmAbstraction.</summary>
public sealed class GeneralSettings
{
    /// <summary><c>master_key</c>.</summary>
    /// <value>Default null.</value>
    public SecretValue? MasterKey { get; init; }

    /// <summary><c>database_url</c> (a connection string, so kept secret).</summary>
    /// <value>Default null.</value>
    public SecretValue? DatabaseUrl { get; init; }

    /// <summary>Every other key, as written (os.environ references resolved).</summary>
    /// <value>Default empty.</value>
    public IReadOnlyDictionary<string, JsonElement> Extra { get; init; } = EmptyExtra.Instance;
}
