namespace LlmAbstraction.Configuration;

/// <summary>A scalar after <c>os.environ/NAME</c> resolution. <see cref="Variable"/> is set when it came from the environment.</summary>
internal readonly record struct ResolvedScalar(string? Text, bool IsPlain, string? Variable)
{
    /// <summary>Describes the value for a message without showing env-sourced text.</summary>
    public string Describe(bool secret) =>
        Variable is not null ? $"the value of os.environ/{Variable}" : secret ? "the value" : $"'{Text}'";
}

/// <summary>Shared state of one bind: diagnostics and environment resolution.</summary>
internal sealed class BindContext(DiagnosticBag diagnostics, Func<string, string?> environment)
{
    private const string EnvPrefix = "os.environ/";
    private readonly Dictionary<string, string?> _fileVariables = new(StringComparer.Ordinal);

    public DiagnosticBag Diagnostics { get; } = diagnostics;

    /// <summary>Values from the file's <c>environment_variables</c>; they win over the process environment.</summary>
    public void AddFileVariable(string name, string? value) => _fileVariables[name] = value;

    /// <summary>Resolves <c>os.environ/NAME</c>; <paramref name="strict"/> makes an unset variable an error (litellm_params) instead of a warning.</summary>
    public ResolvedScalar Resolve(ConfigScalar scalar, string path, bool strict)
    {
        if (scalar.IsNull)
        {
            return new ResolvedScalar(null, true, null);
        }

        var text = scalar.Text!;
        if (!text.StartsWith(EnvPrefix, StringComparison.Ordinal))
        {
            return new ResolvedScalar(text, scalar.IsPlain, null);
        }

        var name = text[EnvPrefix.Length..].Trim();
        var value = _fileVariables.TryGetValue(name, out var fileValue) && fileValue is not null ? fileValue : environment(name);
        if (value is null)
        {
            var message = $"environment variable '{name}' (os.environ/{name}) is not set";
            if (strict)
            {
                Diagnostics.Error(LlmConfigurationDiagnosticKind.UnresolvedEnvironmentVariable, path, message);
            }
            else
            {
                Diagnostics.Warn(LlmConfigurationDiagnosticKind.UnresolvedEnvironmentVariable, path, message + "; the key is treated as absent");
            }
        }

        return new ResolvedScalar(value, false, name);
    }
}
