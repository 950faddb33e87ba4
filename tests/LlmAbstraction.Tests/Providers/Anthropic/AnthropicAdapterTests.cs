using System.Net;
using System.Text.Json;
using LlmAbstraction.Tests.TestSupport;

namespace LlmAbstraction.Tests.Providers.Anthropic;

public class AnthropicAdapterTests
{
    private FakeProvider _fake = null!;

    [SetUp] public void SetUp() => _fake = new FakeProvider();
    [TearDown] public void TearDown() => _fake.Dispose();

    private static readonly JsonElement WeatherSchema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement;

    [Test]
    public async Task Anthropic_response_maps_text_tool_use_finish_reason_and_cache_usage()
    {
        _fake.Reply("/v1/messages", 200, OwnFixtures.Text("anthropic/messages-tool-use.response.json"), headers: new Dictionary<string, string> { ["request-id"] = "req_x" });
        var response = await _fake.Client().CompletionAsync(new ChatCompletionRequest { Model = "anthropic/claude-sonnet-4-5", Messages = [ChatMessage.User("Weather in Paris?")] });

        Assert.That(response.Content, Is.EqualTo("Let me look that up."));
        var call = response.Choices[0].Message.ToolCalls!.Single();
        Assert.That(call.Id, Is.EqualTo("toolu_01LAtest00000000000001"));
        Assert.That(call.Function.Name, Is.EqualTo("get_weather"));
        JsonAssert.AreEquivalent("""{"city":"Paris","units":"celsius"}""", call.Function.Arguments!);
        Assert.That(response.Choices[0].FinishReason, Is.EqualTo("tool_calls"));
        Assert.That(response.Choices[0].ProviderFinishReason, Is.EqualTo("tool_use"));
        var u = response.Usage!;
        Assert.That(u.PromptTokens, Is.EqualTo(12 + 1000 + 300));
        Assert.That(u.CompletionTokens, Is.EqualTo(40));
        Assert.That(u.TotalTokens, Is.EqualTo(1352));
        Assert.That(u.CachedTokens, Is.EqualTo(1000));
        Assert.That(u.CacheWriteTokens, Is.EqualTo(300));
        Assert.That(u.PromptTokensDetails!.CacheWrite1hTokens, Is.EqualTo(100));
        Assert.That(response.Details.Provider, Is.EqualTo("anthropic"));
        Assert.That(response.Details.ProviderRequestId, Is.EqualTo("req_x"));
    }

    [Test]
    public async Task Anthropic_request_moves_system_maps_tools_merges_tool_results_and_sends_headers()
    {
        _fake.Reply("/v1/messages", 200, OwnFixtures.Text("anthropic/messages-tool-use.response.json"));
        var request = new ChatCompletionRequest
        {
            Model = "claude-3-haiku-20240307",
            Messages =
            [
                ChatMessage.System("Be brief."),
                ChatMessage.User("Weather in Paris and Rome?"),
                new ChatMessage(ChatRoles.Assistant, null)
                {
                    ToolCalls =
                    [
                        new ToolCall { Id = "toolu_1", Function = new FunctionCall { Name = "get_weather", Arguments = """{"city":"Paris"}""" } },
                        new ToolCall { Id = "toolu_2", Function = new FunctionCall { Name = "get_weather", Arguments = "" } },
                    ],
                },
                ChatMessage.Tool("toolu_1", "18C"),
                ChatMessage.Tool("toolu_2", "21C"),
            ],
            Stop = ["###"],
            Tools = [ToolDefinition.ForFunction("get_weather", "Get weather", WeatherSchema)],
            ToolChoice = ToolChoice.Required,
            ParallelToolCalls = false,
            User = "user-42",
        };
        await _fake.Client().CompletionAsync(request);

        JsonAssert.AreEquivalent("""
            {"model":"claude-3-haiku-20240307","max_tokens":4096,"system":"Be brief.",
             "messages":[
               {"role":"user","content":[{"type":"text","text":"Weather in Paris and Rome?"}]},
               {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}},{"type":"tool_use","id":"toolu_2","name":"get_weather","input":{}}]},
               {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"18C"},{"type":"tool_result","tool_use_id":"toolu_2","content":"21C"}]}],
             "stop_sequences":["###"],
             "tools":[{"name":"get_weather","description":"Get weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}],
             "tool_choice":{"type":"any","disable_parallel_tool_use":true},
             "metadata":{"user_id":"user-42"}}
            """, _fake.LastRequestBody);
        Assert.That(_fake.LastRequestHeaders["x-api-key"].ToString(), Is.EqualTo(FakeProvider.TestKey));
        Assert.That(_fake.LastRequestHeaders["anthropic-version"].ToString(), Is.EqualTo("2023-06-01"));
    }

