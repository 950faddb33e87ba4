using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmAbstraction.Tests.TestSupport;

namespace LlmAbstraction.Tests.Providers.Mistral;

/// <summary>Replays every recording in ../shared/fixtures/mistral (see its SOURCES.md) through the Mistral adapter.</summary>
public class MistralSharedReplayTests
{
    private const string ChatPath = "/v1/chat/completions";

    private static readonly string[] Covered =
    [
        "errors/error-400-invalid-tool-call-id.json",
        "errors/error-401-unauthorized-detail.json",
        "errors/error-401-unauthorized.json",
        "errors/error-429-rate-limited-raw-status.json",
        "errors/error-429-rate-limited.json",
        "errors/error-429-requests-rate-limit-legacy.json",
        "errors/error-service-tier-capacity-exceeded.json",
        "recorded/chat-stop-sequence.request.json",
        "recorded/chat-stop-sequence.response.json",
        "recorded/chat-stream-text.chunks.jsonl",
        "recorded/chat-stream-thinking.request.json",
        "recorded/chat-stream-thinking.response-headers.json",
        "recorded/chat-stream-thinking.sse",
        "recorded/chat-stream-tool-call.chunks.jsonl",
        "recorded/chat-text.response.json",
        "recorded/chat-tool-call.response.json",
        "recorded/chat-tool-choice-any.request.json",
        "recorded/chat-tool-choice-any.response.json",
        "recorded/chat-usage-cached-tokens.request.json",
        "recorded/chat-usage-cached-tokens.response.json",
    ];

