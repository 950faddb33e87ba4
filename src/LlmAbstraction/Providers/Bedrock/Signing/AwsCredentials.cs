namespace LlmAbstraction.Providers.Bedrock.Signing;

/// <summary>
/// AWS credentials used to sign requests with Signature Version 4. <see cref="ToString"/> never reveals the
/// secret access key or the session token.
/// </summary>
public sealed class AwsCredentials
{
    /// <summary>Creates credentials.</summary>
    /// <param name="accessKeyId">The access key id (for example <c>AKIA...</c>).</param>
    /// <param name="secretAccessKey">The secret access key.</param>
    /// <param name="sessionToken">The session token of temporary (STS) credentials, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A key is null, empty or whitespace.</exception>
    public AwsCredentials(string accessKeyId, string secretAccessKey, string? sessionToken = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessKeyId);
        ArgumentException.ThrowIfNullOrWhiteSpace(secretAccessKey);
        AccessKeyId = accessKeyId;
        SecretAccessKey = secretAccessKey;
        SessionToken = string.IsNullOrEmpty(sessionToken) ? null : sessionToken;
    }

    /// <summary>Gets the access key id. It is not secret and appears in the <c>Authorization</c> header.</summary>
    public string AccessKeyId { get; }

    /// <summary>Gets the secret access key.</summary>
    public string SecretAccessKey { get; }

    /// <summary>Gets the session token of temporary credentials, or <see langword="null"/>.</summary>
    public string? SessionToken { get; }

    /// <summary>
    /// Reads <c>AWS_ACCESS_KEY_ID</c>, <c>AWS_SECRET_ACCESS_KEY</c> and the optional <c>AWS_SESSION_TOKEN</c>.
    /// </summary>
    /// <returns>The credentials, or <see langword="null"/> when the key id or the secret is absent.</returns>
    public static AwsCredentials? FromEnvironment() => FromEnvironment(Environment.GetEnvironmentVariable);

    /// <summary>Reads the region from <c>AWS_REGION</c>, then <c>AWS_DEFAULT_REGION</c>.</summary>
    /// <returns>The region (for example <c>us-east-1</c>), or <see langword="null"/> when neither is set.</returns>
    public static string? RegionFromEnvironment() => RegionFromEnvironment(Environment.GetEnvironmentVariable);

    internal static AwsCredentials? FromEnvironment(Func<string, string?> getVariable)
    {
        var keyId = getVariable("AWS_ACCESS_KEY_ID");
        var secret = getVariable("AWS_SECRET_ACCESS_KEY");
        if (string.IsNullOrWhiteSpace(keyId) || string.IsNullOrWhiteSpace(secret))
        {
            return null;
        }

        return new AwsCredentials(keyId.Trim(), secret.Trim(), getVariable("AWS_SESSION_TOKEN")?.Trim());
    }

    internal static string? RegionFromEnvironment(Func<string, string?> getVariable)
    {
        var region = getVariable("AWS_REGION");
        if (string.IsNullOrWhiteSpace(region))
        {
            region = getVariable("AWS_DEFAULT_REGION");
        }

        return string.IsNullOrWhiteSpace(region) ? null : region.Trim();
    }

    /// <summary>Returns the access key id and whether a session token is present; never the secrets.</summary>
    /// <returns>A redacted description such as <c>AwsCredentials { AccessKeyId = AKID..., SecretAccessKey = ***, SessionToken = *** }</c>.</returns>
    public override string ToString() =>
        $"AwsCredentials {{ AccessKeyId = {AccessKeyId}, SecretAccessKey = ***, SessionToken = {(SessionToken is null ? "(none)" : "***")} }}";
}