    [Test]
    public async Task Anthropic_max_tokens_defaults_to_the_models_known_limit()
    {
        _fake.Reply("/v1/messages", 200, OwnFixtures.Text("anthropic/messages-tool-use.response.json"));
        await _fake.Client().CompletionAsync(new ChatCompletionRequest { Model = "anthropic/claude-sonnet-4-5-20250929", Messages = [ChatMessage.User("hi")] });
        using var sent = JsonDocument.Parse(_fake.LastRequestBody);
        Assert.That(sent.RootElement.GetProperty("max_tokens").GetInt32(), Is.EqualTo(64000));
    }

    [Test]
    public async Task Anthropic_images_become_base64_or_url_sources()
    {
        _fake.Reply("/v1/messages", 200, OwnFixtures.Text("anthropic/messages-tool-use.response.json"));
        await _fake.Client().CompletionAsync(new ChatCompletionRequest
        {
            Model = "anthropic/claude-sonnet-4-5",
            MaxTokens = 100,
            Messages = [ChatMessage.User(ContentPart.FromText("What is this?"), ContentPart.FromImageUrl("data:image/png;base64,iVBORw0KGgo="), ContentPart.FromImageUrl("https://example.com/a.jpg"))],
        });
        JsonAssert.AreEquivalent("""
            {"model":"claude-sonnet-4-5","max_tokens":100,"messages":[{"role":"user","content":[
              {"type":"text","text":"What is this?"},
              {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},
              {"type":"image","source":{"type":"url","url":"https://example.com/a.jpg"}}]}]}
            """, _fake.LastRequestBody);
    }

    [Test]
    public void Anthropic_unsupported_parameter_is_refused_or_dropped_with_a_warning()
    {
        _fake.Reply("/v1/messages", 200, OwnFixtures.Text("anthropic/messages-tool-use.response.json"));
        var request = new ChatCompletionRequest { Model = "anthropic/claude-sonnet-4-5", Messages = [ChatMessage.User("hi")], Seed = 7 };
        var ex = Assert.ThrowsAsync<UnsupportedParamsException>(async () => await _fake.Client().CompletionAsync(request));
        Assert.That(ex!.Message, Does.Contain("seed"));
        Assert.That(_fake.RequestCount, Is.EqualTo(0));

        request.DropParams = true;
        var response = _fake.Client().CompletionAsync(request).GetAwaiter().GetResult();
        Assert.That(response.Details.Warnings, Has.Some.Contains("seed"));
        Assert.That(_fake.LastRequestBody, Does.Not.Contain("seed"));
    }

