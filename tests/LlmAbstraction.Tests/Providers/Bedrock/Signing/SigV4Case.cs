using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LlmAbstraction.Providers.Bedrock.Signing;

namespace LlmAbstraction.Tests.Providers.Bedrock.Signing;

/// <summary>One SigV4 test-suite case, loaded from either layout of the official suite.</summary>
internal sealed record SigV4Case(
    string Name,
    RawHttpRequest Request,
    AwsCredentials Credentials,
    AwsSigV4SigningOptions Options,
    DateTimeOffset Time,
    string ExpectedCanonicalRequest,
    string ExpectedStringToSign,
    string ExpectedSignature,
    string ExpectedAuthorization,
    string SignedRequest)
{
    /// <summary>
    /// When set, the string to sign, signature and Authorization were produced from this request instead of
    /// <see cref="Request"/> (documented inconsistencies of the 2015 files, see <see cref="SigV4Suite2015Quirks"/>).
    /// </summary>
    public RawHttpRequest? StringToSignRequest { get; init; }

    // Constants of the 2015 suite (SOURCES.md; the 2015 layout has no context file).
    private const string AccessKey = "AKIDEXAMPLE";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    /// <summary>Case folders of both layouts under <paramref name="root"/>, recursively, sorted.</summary>
    public static IEnumerable<string> FindCaseDirectories(string root) =>
        Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories)
            .Where(d => File.Exists(Path.Combine(d, "request.txt")) || File.Exists(Path.Combine(d, Path.GetFileName(d) + ".req")))
            .Order(StringComparer.Ordinal);

    public static SigV4Case Load(string dir) =>
        File.Exists(Path.Combine(dir, "request.txt")) ? LoadCrtLayout(dir) : Load2015Layout(dir);

    public static SigV4Request ToSignable(RawHttpRequest request) => new(request.Method, request.Path, request.Query,
        request.Headers, Convert.ToHexStringLower(SHA256.HashData(request.Body)));

    /// <summary>aws-c-auth layout: context.json + request.txt + header-*.txt.</summary>
    private static SigV4Case LoadCrtLayout(string dir)
    {
        using var context = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "context.json")));
        var root = context.RootElement;
        var creds = root.GetProperty("credentials");
        var credentials = new AwsCredentials(creds.GetProperty("access_key_id").GetString()!,
            creds.GetProperty("secret_access_key").GetString()!,
            creds.TryGetProperty("token", out var token) ? token.GetString() : null);
        var options = new AwsSigV4SigningOptions
        {
            Region = root.GetProperty("region").GetString()!,
            Service = root.GetProperty("service").GetString()!,
            NormalizePath = !root.TryGetProperty("normalize", out var n) || n.GetBoolean(),
            SignBody = root.TryGetProperty("sign_body", out var b) && b.GetBoolean(),
            OmitSessionToken = root.TryGetProperty("omit_session_token", out var o) && o.GetBoolean(),
        };
        var time = DateTimeOffset.Parse(root.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture);
        var signedRequest = Read(dir, "header-signed-request.txt");
        return new SigV4Case(Path.GetFileName(dir), RawHttpRequest.Parse(File.ReadAllBytes(Path.Combine(dir, "request.txt"))),
            credentials, options, time, Read(dir, "header-canonical-request.txt"), Read(dir, "header-string-to-sign.txt"),
            Read(dir, "header-signature.txt"), AuthorizationLine(signedRequest), signedRequest);
    }

    /// <summary>2015 layout: name.req/.creq/.sts/.authz/.sreq, fixed context.</summary>
    private static SigV4Case Load2015Layout(string dir)
    {
        var name = Path.GetFileName(dir);
        var request = RawHttpRequest.Parse(File.ReadAllBytes(Path.Combine(dir, name + ".req")));
        var signedRequest = Read(dir, name + ".sreq");
        var authorization = Read(dir, name + ".authz");

        // post-sts-header-before carries the token in the .req (signed); post-sts-header-after adds it after signing.
        var omitToken = name == "post-sts-header-after";
        var token = omitToken ? RawHttpRequest.Parse(Encoding.UTF8.GetBytes(signedRequest)).Header("X-Amz-Security-Token")
            : request.Header("X-Amz-Security-Token");
        var options = new AwsSigV4SigningOptions { Region = "us-east-1", Service = "service", OmitSessionToken = omitToken };
        var (stringToSignRequest, authorizationFromSignedRequest) = SigV4Suite2015Quirks.For(name, request);
        if (authorizationFromSignedRequest)
        {
            authorization = AuthorizationLine(signedRequest);
        }

        return new SigV4Case(name, request, new AwsCredentials(AccessKey, SecretKey, token), options,
            new DateTimeOffset(2015, 8, 30, 12, 36, 0, TimeSpan.Zero), Read(dir, name + ".creq"), Read(dir, name + ".sts"),
            authorization[(authorization.IndexOf("Signature=", StringComparison.Ordinal) + "Signature=".Length)..],
            authorization, signedRequest) { StringToSignRequest = stringToSignRequest };
    }

    private static string Read(string dir, string file) => File.ReadAllText(Path.Combine(dir, file), Encoding.UTF8);

    private static string AuthorizationLine(string signedRequest) =>
        signedRequest.Split('\n').Single(l => l.StartsWith("Authorization:", StringComparison.OrdinalIgnoreCase))["Authorization:".Length..].Trim();
}
