using LlmAbstraction.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using A = LlmAbstraction.Tests.TestSupport.FakeProvider.Answer;

namespace LlmAbstraction.Tests.Resilience;

/// <summary>
/// The fault matrix: injected faults against the OpenAI and Anthropic adapters, each asserting the exact attempts,
/// the delays observed on the fake clock, and the final outcome.
/// </summary>
[TestFixture("openai")]
[TestFixture("anthropic")]
public class FaultMatrixTests(string provider)
{
    private FakeProvider _fake = null!;
    private FakeTimeProvider _time = null!;

    [SetUp] public void SetUp() { _fake = new FakeProvider(); _time = new FakeTimeProvider(); }
    [TearDown] public void TearDown() => _fake.Dispose();

    private string Path => provider == "openai" ? "/v1/chat/completions" : "/v1/messages";
    private string Model => provider == "openai" ? "openai/gpt-4o-mini" : "anthropic/claude-sonnet-4-5";
    private string Ok => provider == "openai" ? OwnFixtures.Text("openai/chat-text.response.json") : OwnFixtures.Text("anthropic/messages-tool-use.response.json");
    private string OkStream => provider == "openai" ? OwnFixtures.Text("openai/chat-stream-text.sse") : OwnFixtures.Text("anthropic/messages-stream-tool-use.sse");
    private string RateLimited => provider == "openai" ? OwnFixtures.Text("openai/error-429-rate-limit.json") : OwnFixtures.Text("anthropic/error-429-rate-limit.json");
    private string ContextTooLong => provider == "openai" ? OwnFixtures.Text("openai/error-400-context-length.json") : OwnFixtures.Text("anthropic/error-400-prompt-too-long.json");
    private string Unauthorized => provider == "openai" ? OwnFixtures.Text("openai/error-401-invalid-api-key.json") : OwnFixtures.Text("anthropic/error-401-authentication.json");
    private string ServerError(int status) => provider == "openai"
        ? "{\"error\":{\"message\":\"The server had an error while processing your request. Sorry about that!\",\"type\":\"server_error\",\"param\":null,\"code\":null}}"
        : status == 529 ? OwnFixtures.Text("anthropic/error-529-overloaded.json") : "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server error\"}}";
    private string ContentFilter => provider == "openai"
        ? "{\"error\":{\"message\":\"Your request was rejected as a result of our safety system.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"content_policy_violation\"}}"
        : "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Output blocked by content filtering policy\"}}";

    private ILlmClient Client(int retries = 2, Action<ResilienceOptions>? configure = null) => _fake.Client(b => b
        .UseTimeProvider(_time)
        .UseRandom(() => 0.5)
        .Configure(o =>
        {
            o.Resilience.NumRetries = retries;
            o.Providers["mock"] = new ProviderSettings();
            configure?.Invoke(o.Resilience);
        }));

    private ChatCompletionRequest Ask() => new() { Model = Model, Messages = [ChatMessage.User("hi")] };

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(375);   // 500 ms × 2^0, equal jitter at 0.5
    private static readonly TimeSpan SecondBackoff = TimeSpan.FromMilliseconds(750);  // 500 ms × 2^1, equal jitter at 0.5

    [Test]
    public async Task Rate_limit_with_retry_after_waits_exactly_that_then_succeeds()
    {
        _fake.ReplySequence(Path, new A(429, RateLimited, Headers: new Dictionary<string, string> { ["retry-after"] = "2" }), new A(200, Ok));
        var response = await Clock.Drive(_time, Client().CompletionAsync(Ask()));
        Assert.That(response.Details.Attempts.Select(a => a.Succeeded), Is.EqualTo(new[] { false, true }));
        Assert.That(response.Details.Attempts[0].ErrorKind, Is.EqualTo(LlmErrorKind.RateLimit));
        Assert.That(response.Details.Attempts[1].DelayBefore, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(_fake.RequestCount, Is.EqualTo(2));
    }

    [Test]
    public void Rate_limit_asking_for_more_than_the_cap_surfaces_at_once_with_its_retry_after()
    {
        _fake.ReplySequence(Path, new A(429, RateLimited, Headers: new Dictionary<string, string> { ["retry-after"] = "120" }), new A(200, Ok));
        var ex = Assert.CatchAsync<RateLimitException>(() => Clock.Drive(_time, Client().CompletionAsync(Ask())));
        Assert.That(ex!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(120)));
        Assert.That(ex.Attempts, Has.Count.EqualTo(1));
        Assert.That(_fake.RequestCount, Is.EqualTo(1));
    }

