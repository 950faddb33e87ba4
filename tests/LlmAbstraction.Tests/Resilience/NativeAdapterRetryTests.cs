using LlmAbstraction.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using A = LlmAbstraction.Tests.TestSupport.FakeProvider.Answer;

namespace LlmAbstraction.Tests.Resilience;

/// <summary>The fault matrix's 429 and 5xx rows for every native adapter: each provider's own error body, then success.</summary>
public class NativeAdapterRetryTests
{
    public sealed record Row(string Provider, string Model, string Path, string Ok, string RateLimit, string ServerError, int ServerStatus,
        Dictionary<string, string>? RateLimitHeaders = null, Dictionary<string, string>? ServerHeaders = null, string ApiBaseSuffix = "",
        Dictionary<string, string>? Settings = null)
    {
        public override string ToString() => Provider;
    }

    public static IEnumerable<Row> Rows()
    {
        yield return new Row("gemini", "gemini/gemini-2.5-pro", "/v1beta/models/*", "gemini/generate-thoughts-tools.response.json",
            "gemini/error-429-retry-info.json", "gemini/error-503-unavailable.json", 503);
        yield return new Row("bedrock", "bedrock/anthropic.claude-3-haiku-20240307-v1:0", "/model/*", "bedrock/converse-tool-use.response.json",
            "bedrock/error-429-throttling.json", "INLINE:{\"message\":\"Bedrock is unable to process your request.\"}", 503,
            new() { ["x-amzn-ErrorType"] = "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/" },
            new() { ["x-amzn-ErrorType"] = "ServiceUnavailableException:http://internal.amazon.com/coral/com.amazon.bedrock/" },
            Settings: new() { ["aws_access_key_id"] = "AKIDEXAMPLE", ["aws_secret_access_key"] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ["aws_region_name"] = "us-east-1" });
        yield return new Row("cohere", "cohere/command-r-plus", "/v2/chat", "cohere/chat-tool-call.response.json",
            "cohere/error-429-trial-rate-limit.json", "INLINE:{\"id\":\"e1\",\"message\":\"internal server error, this has been reported to our developers\"}", 500);
        yield return new Row("mistral", "mistral/mistral-large-latest", "/v1/chat/completions", "mistral/chat-tool-call.response.json",
            "mistral/error-429-rate-limited.json", "INLINE:{\"object\":\"error\",\"message\":\"Service unavailable.\",\"type\":\"service_unavailable\",\"param\":null,\"code\":\"1000\"}", 503, ApiBaseSuffix: "/v1");
        yield return new Row("ollama", "ollama/llama3.2", "/api/chat", "ollama/chat-thinking-tool-call.response.json",
            "INLINE:{\"error\":\"too many requests\"}", "INLINE:{\"error\":\"server busy, please try again.  maximum pending requests exceeded\"}", 503);
        yield return new Row("azure", "azure/my-deployment", "/openai/deployments/my-deployment/chat/completions", "azure/chat-text.response.json",
            "INLINE:{\"error\":{\"code\":\"429\",\"message\":\"Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded call rate limit of your current OpenAI S0 pricing tier. Please retry after 1 second.\"}}",
            "INLINE:{\"error\":{\"code\":\"InternalServerError\",\"message\":\"The service is temporarily unable to process your request. Please try again later.\"}}", 500);
    }

    private static string Body(string spec) => spec.StartsWith("INLINE:", StringComparison.Ordinal) ? spec[7..] : OwnFixtures.Text(spec);

    private static (FakeProvider Fake, FakeTimeProvider Time, ILlmClient Client) Setup(Row row)
    {
        var fake = new FakeProvider();
        var time = new FakeTimeProvider();
        var client = fake.Client(b => b.UseTimeProvider(time).UseRandom(() => 0.5).Configure(o =>
        {
            o.Providers[row.Provider] = new ProviderSettings { ApiBase = fake.Url + row.ApiBaseSuffix, ApiKey = FakeProvider.TestKey, Settings = row.Settings };
            o.Resilience.NumRetries = 2;
        }));
        return (fake, time, client);
    }

    [TestCaseSource(nameof(Rows))]
    public async Task Rate_limit_then_success_is_retried_after_the_provider_wait(Row row)
    {
        var (fake, time, client) = Setup(row);
        using var _ = fake;
        var headers = new Dictionary<string, string>(row.RateLimitHeaders ?? []) { ["retry-after"] = "3" };
        fake.ReplySequence(row.Path, new A(429, Body(row.RateLimit), Headers: headers), new A(200, Body(row.Ok)));
        var response = await Clock.Drive(time, client.CompletionAsync(row.Model, "hi"));
        Assert.That(response.Details.Provider, Is.EqualTo(row.Provider));
        Assert.That(response.Details.Attempts.Select(a => a.ErrorKind), Is.EqualTo(new LlmErrorKind?[] { LlmErrorKind.RateLimit, null }));
        Assert.That(response.Details.Attempts[1].DelayBefore, Is.EqualTo(TimeSpan.FromSeconds(3)));
    }

    [TestCaseSource(nameof(Rows))]
    public async Task Server_error_then_success_is_retried_with_backoff(Row row)
    {
        var (fake, time, client) = Setup(row);
        using var _ = fake;
        fake.ReplySequence(row.Path, new A(row.ServerStatus, Body(row.ServerError), Headers: row.ServerHeaders), new A(200, Body(row.Ok)));
        var response = await Clock.Drive(time, client.CompletionAsync(row.Model, "hi"));
        Assert.That(response.Details.Attempts, Has.Count.EqualTo(2));
        Assert.That(response.Details.Attempts[0].ErrorKind, Is.AnyOf(LlmErrorKind.InternalServer, LlmErrorKind.ServiceUnavailable, LlmErrorKind.Overloaded));
        Assert.That(response.Details.Attempts[1].DelayBefore, Is.EqualTo(TimeSpan.FromMilliseconds(375)));
    }

    [TestCaseSource(nameof(Rows))]
    public async Task Malformed_json_is_a_typed_retryable_error_then_the_retry_succeeds(Row row)
    {
        var (fake, time, client) = Setup(row);
        using var _ = fake;
        fake.ReplySequence(row.Path, new A(200, "{\"id\":\"x\",\"choices\":[{\"message\":"), new A(200, Body(row.Ok)));
        var response = await Clock.Drive(time, client.CompletionAsync(row.Model, "hi"));
        Assert.That(response.Details.Attempts.Select(a => a.ErrorKind), Is.EqualTo(new LlmErrorKind?[] { LlmErrorKind.ApiConnection, null }));
    }

    [TestCaseSource(nameof(Rows))]
    public void Persistent_server_error_surfaces_typed_after_exactly_the_configured_attempts(Row row)
    {
        var (fake, time, client) = Setup(row);
        using var _ = fake;
        fake.ReplySequence(row.Path, new A(row.ServerStatus, Body(row.ServerError), Headers: row.ServerHeaders));
        var ex = Assert.CatchAsync<LlmException>(() => Clock.Drive(time, client.CompletionAsync(row.Model, "hi")));
        Assert.That(ex!.IsRetryable, Is.True);
        Assert.That(ex.Provider, Is.EqualTo(row.Provider));
        Assert.That(ex.Attempts, Has.Count.EqualTo(3));
        Assert.That(fake.RequestCount, Is.EqualTo(3));
    }
}
