namespace LlmAbstraction.Configuration;

/// <summary>
/// One finding of a configuration load or validation. <see cref="Message"/> names the key path and, for
/// <c>os.environ/NAME</c> references, the variable name; it never contains a secret or an environment value.
/// </summary>
/// <param name="Severity">Whether the finding makes the configuration invalid.</param>
/// <param name="Kind">What kind of problem it is.</param>
/// <param name="Path">Key path in LiteLLM spelling, e.g. <c>model_list[2].litellm_params.rpm</c>; empty for the document.</param>
/// <param name="Message">Human-readable description.</param>
public sealed record LlmConfigurationDiagnostic(
    LlmConfigurationSeverity Severity,
    LlmConfigurationDiagnosticKind Kind,
    string Path,
    string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{(Severity == LlmConfigurationSeverity.Error ? "error" : "warning")} {(Path.Length == 0 ? "(document)" : Path)}: {Message}";
}