    [TestCase(500, LlmErrorKind.InternalServer)]
    [TestCase(502, LlmErrorKind.InternalServer)]
    [TestCase(503, LlmErrorKind.ServiceUnavailable)]
    [TestCase(529, LlmErrorKind.Overloaded)]
    public async Task Server_errors_are_retried_with_backoff_then_succeed(int status, LlmErrorKind kind)
    {
        _fake.ReplySequence(Path, new A(status, ServerError(status)), new A(status, ServerError(status)), new A(200, Ok));
        var response = await Clock.Drive(_time, Client().CompletionAsync(Ask()));
        Assert.That(response.Details.Attempts.Select(a => a.ErrorKind), Is.EqualTo(new LlmErrorKind?[] { kind, kind, null }));
        Assert.That(response.Details.Attempts.Select(a => a.DelayBefore), Is.EqualTo(new TimeSpan?[] { null, FirstBackoff, SecondBackoff }));
    }

    [Test]
    public async Task Persistent_503_moves_to_the_fallback_model_after_the_retries()
    {
        _fake.Reply(Path, 503, ServerError(503));
        var request = Ask();
        request.Fallbacks = ["mock/backup"];
        var response = await Clock.Drive(_time, Client(retries: 1).CompletionAsync(request));
        Assert.That(response.Details.Provider, Is.EqualTo("mock"));
        Assert.That(response.Details.Attempts.Select(a => (a.Model, a.Succeeded)), Is.EqualTo(new[] { (Model, false), (Model, false), ("mock/backup", true) }));
        Assert.That(response.Details.Attempts[2].FallbackReason, Is.EqualTo("ServiceUnavailable"));
        Assert.That(response.Details.RequestedModel, Is.EqualTo(Model));
    }

    [Test]
    public void Unauthorized_is_neither_retried_nor_a_fallback_trigger()
    {
        _fake.Reply(Path, 401, Unauthorized);
        var request = Ask();
        request.Fallbacks = ["mock/backup"];
        var ex = Assert.CatchAsync<AuthenticationException>(() => Clock.Drive(_time, Client().CompletionAsync(request)));
        Assert.That(ex!.Attempts, Has.Count.EqualTo(1));
        Assert.That(_fake.RequestCount, Is.EqualTo(1));
    }

    [Test]
    public async Task Context_length_error_uses_the_context_window_fallbacks_only()
    {
        _fake.Reply(Path, 400, ContextTooLong);
        var request = Ask();
        request.Fallbacks = ["mock/general"];
        var response = await Clock.Drive(_time, Client(configure: r => r.ContextWindowFallbacks[Model] = ["mock/long-context"]).CompletionAsync(request));
        Assert.That(response.Model, Is.EqualTo("long-context"));
        Assert.That(response.Details.Attempts.Select(a => a.ErrorKind), Is.EqualTo(new LlmErrorKind?[] { LlmErrorKind.ContextWindowExceeded, null }));
        Assert.That(response.Details.Attempts[1].FallbackReason, Is.EqualTo("ContextWindowExceeded"));
    }

