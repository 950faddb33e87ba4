namespace LlmAbstraction.Providers.Bedrock.Signing;

/// <summary>Options of <see cref="AwsSigV4Signer"/>.</summary>
public sealed class AwsSigV4SigningOptions
{
    /// <summary>Gets or sets the AWS region of the credential scope, for example <c>us-east-1</c>. Required.</summary>
    public string Region { get; set; } = string.Empty;

    /// <summary>Gets or sets the signing name of the service. Default: <c>bedrock</c> (also used for <c>bedrock-runtime</c> hosts).</summary>
    public string Service { get; set; } = "bedrock";

    /// <summary>
    /// Gets or sets whether the URI path is normalised (empty, <c>.</c> and <c>..</c> segments removed) before it is
    /// encoded into the canonical URI. Default: <see langword="true"/> (every service except S3).
    /// </summary>
    public bool NormalizePath { get; set; } = true;

    /// <summary>
    /// Gets or sets whether the signer adds and signs an <c>x-amz-content-sha256</c> header holding the body hash.
    /// Default: <see langword="false"/>.
    /// </summary>
    public bool SignBody { get; set; }

    /// <summary>
    /// Gets or sets whether the session token is added as <c>X-Amz-Security-Token</c> only after signing (not signed).
    /// Default: <see langword="false"/>: the token header is part of the signature.
    /// </summary>
    public bool OmitSessionToken { get; set; }
}
