using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LlmAbstraction.Providers.Bedrock.Signing;

/// <summary>
/// Signs HTTP requests with AWS Signature Version 4 (header form, <c>AWS4-HMAC-SHA256</c>), written from the
/// specification without the AWS SDK. Thread-safe; reuse one instance per region/service.
/// </summary>
public sealed class AwsSigV4Signer
{
    internal const string Algorithm = "AWS4-HMAC-SHA256";
    private readonly string _region;
    private readonly string _service;
    private readonly bool _normalizePath;
    private readonly bool _signBody;
    private readonly bool _omitSessionToken;
    private readonly SigV4SigningKeyCache _keys = new();

    /// <summary>Creates a signer; the options are copied.</summary>
    /// <param name="options">Region, service and signing flags.</param>
    /// <exception cref="ArgumentException">The region or the service is empty.</exception>
    public AwsSigV4Signer(AwsSigV4SigningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Region, nameof(options) + "." + nameof(options.Region));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Service, nameof(options) + "." + nameof(options.Service));
        (_region, _service) = (options.Region, options.Service);
        (_normalizePath, _signBody, _omitSessionToken) = (options.NormalizePath, options.SignBody, options.OmitSessionToken);
    }

    /// <summary>
    /// Signs <paramref name="request"/> in place: sets <c>X-Amz-Date</c>, <c>Authorization</c> and, when applicable,
    /// <c>X-Amz-Security-Token</c> and <c>x-amz-content-sha256</c>. The body is buffered to hash it.
    /// Signing the same message again (for a retry) replaces the previous signature.
    /// </summary>
    /// <param name="request">The request; its <see cref="HttpRequestMessage.RequestUri"/> must be absolute.</param>
    /// <param name="credentials">The credentials.</param>
    /// <param name="signingTime">The signing time, normally <see cref="TimeProvider.GetUtcNow"/>.</param>
    /// <param name="cancellationToken">Cancels buffering the body.</param>
    /// <returns>A task that completes when the request is signed.</returns>
    /// <exception cref="ArgumentException">The request URI is missing or relative.</exception>
    public async Task SignAsync(HttpRequestMessage request, AwsCredentials credentials, DateTimeOffset signingTime,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        var signable = await SigV4HttpRequestReader.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        var result = Sign(signable, credentials, signingTime);
        foreach (var (name, value) in result.HeadersToSet)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }

    internal SigV4SigningResult Sign(SigV4Request request, AwsCredentials credentials, DateTimeOffset signingTime)
    {
        var amzDate = signingTime.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        var token = credentials.SessionToken;
        var added = new List<KeyValuePair<string, string>>(4) { new("X-Amz-Date", amzDate) };
        if (token is not null && !_omitSessionToken)
        {
            added.Add(new("X-Amz-Security-Token", token));
        }

        if (_signBody)
        {
            added.Add(new("x-amz-content-sha256", request.PayloadHash));
        }

        var headers = new List<KeyValuePair<string, string>>(request.Headers.Count + added.Count);
        foreach (var header in request.Headers)
        {
            if (!IsReplaced(header.Key, token is not null))
            {
                headers.Add(header);
            }
        }

        headers.AddRange(added);
        var builder = new StringBuilder(512).Append(request.Method).Append('\n');
        SigV4Canonicalizer.AppendUri(builder, request.Path, _normalizePath);
        SigV4Canonicalizer.AppendQuery(builder.Append('\n'), request.Query);
        builder.Append('\n');
        var signedHeaders = SigV4Canonicalizer.AppendHeaders(builder, headers);
        var canonicalRequest = builder.Append('\n').Append(signedHeaders).Append('\n').Append(request.PayloadHash).ToString();

        var scope = $"{date}/{_region}/{_service}/aws4_request";
        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = _keys.GetKey(credentials.SecretAccessKey, date, _region, _service);
        var signature = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        var authorization = $"{Algorithm} Credential={credentials.AccessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";

        if (token is not null && _omitSessionToken)
        {
            added.Add(new("X-Amz-Security-Token", token));
        }

        added.Add(new("Authorization", authorization));
        return new SigV4SigningResult(canonicalRequest, stringToSign, signature, authorization, added);
    }

    internal static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    private bool IsReplaced(string name, bool hasToken) =>
        name.Equals("x-amz-date", StringComparison.OrdinalIgnoreCase)
        || name.Equals("authorization", StringComparison.OrdinalIgnoreCase)
        || (hasToken && name.Equals("x-amz-security-token", StringComparison.OrdinalIgnoreCase))
        || (_signBody && name.Equals("x-amz-content-sha256", StringComparison.OrdinalIgnoreCase));
}
