using System.Net;
using System.Text.Json;
using LlmAbstraction.Tests.TestSupport;

namespace LlmAbstraction.Tests.Providers.OpenAI;

public class OpenAIAdapterTests
{
    private FakeProvider _fake = null!;

    [SetUp] public void SetUp() => _fake = new FakeProvider();
    [TearDown] public void TearDown() => _fake.Dispose();

    private static ChatCompletionRequest Ask(string model = "gpt-4.1-nano") => new() { Model = model, Messages = [ChatMessage.User("What is the capital of France?")] };

    [Test]
    public async Task OpenAI_completion_maps_the_recorded_response_and_says_who_answered()
    {
        _fake.Reply("/v1/chat/completions", 200, OwnFixtures.Text("openai/chat-text.response.json"), headers: new Dictionary<string, string> { ["x-request-id"] = "req_abc" });
        var response = await _fake.Client().CompletionAsync(Ask());

        Assert.That(response.Content, Is.EqualTo("Paris is the capital of France."));
        Assert.That(response.Choices[0].FinishReason, Is.EqualTo("stop"));
        Assert.That(response.Usage!.PromptTokens, Is.EqualTo(14));
        Assert.That(response.Usage.TotalTokens, Is.EqualTo(22));
        Assert.That(response.Details.Provider, Is.EqualTo("openai"));
        Assert.That(response.Details.Model, Is.EqualTo("gpt-4.1-nano-2025-04-14"));
        Assert.That(response.Details.ProviderRequestId, Is.EqualTo("req_abc"));
        Assert.That(response.Details.Attempts, Has.Count.EqualTo(1));
        Assert.That(response.Choices[0].Message.AdditionalProperties!.ContainsKey("annotations"), Is.True, "unknown fields are kept");
    }

