using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LlmAbstraction.Providers.Bedrock.EventStream;
using LlmAbstraction.Tests.Providers.Bedrock.EventStream;
using LlmAbstraction.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace LlmAbstraction.Tests.Providers.Bedrock;

/// <summary>Clients pointed at a <see cref="FakeProvider"/> with fixed AWS credentials and clock; event-stream encoding; SigV4 re-computation.</summary>
internal static class BedrockTestSupport
{
    public const string KeyId = "AKIDEXAMPLE";
    public const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    public const string SessionToken = "FwoGZXIvYXdzEXAMPLE-session-token";
    public const string Region = "us-east-1";
    public static readonly DateTimeOffset Now = new(2025, 6, 26, 12, 0, 0, TimeSpan.Zero);

    public static Dictionary<string, string> SigV4Settings(bool sessionToken = false)
    {
        var settings = new Dictionary<string, string>
        {
            ["aws_access_key_id"] = KeyId,
            ["aws_secret_access_key"] = Secret,
            ["aws_region_name"] = Region,
        };
        if (sessionToken) settings["aws_session_token"] = SessionToken;
        return settings;
    }

    public static ILlmClient Client(FakeProvider fake, Dictionary<string, string>? settings = null, Func<string, string?>? environment = null, string? apiKey = null,
        UriRecorder? recorder = null)
        => fake.Client(b => b
            .UseHttpClient(new HttpClient(recorder ?? new UriRecorder()))
            .UseTimeProvider(new FakeTimeProvider(Now))
            .UseEnvironment(environment ?? (_ => null))
            .Configure(o => o.Providers["bedrock"] = new ProviderSettings { ApiBase = fake.Url, ApiKey = apiKey, Settings = settings ?? SigV4Settings() }));

    /// <summary>The path as WireMock matches it (decoded); the encoded wire path is asserted via AbsolutePath.</summary>
    public static string ModelPath(string modelId, string operation) => "/model/" + modelId + "/" + operation;

    /// <summary>Encodes lines of <c>{"eventName":payload}</c> into ConverseStream frames; a name ending in "Exception" becomes an exception frame.</summary>
    public static byte[] EncodeEvents(string lines)
    {
        var body = new List<byte>();
        foreach (var line in lines.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            using var doc = JsonDocument.Parse(line);
            var property = doc.RootElement.EnumerateObject().Single();
            var payload = Encoding.UTF8.GetBytes(property.Value.GetRawText());
            body.AddRange(property.Name.EndsWith("Exception", StringComparison.Ordinal)
                ? EventStreamTestWriter.Frame(
                    [(":message-type", EventStreamHeaderType.String, "exception"), (":exception-type", EventStreamHeaderType.String, property.Name),
                        (":content-type", EventStreamHeaderType.String, "application/json")], payload)
                : EventStreamTestWriter.BedrockEvent(property.Name, property.Value.GetRawText()));
        }
        return body.ToArray();
    }

    public static async Task<List<ChatCompletionChunk>> CollectAsync(IAsyncEnumerable<ChatCompletionChunk> stream)
    {
        var chunks = new List<ChatCompletionChunk>();
        await foreach (var c in stream) chunks.Add(c);
        return chunks;
    }

    public static string Header(FakeProvider fake, string name)
        => fake.LastRequestHeaders.First(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value.ToString()!;

    /// <summary>
    /// Recomputes the SigV4 signature of the request WireMock received, independently of the library's signer: the
    /// canonical URI is the model id encoded twice, the signed headers are read back from what was sent.
    /// </summary>
    public static string RecomputeSignature(FakeProvider fake, string modelId, string operation, string secret, string region)
    {
        var entry = fake.Server.LogEntries.Last().RequestMessage;
        var authorization = Header(fake, "Authorization");
        var signedHeaders = authorization.Split("SignedHeaders=")[1].Split(',')[0];
        var canonicalHeaders = new StringBuilder();
        foreach (var name in signedHeaders.Split(';'))
            canonicalHeaders.Append(name).Append(':').Append(Header(fake, name).Trim()).Append('\n');
        var canonicalUri = "/model/" + Uri.EscapeDataString(Uri.EscapeDataString(modelId)) + "/" + operation;
        var bodyHash = Convert.ToHexStringLower(SHA256.HashData(entry.BodyAsBytes ?? Encoding.UTF8.GetBytes(entry.Body ?? "")));
        var canonical = $"POST\n{canonicalUri}\n\n{canonicalHeaders}\n{signedHeaders}\n{bodyHash}";
        var amzDate = Header(fake, "X-Amz-Date");
        var scope = $"{amzDate[..8]}/{region}/bedrock/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + secret);
        foreach (var part in new[] { amzDate[..8], region, "bedrock", "aws4_request" }) key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }
}

/// <summary>Records the request URIs exactly as HttpClient puts them on the request line (WireMock logs decoded paths).</summary>
internal sealed class UriRecorder() : DelegatingHandler(new SocketsHttpHandler())
{
    public List<Uri> Uris { get; } = [];

    public string LastPath => Uris[^1].AbsolutePath;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Uris.Add(request.RequestUri!);
        return base.SendAsync(request, cancellationToken);
    }
}
