using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace LlmAbstraction.Providers.VertexAI;

/// <summary>
/// Builds the RFC 7523 JWT-bearer assertion a service account exchanges for an access token: header
/// <c>{"alg":"RS256","typ":"JWT","kid"}</c>, claims <c>{iss, scope, aud = token_uri, iat, exp = iat + 1h}</c>,
/// signed with RSASSA-PKCS1-v1_5 / SHA-256, base64url without padding.
/// </summary>
internal static class GoogleJwtAssertion
{
    public const string CloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public static string Create(GoogleServiceAccount account, DateTimeOffset now, string scope = CloudPlatformScope)
    {
        var header = Json(w =>
        {
            w.WriteString("alg", "RS256");
            w.WriteString("typ", "JWT");
            if (account.PrivateKeyId is { } kid) w.WriteString("kid", kid);
        });
        var iat = now.ToUnixTimeSeconds();
        var claims = Json(w =>
        {
            w.WriteString("iss", account.ClientEmail);
            w.WriteString("scope", scope);
            w.WriteString("aud", account.TokenUri);
            w.WriteNumber("iat", iat);
            w.WriteNumber("exp", iat + (long)Lifetime.TotalSeconds);
        });
        var signingInput = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(claims);
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(account.PrivateKey);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            throw new AuthenticationException("The Vertex AI service-account private_key is not a readable PEM RSA key.", new LlmErrorDetails { Provider = "vertex_ai", ErrorCode = "invalid_credentials" }, ex);
        }
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
