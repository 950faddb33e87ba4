using System.Net.Http.Headers;
using LlmAbstraction.Providers.Bedrock.Signing;

namespace LlmAbstraction.Tests.Providers.Bedrock.Signing;

/// <summary>Repo-local SigV4 cases (Fixtures/sigv4), signed from the raw request and through HttpRequestMessage.</summary>
public class SigV4OwnFixtureTests
{
    private static readonly string Root = Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "sigv4");

    private static readonly string[] CaseNames =
    [
        "get-vanilla", "post-vanilla", "get-vanilla-with-session-token", "post-sts-header-after", "post-x-www-form-urlencoded",
        "post-bedrock-converse", "post-bedrock-converse-stream-arn-session-token",
    ];

    [Test]
    public void Own_fixture_folder_holds_exactly_the_listed_cases() =>
        Assert.That(SigV4Case.FindCaseDirectories(Root).Select(Path.GetFileName), Is.EquivalentTo(CaseNames));

    [TestCaseSource(nameof(CaseNames))]
    public void Sigv4_reproduces_own_fixture_exactly(string name)
    {
        var failures = SigV4CaseRunner.Run(SigV4Case.Load(Path.Combine(Root, name)));
        Assert.That(failures, Is.Empty, string.Join("\n\n", failures));
    }

    [TestCaseSource(nameof(CaseNames))]
    public async Task Sigv4_signs_http_request_message_like_the_fixture(string name)
    {
        var testCase = SigV4Case.Load(Path.Combine(Root, name));
        using var request = ToHttpRequestMessage(testCase.Request);

        await new AwsSigV4Signer(testCase.Options).SignAsync(request, testCase.Credentials, testCase.Time);

        var signedLines = testCase.SignedRequest.Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(request.Headers.GetValues("Authorization").Single(), Is.EqualTo(testCase.ExpectedAuthorization));
            Assert.That(request.Headers.GetValues("X-Amz-Date").Single(), Is.EqualTo(testCase.Time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'")));
            var tokenLine = signedLines.SingleOrDefault(l => l.StartsWith("X-Amz-Security-Token:", StringComparison.Ordinal));
            var token = request.Headers.TryGetValues("X-Amz-Security-Token", out var values) ? values.Single() : null;
            Assert.That(token, Is.EqualTo(tokenLine?["X-Amz-Security-Token:".Length..]));
        });
    }

    /// <summary>Builds the HttpRequestMessage HttpClient would send for a raw suite request (path must be wire-safe).</summary>
    internal static HttpRequestMessage ToHttpRequestMessage(RawHttpRequest raw)
    {
        var host = raw.Header("Host")!;
        var uri = new Uri($"https://{host}{raw.Path}{(raw.Query.Length > 0 ? "?" + raw.Query : "")}");
        var request = new HttpRequestMessage(new HttpMethod(raw.Method), uri);
        if (raw.Body.Length > 0)
        {
            request.Content = new ByteArrayContent(raw.Body);
        }

        foreach (var (name, value) in raw.Headers)
        {
            switch (name.ToLowerInvariant())
            {
                case "host":
                    break;
                case "content-type":
                    request.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse(value.Trim());
                    break;
                case "content-length":
                    request.Content!.Headers.ContentLength = long.Parse(value.Trim(), System.Globalization.CultureInfo.InvariantCulture);
                    break;
                default:
                    request.Headers.TryAddWithoutValidation(name, value);
                    break;
            }
        }

        return request;
    }
}