    private FakeProvider _fake = null!;
    private string _dir = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = SharedFixtures.RequireDir("fixtures/mistral");
        _fake = new FakeProvider();
    }

    [TearDown] public void TearDown() => _fake?.Dispose();

    private string Shared(string relative) => File.ReadAllText(Path.Combine(_dir, relative));

    private ILlmClient Client() => _fake.Client(b => b.Configure(o => o.Providers["mistral"] = new ProviderSettings { ApiBase = _fake.Url + "/v1", ApiKey = FakeProvider.TestKey }));

    private static ChatCompletionRequest Ask(string model = "mistral-small-latest") => new() { Model = "mistral/" + model, Messages = [ChatMessage.User("Hello")] };

    /// <summary>The recorded request as a caller would have written it: OpenAI's "required" for Mistral's "any".</summary>
    private ChatCompletionRequest CallerRequest(string file)
    {
        var node = JsonNode.Parse(Shared(file))!.AsObject();
        if (node["tool_choice"]?.GetValue<string>() == "any") node["tool_choice"] = "required";
        node.Remove("stream");
        var request = JsonSerializer.Deserialize(node.ToJsonString(), LlmJsonContext.Default.ChatCompletionRequest)!;
        request.Model = "mistral/" + request.Model;
        return request;
    }

    /// <summary>
    /// The recorded body, normalised where the Python SDK and we differ only in spelling: it writes <c>"stream": false</c>
    /// (we omit the default) and leaves a tool's <c>type</c> unset (we write Mistral's only value, <c>"function"</c>).
    /// </summary>
    private string ExpectedBody(string file)
    {
        var node = JsonNode.Parse(Shared(file))!.AsObject();
        if (node["stream"]?.GetValue<bool>() == false) node.Remove("stream");
        if (node["tools"] is JsonArray tools)
            foreach (var t in tools) t!.AsObject().TryAdd("type", "function");
        return node.ToJsonString();
    }

    private static string Sse(string jsonl)
    {
        var sb = new StringBuilder();
        foreach (var line in jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            sb.Append("data: ").Append(line).Append("\n\n");
        return sb.Append("data: [DONE]\n\n").ToString();
    }

    [Test]
    public void Every_recording_in_the_shared_mistral_folder_is_covered()
    {
        var files = Directory.GetFiles(_dir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_dir, f).Replace('\\', '/'))
            .Where(f => f != "SOURCES.md").Order(StringComparer.Ordinal).ToArray();
        Assert.That(files, Is.EqualTo(Covered), "a new recording appeared: replay it here");
    }

    [Test]
    public async Task Recorded_text_response_maps_content_usage_and_null_tool_calls()
    {
        _fake.Reply(ChatPath, 200, Shared("recorded/chat-text.response.json"));
        var response = await Client().CompletionAsync(Ask());
        Assert.That(response.Id, Is.EqualTo("5319bd0299614c679a0068a4f2c8ffd0"));
        Assert.That(response.Content, Does.StartWith("**Holiday Name: \"World Kindness Day of Sharing\"**"));
        Assert.That(response.Content, Does.EndWith("What would you share? \U0001F60A"));
        Assert.That(response.Choices[0].Message.ToolCalls, Is.Null);
        Assert.That(response.Choices[0].FinishReason, Is.EqualTo("stop"));
        Assert.That((response.Usage!.PromptTokens, response.Usage.CompletionTokens, response.Usage.TotalTokens), Is.EqualTo((13, 434, 447)));
    }

    [Test]
    public async Task Recorded_tool_call_without_type_or_content_maps_to_an_openai_tool_call()
    {
        _fake.Reply(ChatPath, 200, Shared("recorded/chat-tool-call.response.json"));
        var response = await Client().CompletionAsync(Ask());
        var call = response.Choices[0].Message.ToolCalls!.Single();
        Assert.That((call.Id, call.Type, call.Function.Name, call.Function.Arguments), Is.EqualTo(("gSIMJiOkT", "function", "weather", "{\"location\": \"San Francisco\"}")));
        Assert.That(response.Content, Is.Null);
        Assert.That(response.Choices[0].FinishReason, Is.EqualTo("tool_calls"));
    }

    [Test]
    public async Task Recorded_text_stream_ends_with_a_usage_chunk_split_from_the_finish_chunk()
    {
        _fake.Reply(ChatPath, 200, Sse(Shared("recorded/chat-stream-text.chunks.jsonl")), "text/event-stream");
        var chunks = new List<ChatCompletionChunk>();
        await foreach (var c in Client().StreamCompletionAsync(Ask())) chunks.Add(c);
        Assert.That(chunks, Has.Count.EqualTo(9), "8 recorded chunks, the last split in two");
        Assert.That(chunks[0].Choices[0].Delta.Role, Is.EqualTo("assistant"));
        Assert.That(chunks[^2].Choices[0].FinishReason, Is.EqualTo("stop"));
        Assert.That(chunks[^1].Choices, Is.Empty);
        Assert.That(chunks[^1].Usage!.TotalTokens, Is.EqualTo(21));
        var rebuilt = ChunkAggregator.Build(chunks);
        Assert.That(rebuilt.Content, Is.EqualTo("Hello, world! This is a test response."));
        Assert.That(rebuilt.Id, Is.EqualTo("5319bd0299614c679a0068a4f2c8ffd0"));
    }

    [Test]
    public async Task Recorded_tool_call_stream_gets_an_index_and_type()
    {
        _fake.Reply(ChatPath, 200, Sse(Shared("recorded/chat-stream-tool-call.chunks.jsonl")), "text/event-stream");
        var chunks = new List<ChatCompletionChunk>();
        await foreach (var c in Client().StreamCompletionAsync(Ask())) chunks.Add(c);
        var delta = chunks[1].Choices[0].Delta.ToolCalls!.Single();
        Assert.That((delta.Index, delta.Id, delta.Type), Is.EqualTo((0, "gSIMJiOkT", "function")));
        var rebuilt = ChunkAggregator.Build(chunks);
        Assert.That(rebuilt.Choices[0].Message.ToolCalls!.Single().Function.Arguments, Is.EqualTo("{\"location\": \"San Francisco\"}"));
        Assert.That(rebuilt.Choices[0].FinishReason, Is.EqualTo("tool_calls"));
        Assert.That(rebuilt.Usage!.TotalTokens, Is.EqualTo(146));
        Assert.That(chunks[^1].Choices, Is.Empty);
    }

    [Test]
    public async Task Recorded_thinking_stream_sends_the_recorded_body_and_splits_reasoning_from_content()
    {
        var headers = JsonSerializer.Deserialize<Dictionary<string, string[]>>(Shared("recorded/chat-stream-thinking.response-headers.json"))!
            .Where(h => h.Key is "mistral-correlation-id").ToDictionary(h => h.Key, h => h.Value[0]);
        _fake.Reply(ChatPath, 200, Shared("recorded/chat-stream-thinking.sse"), "text/event-stream; charset=utf-8", headers);
        var chunks = new List<ChatCompletionChunk>();
        await foreach (var c in Client().StreamCompletionAsync(CallerRequest("recorded/chat-stream-thinking.request.json"))) chunks.Add(c);

        JsonAssert.AreEquivalent(ExpectedBody("recorded/chat-stream-thinking.request.json"), _fake.LastRequestBody);
        var rebuilt = ChunkAggregator.Build(chunks);
        Assert.That(rebuilt.Choices[0].Message.ReasoningContent, Does.StartWith("Okay, the user is asking how to cross the street."));
        Assert.That(rebuilt.Content, Does.StartWith("To cross the street safely, follow these steps:\n\n1. Look both ways"));
        Assert.That(rebuilt.Content, Does.Not.Contain("Okay, the user"));
        Assert.That(rebuilt.Usage!.CompletionTokens, Is.EqualTo(232));
        Assert.That(chunks[^1].Choices, Is.Empty);
        Assert.That(chunks[^1].Details!.Provider, Is.EqualTo("mistral"));
    }

    [Test]
    public async Task Recorded_tool_choice_any_request_and_num_cached_tokens_response()
    {
        _fake.Reply(ChatPath, 200, Shared("recorded/chat-tool-choice-any.response.json"));
        var response = await Client().CompletionAsync(CallerRequest("recorded/chat-tool-choice-any.request.json"));

        JsonAssert.AreEquivalent(ExpectedBody("recorded/chat-tool-choice-any.request.json"), _fake.LastRequestBody);
        var call = response.Choices[0].Message.ToolCalls!.Single();
        Assert.That((call.Id, call.Type, call.Function.Arguments), Is.EqualTo(("pcZFHqej8", "function", "{\"city\": \"Paris\"}")));
        Assert.That(response.Content, Is.EqualTo(""));
        Assert.That(response.Usage!.CachedTokens, Is.EqualTo(69));
        Assert.That(response.Usage.PromptTokens, Is.EqualTo(70));
    }

    [Test]
    public async Task Recorded_prompt_cache_request_round_trips_and_cached_tokens_are_read()
    {
        _fake.Reply(ChatPath, 200, Shared("recorded/chat-usage-cached-tokens.response.json"));
        var response = await Client().CompletionAsync(CallerRequest("recorded/chat-usage-cached-tokens.request.json"));

        JsonAssert.AreEquivalent(ExpectedBody("recorded/chat-usage-cached-tokens.request.json"), _fake.LastRequestBody);
        Assert.That(response.Content, Is.EqualTo("cache probe two."));
        Assert.That(response.Usage!.PromptTokens, Is.EqualTo(268));
        Assert.That(response.Usage.CachedTokens, Is.EqualTo(224));
    }

    [Test]
    public async Task Recorded_stop_sequence_request_and_response()
    {
        _fake.Reply(ChatPath, 200, Shared("recorded/chat-stop-sequence.response.json"));
        var response = await Client().CompletionAsync(CallerRequest("recorded/chat-stop-sequence.request.json"));

        JsonAssert.AreEquivalent(ExpectedBody("recorded/chat-stop-sequence.request.json"), _fake.LastRequestBody);
        Assert.That(response.Content, Is.EqualTo("The capital of France is "));
        Assert.That(response.Choices[0].FinishReason, Is.EqualTo("stop"));
    }

    [TestCase("errors/error-400-invalid-tool-call-id.json", 400, typeof(BadRequestException), "Tool call id was 2968-LWy3uasib")]
    [TestCase("errors/error-401-unauthorized.json", 401, typeof(AuthenticationException), "Unauthorized")]
    [TestCase("errors/error-401-unauthorized-detail.json", 401, typeof(AuthenticationException), "Unauthorized")]
    [TestCase("errors/error-429-rate-limited.json", 429, typeof(RateLimitException), "Rate limit exceeded")]
    [TestCase("errors/error-429-rate-limited-raw-status.json", 429, typeof(RateLimitException), "Rate limit exceeded")]
    [TestCase("errors/error-429-requests-rate-limit-legacy.json", 429, typeof(RateLimitException), "Requests rate limit exceeded")]
    [TestCase("errors/error-service-tier-capacity-exceeded.json", 503, typeof(ServiceUnavailableException), "capacity exceeded")]
    [TestCase("errors/error-service-tier-capacity-exceeded.json", 429, typeof(RateLimitException), "capacity exceeded")]
    public void Recorded_error_bodies_become_typed_errors(string file, int status, Type expected, string message)
    {
        _fake.Reply(ChatPath, status, Shared(file));
        var ex = Assert.ThrowsAsync(Is.InstanceOf(expected), async () => await Client().CompletionAsync(Ask())) as LlmException;
        Assert.That(ex!.GetType(), Is.EqualTo(expected));
        Assert.That(ex.StatusCode, Is.EqualTo((HttpStatusCode)status));
        Assert.That(ex.Message, Does.Contain(message));
        Assert.That(ex.IsRetryable, Is.EqualTo(status is 429 or 503));
        Assert.That(ex.Provider, Is.EqualTo("mistral"));
    }
}
