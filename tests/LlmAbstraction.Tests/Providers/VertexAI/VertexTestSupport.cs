using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LlmAbstraction.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace LlmAbstraction.Tests.Providers.VertexAI;

/// <summary>A throw-away RSA key and service-account JSON whose token_uri points at the fake server.</summary>
internal sealed class TestServiceAccount : IDisposable
{
    public const string Email = "llm-tests@test-project.iam.gserviceaccount.com";
    public const string KeyId = "0123456789abcdef-test-key";

    public TestServiceAccount(string tokenUri)
    {
        TokenUri = tokenUri;
        Json = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["type"] = "service_account",
            ["project_id"] = "sa-project",
            ["private_key_id"] = KeyId,
            ["private_key"] = Rsa.ExportPkcs8PrivateKeyPem(),
            ["client_email"] = Email,
            ["client_id"] = "1234",
            ["token_uri"] = tokenUri,
        });
    }

    public RSA Rsa { get; } = RSA.Create(2048);
    public string TokenUri { get; }
    public string Json { get; }

    /// <summary>Checks the RS256 signature of a compact JWT with the test key and returns its header and claims.</summary>
    public (JsonElement Header, JsonElement Claims) Verify(string jwt)
    {
        var parts = jwt.Split('.');
        Assert.That(parts, Has.Length.EqualTo(3));
        var valid = Rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        Assert.That(valid, Is.True, "the assertion's RS256 signature verifies with the service account's public key");
        return (JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement, JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement);
    }

    public void Dispose() => Rsa.Dispose();
}

internal static class VertexTestSupport
{
    public const string Project = "test-project";
    public const string Token = "ya29.c.TEST-ACCESS-TOKEN-0123456789";
    public const string GeminiBase = "/v1/projects/test-project/locations/us-central1/publishers/google/models/gemini-2.5-flash";
    public const string ClaudeBase = "/v1/projects/test-project/locations/us-east5/publishers/anthropic/models/claude-sonnet-4@20250514";

    public static ILlmClient VertexClient(this FakeProvider fake, string credentialsJson, FakeTimeProvider? time = null, string location = "us-central1", string? apiVersion = null, Action<LlmClientBuilder>? configure = null)
        => fake.Client(b =>
        {
            b.Configure(o => o.Providers["vertex_ai"] = new ProviderSettings
            {
                ApiBase = fake.Url,
                ApiVersion = apiVersion,
                Settings = new Dictionary<string, string> { ["vertex_credentials"] = credentialsJson, ["vertex_project"] = Project, ["vertex_location"] = location },
            });
            if (time is not null) b.UseTimeProvider(time);
            configure?.Invoke(b);
        });

    public static void ReplyToken(this FakeProvider fake, TimeSpan? delay = null)
    {
        var response = WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(OwnFixtures.Text("vertex/oauth-token.response.json"));
        if (delay is { } d) response = response.WithDelay(d);
        fake.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/token").UsingPost()).RespondWith(response);
    }

    public static List<WireMock.Logging.ILogEntry> Requests(this FakeProvider fake, string path)
        => fake.Server.LogEntries.Where(e => e.RequestMessage.Path == path).ToList();

    public static string Header(this WireMock.Logging.ILogEntry entry, string name)
        => entry.RequestMessage.Headers!.First(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value.ToString();
}
