using LlmAbstraction.Providers.Bedrock.Signing;

namespace LlmAbstraction.Providers.Bedrock;

/// <summary>
/// How one Bedrock call authenticates, and where. Credentials, in order: SigV4 keys in the provider settings
/// (<c>aws_access_key_id</c>, <c>aws_secret_access_key</c>, <c>aws_session_token</c>); a Bedrock API key (the endpoint's
/// key: request, options, or <c>AWS_BEARER_TOKEN_BEDROCK</c>) sent as a bearer token; the standard environment
/// variables <c>AWS_ACCESS_KEY_ID</c> / <c>AWS_SECRET_ACCESS_KEY</c> / <c>AWS_SESSION_TOKEN</c>. Region:
/// <c>aws_region_name</c>, then the region of an ARN model id (the host must be the ARN's region), then
/// <c>AWS_REGION</c>, <c>AWS_DEFAULT_REGION</c>.
/// </summary>
/// <remarks><see cref="ToString"/> never shows a secret.</remarks>
internal sealed class BedrockAuth
{
    public const string AccessKeyIdSetting = "aws_access_key_id";
    public const string SecretAccessKeySetting = "aws_secret_access_key";
    public const string SessionTokenSetting = "aws_session_token";
    public const string RegionSetting = "aws_region_name";

    private BedrockAuth(string region, AwsCredentials? credentials, string? bearerToken)
    {
        Region = region;
        Credentials = credentials;
        BearerToken = bearerToken;
    }

    public string Region { get; }

    /// <summary>SigV4 credentials, or null when a bearer token is used.</summary>
    public AwsCredentials? Credentials { get; }

    /// <summary>The Bedrock API key, or null when SigV4 is used.</summary>
    public string? BearerToken { get; }

    /// <summary>The secret to redact from anything the service echoes.</summary>
    public string? Secret => BearerToken ?? Credentials?.SessionToken ?? Credentials?.SecretAccessKey;

    public static BedrockAuth Resolve(ProviderEndpoint endpoint, string model, Func<string, string?> environment)
    {
        string? Setting(string name) => endpoint.Settings is { } s && s.TryGetValue(name, out var v) ? SecretReference.Resolve(v, environment) : null;

        var region = Setting(RegionSetting) ?? RegionOfArn(model) ?? AwsCredentials.RegionFromEnvironment(environment)
            ?? throw new BadRequestException(
                $"No AWS region for bedrock model '{model}': set Providers:bedrock:Settings:{RegionSetting}, or AWS_REGION / AWS_DEFAULT_REGION.",
                new LlmErrorDetails { Provider = BedrockProvider.ProviderName, Model = model, ErrorCode = "missing_aws_region" });

        var keyId = Setting(AccessKeyIdSetting);
        var secret = Setting(SecretAccessKeySetting);
        if (keyId is not null || secret is not null)
        {
            if (keyId is null || secret is null)
                throw Missing(model, $"the settings hold only one of {AccessKeyIdSetting} and {SecretAccessKeySetting}; set both");
            return new BedrockAuth(region, new AwsCredentials(keyId, secret, Setting(SessionTokenSetting)), null);
        }
        if (!string.IsNullOrEmpty(endpoint.ApiKey)) return new BedrockAuth(region, null, endpoint.ApiKey);
        if (AwsCredentials.FromEnvironment(environment) is { } fromEnvironment) return new BedrockAuth(region, fromEnvironment, null);
        throw Missing(model, "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary credentials), "
            + $"or AWS_BEARER_TOKEN_BEDROCK, or Providers:bedrock:Settings:{AccessKeyIdSetting} / {SecretAccessKeySetting}");
    }

    /// <summary>The region of <c>arn:aws:bedrock:us-east-1:123456789012:…</c>, or null.</summary>
    internal static string? RegionOfArn(string model)
    {
        if (!model.StartsWith("arn:", StringComparison.Ordinal)) return null;
        var parts = model.Split(':');
        return parts.Length > 4 && parts[3].Length > 0 ? parts[3] : null;
    }

    private static AuthenticationException Missing(string model, string what) => new(
        $"No AWS credentials for bedrock model '{model}': {what}.",
        new LlmErrorDetails { Provider = BedrockProvider.ProviderName, Model = model, ErrorCode = "missing_aws_credentials" });

    public override string ToString() => $"BedrockAuth {{ Region = {Region}, {(BearerToken is null ? Credentials?.ToString() : "Bearer ***")} }}";
}