    [Test]
    public async Task Anthropic_stream_turns_events_into_openai_chunks_with_tool_deltas_and_usage()
    {
        _fake.Reply("/v1/messages", 200, OwnFixtures.Text("anthropic/messages-stream-tool-use.sse"), "text/event-stream; charset=utf-8");
        var chunks = new List<ChatCompletionChunk>();
        await foreach (var c in _fake.Client().StreamCompletionAsync(new ChatCompletionRequest { Model = "claude-sonnet-4-5", Messages = [ChatMessage.User("Weather?")] }))
            chunks.Add(c);

        Assert.That(chunks[0].Choices[0].Delta.Role, Is.EqualTo("assistant"));
        Assert.That(chunks.Select(c => c.Id).Distinct().Single(), Is.EqualTo("msg_01LAtest000000000000002"));
        var toolDeltas = chunks.SelectMany(c => c.Choices).SelectMany(c => c.Delta.ToolCalls ?? []).ToList();
        Assert.That(toolDeltas.Select(t => t.Index).Distinct(), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(toolDeltas.First().Id, Is.EqualTo("toolu_01LAtest00000000000002"));
        Assert.That(chunks[^1].Choices, Is.Empty);
        Assert.That(chunks[^1].Usage!.PromptTokens, Is.EqualTo(394));
        Assert.That(chunks[^1].Usage!.CompletionTokens, Is.EqualTo(71));

        var rebuilt = ChunkAggregator.Build(chunks);
        Assert.That(rebuilt.Content, Is.EqualTo("Checking now."));
        Assert.That(rebuilt.Choices[0].Message.ToolCalls![0].Function.Arguments, Is.EqualTo("""{"city": "Paris"}"""));
        Assert.That(rebuilt.Choices[0].Message.ToolCalls![1].Function.Arguments, Is.EqualTo("{}"), "a tool with no arguments yields {}");
        Assert.That(rebuilt.Choices[0].FinishReason, Is.EqualTo("tool_calls"));
        using var sent = JsonDocument.Parse(_fake.LastRequestBody);
        Assert.That(sent.RootElement.GetProperty("stream").GetBoolean(), Is.True);
    }

    [Test]
    public void Anthropic_error_event_mid_stream_is_a_typed_overloaded_error_after_the_text_so_far()
    {
        _fake.Reply("/v1/messages", 200, OwnFixtures.Text("anthropic/messages-stream-midstream-error.sse"), "text/event-stream");
        var text = "";
        var ex = Assert.ThrowsAsync<OverloadedException>(async () =>
        {
            await foreach (var c in _fake.Client().StreamCompletionAsync(new ChatCompletionRequest { Model = "claude-sonnet-4-5", Messages = [ChatMessage.User("hi")] }))
                text += c.Choices.FirstOrDefault()?.Delta.Content;
        });
        Assert.That(text, Is.EqualTo("Partial"));
        Assert.That(ex!.IsRetryable, Is.True);
        Assert.That(ex.StatusCode, Is.Null);
    }

    [Test]
    public void Anthropic_stream_without_message_stop_is_a_typed_connection_error()
    {
        _fake.Reply("/v1/messages", 200, OwnFixtures.Text("anthropic/messages-stream-truncated.sse"), "text/event-stream");
        var ex = Assert.ThrowsAsync<ApiConnectionException>(async () =>
            await _fake.Client().StreamCompletionAsync(new ChatCompletionRequest { Model = "claude-sonnet-4-5", Messages = [ChatMessage.User("hi")] }).ToResponseAsync());
        Assert.That(ex!.ErrorCode, Is.EqualTo("stream_truncated"));
    }

    [TestCase("anthropic/error-400-prompt-too-long.json", 400, typeof(ContextWindowExceededException), false)]
    [TestCase("anthropic/error-401-authentication.json", 401, typeof(AuthenticationException), false)]
    [TestCase("anthropic/error-429-rate-limit.json", 429, typeof(RateLimitException), true)]
    [TestCase("anthropic/error-529-overloaded.json", 529, typeof(OverloadedException), true)]
    public void Anthropic_error_bodies_become_typed_errors(string fixture, int status, Type expected, bool retryable)
    {
        _fake.Reply("/v1/messages", status, OwnFixtures.Text(fixture), headers: new Dictionary<string, string> { ["request-id"] = "req_err", ["retry-after"] = "7" });
        var ex = Assert.ThrowsAsync(Is.InstanceOf(expected), async () =>
            await _fake.Client().CompletionAsync(new ChatCompletionRequest { Model = "claude-sonnet-4-5", Messages = [ChatMessage.User("hi")] })) as LlmException;
        Assert.That(ex!.GetType(), Is.EqualTo(expected));
        Assert.That(ex.StatusCode, Is.EqualTo((HttpStatusCode)status));
        Assert.That(ex.IsRetryable, Is.EqualTo(retryable));
        Assert.That(ex.ProviderRequestId, Is.EqualTo("req_err"));
        Assert.That(ex.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(7)));
        Assert.That(ex.ErrorType, Is.Not.Null);
    }
}
