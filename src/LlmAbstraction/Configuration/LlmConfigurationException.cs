namespace LlmAbstraction.Configuration;

/// <summary>Thrown when a configuration has errors; lists every one of them (paths and variable names, never secrets).</summary>
public sealed class LlmConfigurationException : Exception
{
    /// <summary>Creates the exception from the errors found.</summary>
    /// <param name="errors">Every error; must not be empty.</param>
    public LlmConfigurationException(IReadOnlyList<LlmConfigurationDiagnostic> errors)
        : base(BuildMessage(errors))
    {
        Errors = errors;
    }

    /// <summary>Every error found.</summary>
    public IReadOnlyList<LlmConfigurationDiagnostic> Errors { get; }

    private static string BuildMessage(IReadOnlyList<LlmConfigurationDiagnostic> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return $"The LLM configuration has {errors.Count} error(s):{Environment.NewLine}" +
            string.Join(Environment.NewLine, errors.Select(e => "  - " + e));
    }
}