    [Test]
    public async Task OpenAI_request_body_is_openai_json_without_gateway_fields()
    {
        _fake.Reply("/v1/chat/completions", 200, OwnFixtures.Text("openai/chat-text.response.json"));
        var request = Ask("openai/gpt-4o");
        request.Temperature = 0.2;
        request.Stop = ["END"];
        request.Metadata = new Dictionary<string, string> { ["team"] = "a" };
        request.Timeout = TimeSpan.FromSeconds(30);
        request.ToolChoice = ToolChoice.Function("get_weather");
        request.Tools = [ToolDefinition.ForFunction("get_weather", "Weather", JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}}}""").RootElement)];
        await _fake.Client().CompletionAsync(request);

        JsonAssert.AreEquivalent("""
            {"model":"gpt-4o","messages":[{"role":"user","content":"What is the capital of France?"}],"temperature":0.2,"stop":["END"],
             "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}],
             "tool_choice":{"type":"function","function":{"name":"get_weather"}}}
            """, _fake.LastRequestBody);
        var auth = _fake.LastRequestHeaders["Authorization"].ToString();
        Assert.That(auth, Is.EqualTo("Bearer " + FakeProvider.TestKey));
    }

    [Test]
    public async Task OpenAI_stream_yields_chunks_in_order_and_rebuilds_parallel_tool_calls_and_usage()
    {
        _fake.Reply("/v1/chat/completions", 200, OwnFixtures.Text("openai/chat-stream-tools.sse"), "text/event-stream; charset=utf-8");
        var chunks = new List<ChatCompletionChunk>();
        await foreach (var c in _fake.Client().StreamCompletionAsync(Ask("gpt-4o-mini"))) chunks.Add(c);

        Assert.That(chunks, Has.Count.EqualTo(9));
        Assert.That(chunks[0].Choices[0].Delta.Role, Is.EqualTo("assistant"));
        Assert.That(chunks[^1].Choices, Is.Empty);
        Assert.That(chunks[^1].Usage!.TotalTokens, Is.EqualTo(127));
        Assert.That(chunks[^1].Details!.Provider, Is.EqualTo("openai"));
        var rebuilt = ChunkAggregator.Build(chunks);
        var calls = rebuilt.Choices[0].Message.ToolCalls!;
        Assert.That(calls.Select(c => c.Function.Name), Is.EqualTo(new[] { "get_weather", "get_time" }));
        Assert.That(calls[0].Function.Arguments, Is.EqualTo("""{"city": "Paris"}"""));
        Assert.That(calls[1].Function.Arguments, Is.EqualTo("""{"tz":"Europe/Paris"}"""));
        Assert.That(rebuilt.Choices[0].FinishReason, Is.EqualTo("tool_calls"));
        Assert.That(rebuilt.Usage!.CachedTokens, Is.EqualTo(64));

        using var sent = JsonDocument.Parse(_fake.LastRequestBody);
        Assert.That(sent.RootElement.GetProperty("stream").GetBoolean(), Is.True);
        Assert.That(sent.RootElement.GetProperty("stream_options").GetProperty("include_usage").GetBoolean(), Is.True);
    }

    [Test]
    public void OpenAI_stream_without_DONE_is_a_typed_connection_error()
    {
        _fake.Reply("/v1/chat/completions", 200, OwnFixtures.Text("openai/chat-stream-truncated.sse"), "text/event-stream");
        var ex = Assert.ThrowsAsync<ApiConnectionException>(async () => await _fake.Client().StreamCompletionAsync(Ask()).ToResponseAsync());
        Assert.That(ex!.ErrorCode, Is.EqualTo("stream_truncated"));
        Assert.That(ex.IsRetryable, Is.True);
    }

    [Test]
    public void OpenAI_error_event_inside_a_200_stream_is_typed()
    {
        var body = "data: {\"error\":{\"message\":\"The server had an error while processing your request.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n";
        _fake.Reply("/v1/chat/completions", 200, body, "text/event-stream");
        var ex = Assert.ThrowsAsync<InternalServerException>(async () => await _fake.Client().StreamCompletionAsync(Ask()).ToResponseAsync());
        Assert.That(ex!.Message, Does.Contain("server had an error"));
    }

    [TestCase("openai/error-401-invalid-api-key.json", 401, typeof(AuthenticationException), "invalid_api_key", false)]
    [TestCase("openai/error-429-insufficient-quota.json", 429, typeof(QuotaExceededException), "insufficient_quota", false)]
    [TestCase("openai/error-429-rate-limit.json", 429, typeof(RateLimitException), "rate_limit_exceeded", true)]
    [TestCase("openai/error-400-context-length.json", 400, typeof(ContextWindowExceededException), "context_length_exceeded", false)]
    public void OpenAI_error_bodies_become_typed_errors(string fixture, int status, Type expected, string code, bool retryable)
    {
        _fake.Reply("/v1/chat/completions", status, OwnFixtures.Text(fixture), headers: new Dictionary<string, string> { ["retry-after"] = "20", ["x-request-id"] = "req_1" });
        var ex = Assert.ThrowsAsync(Is.InstanceOf(expected), async () => await _fake.Client().CompletionAsync(Ask())) as LlmException;
        Assert.That(ex!.GetType(), Is.EqualTo(expected));
        Assert.That(ex.StatusCode, Is.EqualTo((HttpStatusCode)status));
        Assert.That(ex.ErrorCode, Is.EqualTo(code));
        Assert.That(ex.IsRetryable, Is.EqualTo(retryable));
        Assert.That(ex.Provider, Is.EqualTo("openai"));
        Assert.That(ex.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(20)));
        Assert.That(ex.ProviderRequestId, Is.EqualTo("req_1"));
        Assert.That(ex.Message + ex.RawBody, Does.Not.Contain(FakeProvider.TestKey));
    }

    [Test]
    public void A_key_echoed_by_the_provider_is_redacted()
    {
        var body = "{\"error\":{\"message\":\"Incorrect API key provided: " + FakeProvider.TestKey + ".\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}";
        _fake.Reply("/v1/chat/completions", 401, body);
        var ex = Assert.ThrowsAsync<AuthenticationException>(async () => await _fake.Client().CompletionAsync(Ask()));
        Assert.That(ex!.Message, Does.Not.Contain(FakeProvider.TestKey));
        Assert.That(ex.RawBody, Does.Not.Contain(FakeProvider.TestKey));
        Assert.That(ex.ToString(), Does.Not.Contain(FakeProvider.TestKey));
        Assert.That(ex.Message, Does.Contain("[REDACTED]"));
    }

    [Test]
    public async Task Cancelling_a_stream_midway_stops_it_without_a_retry()
    {
        _fake.Reply("/v1/chat/completions", 200, OwnFixtures.Text("openai/chat-stream-text.sse"), "text/event-stream");
        using var cts = new CancellationTokenSource();
        var seen = 0;
        Assert.CatchAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in _fake.Client().StreamCompletionAsync(Ask(), cts.Token))
            {
                if (++seen == 2) cts.Cancel();
            }
        });
        Assert.That(seen, Is.EqualTo(2));
        Assert.That(_fake.RequestCount, Is.EqualTo(1));
        await Task.CompletedTask;
    }

    [Test]
    public void Unreachable_host_is_an_api_connection_error()
    {
        var client = new LlmClientBuilder().UseEnvironment(_ => null).Configure(o => o.Resilience.NumRetries = 0)
            .Configure(o => o.Providers["openai"] = new ProviderSettings { ApiBase = "http://127.0.0.1:9/v1", ApiKey = FakeProvider.TestKey }).Build();
        var ex = Assert.ThrowsAsync<ApiConnectionException>(async () => await client.CompletionAsync(Ask()));
        Assert.That(ex!.Message, Does.Not.Contain(FakeProvider.TestKey));
    }
}
