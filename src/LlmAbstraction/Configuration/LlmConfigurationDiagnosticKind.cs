namespace LlmAbstraction.Configuration;

/// <summary>The kind of a <see cref="LlmConfigurationDiagnostic"/>.</summary>
public enum LlmConfigurationDiagnosticKind
{
    /// <summary>The YAML text could not be parsed.</summary>
    SyntaxError,

    /// <summary>A key that is not a LiteLLM key at that place (a typo, or a key of another tool).</summary>
    UnknownKey,

    /// <summary>A LiteLLM key that is read and kept but has no effect in LlmAbstraction.</summary>
    NotImplemented,

    /// <summary>A value of the wrong type or out of range.</summary>
    InvalidValue,

    /// <summary>A required key is absent or empty.</summary>
    MissingRequired,

    /// <summary>An <c>os.environ/NAME</c> reference whose variable is not set.</summary>
    UnresolvedEnvironmentVariable,

    /// <summary>A mapping key given twice; as in PyYAML the last value wins.</summary>
    DuplicateKey,

    /// <summary>A fallback or alias names a model group that no deployment serves.</summary>
    UnknownModelGroup,

    /// <summary>A legacy spelling that is accepted and mapped to its current meaning.</summary>
    Deprecated,
}
