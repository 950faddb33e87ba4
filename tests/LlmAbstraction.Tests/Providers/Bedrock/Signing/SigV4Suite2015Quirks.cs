namespace LlmAbstraction.Tests.Providers.Bedrock.Signing;

/// <summary>
/// Two cases of the 2015 suite are internally inconsistent: their <c>.req</c>/<c>.creq</c> were updated to carry
/// <c>Content-Length</c>, but <c>.sts</c>/<c>.authz</c>/<c>.sreq</c> still belong to the original request. Checked with
/// SHA-256: the <c>.sts</c> hash of post-x-www-form-urlencoded is the <c>.creq</c> without content-length; that of
/// post-x-www-form-urlencoded-parameters is the <c>.creq</c> without content-length and with <c>charset=utf8</c>
/// (whose <c>.authz</c> even lists content-length while its signature excludes it, so its <c>.sreq</c> line is used).
/// The canonical request is still compared byte for byte against <c>.creq</c>; the aws-c-auth copies of both cases
/// are consistent and run unmodified.
/// </summary>
internal static class SigV4Suite2015Quirks
{
    public static (RawHttpRequest? StringToSignRequest, bool AuthorizationFromSignedRequest) For(string name, RawHttpRequest request) =>
        name switch
        {
            "post-x-www-form-urlencoded" => (request.WithHeader("Content-Length", null), false),
            "post-x-www-form-urlencoded-parameters" => (request.WithHeader("Content-Length", null)
                .WithHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf8"), true),
            _ => (null, false),
        };
}
