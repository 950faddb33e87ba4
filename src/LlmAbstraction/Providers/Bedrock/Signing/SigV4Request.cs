namespace LlmAbstraction.Providers.Bedrock.Signing;

/// <summary>The parts of an HTTP request that SigV4 signs, independent of <see cref="HttpRequestMessage"/>.</summary>
/// <param name="Method">HTTP method, for example <c>POST</c>.</param>
/// <param name="Path">The path exactly as sent on the wire (already percent-encoded where needed); it is encoded again.</param>
/// <param name="Query">The raw query string without the leading <c>?</c>; empty when none.</param>
/// <param name="Headers">Header names and values in request order; duplicates allowed.</param>
/// <param name="PayloadHash">Lowercase hex SHA-256 of the body.</param>
internal sealed record SigV4Request(
    string Method,
    string Path,
    string Query,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string PayloadHash);

/// <summary>Everything the signer computed, for the request and for diagnostics/tests.</summary>
internal sealed record SigV4SigningResult(
    string CanonicalRequest,
    string StringToSign,
    string Signature,
    string Authorization,
    IReadOnlyList<KeyValuePair<string, string>> HeadersToSet);
