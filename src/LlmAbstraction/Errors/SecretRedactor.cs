namespace LlmAbstraction;

/// <summary>Removes secrets (API keys, tokens) from text before it reaches an exception, a log or a span.</summary>
public static class SecretRedactor
{
    /// <summary>The text that replaces a secret.</summary>
    public const string Mask = "[REDACTED]";

    /// <summary>Replaces every occurrence of <paramref name="secret"/> in <paramref name="text"/>.</summary>
    public static string? Redact(string? text, string? secret)
    {
        if (string.IsNullOrEmpty(text) || string.IsNullOrEmpty(secret) || secret.Length < 4) return text;
        return text.Contains(secret, StringComparison.Ordinal) ? text.Replace(secret, Mask, StringComparison.Ordinal) : text;
    }
}
