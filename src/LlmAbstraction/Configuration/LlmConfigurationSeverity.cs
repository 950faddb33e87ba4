namespace LlmAbstraction.Configuration;

/// <summary>Severity of a <see cref="LlmConfigurationDiagnostic"/>.</summary>
public enum LlmConfigurationSeverity
{
    /// <summary>The key is tolerated; behaviour may differ from LiteLLM (e.g. ignored or unknown key).</summary>
    Warning,

    /// <summary>The configuration is invalid and must not be used.</summary>
    Error,
}
