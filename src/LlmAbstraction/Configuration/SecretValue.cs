using System.Security.Cryptography;
using System.Text;

namespace LlmAbstraction.Configuration;

/// <summary>
/// A secret read from configuration (API key, password, connection string). <see cref="ToString"/> never shows
/// the value; call <see cref="Reveal"/> only where the secret is sent to its destination.
/// </summary>
public sealed class SecretValue : IEquatable<SecretValue>
{
    private readonly string _value;

    private SecretValue(string value, string? environmentVariableName)
    {
        _value = value;
        EnvironmentVariableName = environmentVariableName;
    }

    /// <summary>The variable named by an <c>os.environ/NAME</c> reference, or null for a literal value.</summary>
    public string? EnvironmentVariableName { get; }

    /// <summary>Wraps a literal secret.</summary>
    /// <param name="value">The secret.</param>
    /// <returns>The wrapper.</returns>
    public static SecretValue FromLiteral(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new SecretValue(value, null);
    }

    /// <summary>Wraps a secret that was read from an environment variable.</summary>
    /// <param name="environmentVariableName">The variable name.</param>
    /// <param name="value">The variable's value.</param>
    /// <returns>The wrapper.</returns>
    public static SecretValue FromEnvironment(string environmentVariableName, string value)
    {
        ArgumentNullException.ThrowIfNull(environmentVariableName);
        ArgumentNullException.ThrowIfNull(value);
        return new SecretValue(value, environmentVariableName);
    }

    /// <summary>Returns the secret itself.</summary>
    /// <returns>The plain value.</returns>
    public string Reveal() => _value;

    /// <summary>Always redacted: <c>[redacted]</c> or <c>[redacted os.environ/NAME]</c>.</summary>
    /// <returns>The redacted text.</returns>
    public override string ToString() =>
        EnvironmentVariableName is null ? "[redacted]" : $"[redacted os.environ/{EnvironmentVariableName}]";

    /// <inheritdoc />
    public bool Equals(SecretValue? other) =>
        other is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(_value), Encoding.UTF8.GetBytes(other._value));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SecretValue);

    /// <inheritdoc />
    public override int GetHashCode() => _value.Length;
}
