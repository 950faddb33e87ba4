using System.Security.Cryptography;
using System.Text;

namespace LlmAbstraction.Providers.Bedrock.Signing;

/// <summary>
/// Derives <c>kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")</c> and keeps the
/// last key, which only changes once a day per credentials/region/service. Thread-safe.
/// </summary>
internal sealed class SigV4SigningKeyCache
{
    private Entry? _last;

    public byte[] GetKey(string secretAccessKey, string date, string region, string service)
    {
        var last = Volatile.Read(ref _last);
        if (last is not null && ReferenceEquals(last.Secret, secretAccessKey) && last.Date == date
            && last.Region == region && last.Service == service)
        {
            return last.Key;
        }

        var key = Derive(secretAccessKey, date, region, service);
        Volatile.Write(ref _last, new Entry(secretAccessKey, date, region, service, key));
        return key;
    }

    public static byte[] Derive(string secretAccessKey, string date, string region, string service)
    {
        var secret = Encoding.UTF8.GetBytes("AWS4" + secretAccessKey);
        try
        {
            var kDate = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(date));
            var kRegion = HMACSHA256.HashData(kDate, Encoding.UTF8.GetBytes(region));
            var kService = HMACSHA256.HashData(kRegion, Encoding.UTF8.GetBytes(service));
            return HMACSHA256.HashData(kService, "aws4_request"u8);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    private sealed record Entry(string Secret, string Date, string Region, string Service, byte[] Key);
}
