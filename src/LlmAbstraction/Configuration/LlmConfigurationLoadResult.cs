namespace LlmAbstraction.Configuration;

/// <summary>The outcome of a load: the configuration (best effort when there are errors) and every finding.</summary>
public sealed class LlmConfigurationLoadResult
{
    internal LlmConfigurationLoadResult(LlmConfiguration configuration, IReadOnlyList<LlmConfigurationDiagnostic> diagnostics)
    {
        Configuration = configuration;
        Errors = diagnostics.Where(d => d.Severity == LlmConfigurationSeverity.Error).ToList();
        Warnings = diagnostics.Where(d => d.Severity == LlmConfigurationSeverity.Warning).ToList();
    }

    /// <summary>The configuration. When <see cref="IsValid"/> is false it is incomplete and must not be used to route.</summary>
    public LlmConfiguration Configuration { get; }

    /// <summary>Problems that make the configuration unusable.</summary>
    public IReadOnlyList<LlmConfigurationDiagnostic> Errors { get; }

    /// <summary>Tolerated oddities: unknown keys, LiteLLM keys without effect here, duplicate keys, unknown fallback groups.</summary>
    public IReadOnlyList<LlmConfigurationDiagnostic> Warnings { get; }

    /// <summary>True when there are no errors.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>Returns the configuration, or throws one exception listing every error.</summary>
    /// <returns>The valid configuration.</returns>
    /// <exception cref="LlmConfigurationException">There is at least one error.</exception>
    public LlmConfiguration ThrowIfInvalid() => IsValid ? Configuration : throw new LlmConfigurationException(Errors);
}