    [Test]
    public void Context_length_error_without_context_window_fallbacks_surfaces_typed()
    {
        _fake.Reply(Path, 400, ContextTooLong);
        var request = Ask();
        request.Fallbacks = ["mock/general"];
        var ex = Assert.CatchAsync<ContextWindowExceededException>(() => Clock.Drive(_time, Client().CompletionAsync(request)));
        Assert.That(ex!.Attempts, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Content_filter_uses_the_content_policy_fallbacks()
    {
        _fake.Reply(Path, 400, ContentFilter);
        var response = await Clock.Drive(_time, Client(configure: r => r.ContentPolicyFallbacks[Model] = ["mock/lenient"]).CompletionAsync(Ask()));
        Assert.That(response.Model, Is.EqualTo("lenient"));
        Assert.That(response.Details.Attempts[0].ErrorKind, Is.EqualTo(LlmErrorKind.ContentPolicyViolation));
    }

    [Test]
    public void Total_timeout_stops_retries_and_fallbacks_with_a_typed_timeout()
    {
        _fake.Reply(Path, 503, ServerError(503));
        var request = Ask();
        request.Timeout = TimeSpan.FromSeconds(1);
        request.Fallbacks = ["mock/backup"];
        var ex = Assert.CatchAsync<LlmTimeoutException>(() => Clock.Drive(_time, Client(retries: 10, configure: r => r.RetryBaseDelay = TimeSpan.FromSeconds(2)).CompletionAsync(request)));
        Assert.That(ex!.Attempts.All(a => a.Model == Model), Is.True, "no fallback after the deadline");
        Assert.That(ex.PreviousErrors, Is.Not.Empty);
    }

    [Test]
    public async Task Malformed_json_is_a_retryable_connection_error()
    {
        _fake.ReplySequence(Path, new A(200, "{\"id\":\"chatcmpl-1\",\"choices\":[{"), new A(200, Ok));
        var response = await Clock.Drive(_time, Client().CompletionAsync(Ask()));
        Assert.That(response.Details.Attempts.Select(a => a.ErrorKind), Is.EqualTo(new LlmErrorKind?[] { LlmErrorKind.ApiConnection, null }));
    }

    [Test]
    public async Task A_stream_failing_before_its_first_chunk_is_retried()
    {
        _fake.ReplySequence(Path, new A(503, ServerError(503)), new A(200, OkStream, "text/event-stream"));
        var response = await Clock.Drive(_time, Client().StreamCompletionAsync(Ask()).ToResponseAsync());
        Assert.That(response.Details.Attempts.Select(a => a.Succeeded), Is.EqualTo(new[] { false, true }));
        Assert.That(response.Content, Is.Not.Empty);
    }

    [Test]
    public void A_truncated_stream_after_chunks_is_a_typed_error_with_the_text_so_far_and_no_restart()
    {
        var truncated = provider == "openai" ? OwnFixtures.Text("openai/chat-stream-truncated.sse") : OwnFixtures.Text("anthropic/messages-stream-truncated.sse");
        _fake.ReplySequence(Path, new A(200, truncated, "text/event-stream"), new A(200, OkStream, "text/event-stream"));
        var request = Ask();
        request.Fallbacks = ["mock/backup"];
        var ex = Assert.CatchAsync<ApiConnectionException>(() => Clock.Drive(_time, Client().StreamCompletionAsync(request).ToResponseAsync()));
        Assert.That(ex!.ErrorCode, Is.EqualTo("stream_truncated"));
        Assert.That(ex.PartialResponse!.Content, Is.Not.Empty);
        Assert.That(_fake.RequestCount, Is.EqualTo(1));
        Assert.That(ex.Attempts, Has.Count.EqualTo(1));
    }

    [Test]
    public void An_error_event_inside_a_200_stream_after_chunks_is_typed_with_the_partial_text()
    {
        var body = provider == "openai"
            ? "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Partial\"},\"finish_reason\":null}]}\n\n" +
              "data: {\"error\":{\"message\":\"The server is overloaded.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n"
            : OwnFixtures.Text("anthropic/messages-stream-midstream-error.sse");
        _fake.Reply(Path, 200, body, "text/event-stream");
        var ex = Assert.CatchAsync<LlmException>(() => Clock.Drive(_time, Client().StreamCompletionAsync(Ask()).ToResponseAsync()));
        Assert.That(ex!.IsRetryable, Is.True);
        Assert.That(ex.PartialResponse!.Content, Is.EqualTo("Partial"));
        Assert.That(_fake.RequestCount, Is.EqualTo(1), "no silent restart once chunks were delivered");
    }

    [Test]
    public async Task Caller_cancellation_mid_stream_releases_the_connection_and_is_not_retried()
    {
        _fake.Reply(Path, 200, OkStream, "text/event-stream");
        using var cts = new CancellationTokenSource();
        var request = Ask();
        request.Fallbacks = ["mock/backup"];
        var seen = 0;
        Assert.CatchAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in Client().StreamCompletionAsync(request, cts.Token))
                if (++seen == 2) await cts.CancelAsync();
        });
        Assert.That(seen, Is.EqualTo(2));
        Assert.That(_fake.RequestCount, Is.EqualTo(1));
        var again = await Client().StreamCompletionAsync(Ask()).ToResponseAsync();
        Assert.That(again.Content, Is.Not.Empty, "the pooled connection is usable again");
    }

    [Test]
    public async Task Attempts_across_models_are_bounded()
    {
        _fake.Reply(Path, 503, ServerError(503));
        var request = Ask();
        request.Fallbacks = [Model, Model, Model];
        var ex = Assert.CatchAsync<ServiceUnavailableException>(() => Clock.Drive(_time, Client(retries: 2, configure: r => r.MaxAttempts = 4).CompletionAsync(request)));
        Assert.That(ex!.Attempts, Has.Count.EqualTo(4));
        Assert.That(ex.PreviousErrors, Has.Count.EqualTo(3));
        Assert.That(ex.PreviousErrors, Has.All.InstanceOf<ServiceUnavailableException>());
        await Task.CompletedTask;
    }
}

/// <summary>OpenAI's insufficient_quota 429: the one 429 that no retry can fix.</summary>
public class QuotaExhaustedTests
{
    [Test]
    public void Quota_exhausted_is_never_retried_but_may_fall_back()
    {
        using var fake = new FakeProvider();
        var time = new FakeTimeProvider();
        fake.Reply("/v1/chat/completions", 429, OwnFixtures.Text("openai/error-429-insufficient-quota.json"));
        var client = fake.Client(b => b.UseTimeProvider(time).Configure(o => o.Resilience.NumRetries = 3));
        var ex = Assert.CatchAsync<QuotaExceededException>(() => Clock.Drive(time, client.CompletionAsync("gpt-4o", "hi")));
        Assert.That(ex!.Attempts, Has.Count.EqualTo(1));
        Assert.That(fake.RequestCount, Is.EqualTo(1));

        var request = new ChatCompletionRequest { Model = "gpt-4o", Messages = [ChatMessage.User("hi")], Fallbacks = ["mock/other-account"] };
        var response = Clock.Drive(time, client.CompletionAsync(request)).GetAwaiter().GetResult();
        Assert.That(response.Details.Attempts.Select(a => a.ErrorKind), Is.EqualTo(new LlmErrorKind?[] { LlmErrorKind.QuotaExceeded, null }));
    }
}
