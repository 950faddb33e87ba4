using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace LlmAbstraction.Providers.Bedrock.Signing;

/// <summary>Extracts the signable parts of an <see cref="HttpRequestMessage"/> as they will appear on the wire.</summary>
internal static class SigV4HttpRequestReader
{
    public static async Task<SigV4Request> ReadAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var uri = request.RequestUri;
        if (uri is null || !uri.IsAbsoluteUri)
        {
            throw new ArgumentException("The request URI must be absolute to be signed.", nameof(request));
        }

        var headers = new List<KeyValuePair<string, string>>
        {
            new("Host", request.Headers.Host ?? (uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port}")),
        };
        foreach (var (name, values) in request.Headers.NonValidated)
        {
            if (!name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                headers.Add(new(name, Join(name, values)));
            }
        }

        var payloadHash = EmptyPayloadHash;
        if (request.Content is { } content)
        {
            await content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            var body = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            payloadHash = AwsSigV4Signer.Hex(SHA256.HashData(body));
            foreach (var (name, values) in content.Headers.NonValidated)
            {
                headers.Add(new(name, Join(name, values)));
            }
        }

        // AbsolutePath and Query are the escaped forms HttpClient writes on the request line.
        var query = uri.Query.Length > 0 ? uri.Query[1..] : string.Empty;
        return new SigV4Request(request.Method.Method, uri.AbsolutePath, query, headers, payloadHash);
    }

    internal const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    // SocketsHttpHandler writes multiple values on one line, separated by ", " (by "; " for Cookie).
    private static string Join(string name, HeaderStringValues values) =>
        values.Count == 1 ? values.ToString() : string.Join(name.Equals("Cookie", StringComparison.OrdinalIgnoreCase) ? "; " : ", ", values);
}
