using System.Text.Json;
using System.Text.Json.Nodes;
using LlmAbstraction.Tests.TestSupport;

namespace LlmAbstraction.Tests.Replay;

/// <summary>Replays every chat/embeddings recording in shared/fixtures/openai through the OpenAI adapter.</summary>
public class OpenAIReplayTests
{
    private static string Dir => SharedFixtures.RequireDir("fixtures/openai");

    private FakeProvider _fake = null!;
    [SetUp] public void SetUp() => _fake = new FakeProvider();
    [TearDown] public void TearDown() => _fake.Dispose();

    private static ChatCompletionRequest Ask() => new() { Model = "openai/gpt-4o", Messages = [ChatMessage.User("hi")] };

    [Test]
    public void Every_recording_is_covered_by_a_replay_case()
    {
        var files = Directory.GetFiles(Dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Dir, f).Replace('\\', '/')).Where(f => f != "SOURCES.md").Order().ToArray();
        var covered = SseFiles().Concat(ResponseFiles()).Concat(RequestFiles()).Concat(ErrorCases.Select(e => e.File))
            .Append("recorded/embeddings-truncated.response.json").Append("spec/embeddings.request.json")
            .Append("recorded/chat-stream-tool-call-usage.response-headers.json");
        Assert.That(files.Except(covered), Is.Empty, "recordings without a replay case");
        Assert.That(files, Has.Length.EqualTo(32));
    }

    public static IEnumerable<string> SseFiles() => SharedFixtures.Cases("fixtures/openai", "recorded", "*.sse");
    public static IEnumerable<string> ResponseFiles() => SharedFixtures.Cases("fixtures/openai", "", "chat-*.response.json", SearchOption.AllDirectories);
    public static IEnumerable<string> RequestFiles() => SharedFixtures.Cases("fixtures/openai", "", "chat-*.request.json", SearchOption.AllDirectories);

    [TestCaseSource(nameof(SseFiles))]
    public async Task Recorded_stream_replays_to_the_same_deltas_usage_and_finish(string file)
    {
        var sse = await File.ReadAllTextAsync(Path.Combine(Dir, file));
        _fake.Reply("/v1/chat/completions", 200, sse, "text/event-stream; charset=utf-8");
        var chunks = new List<ChatCompletionChunk>();
        await foreach (var c in _fake.Client().StreamCompletionAsync(Ask())) chunks.Add(c);

        var events = sse.Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => l[6..]).Where(d => d != "[DONE]").Select(d => JsonNode.Parse(d)!).ToList();
        Assert.That(chunks, Has.Count.EqualTo(events.Count), "one chunk per event, in order");
        var expectedContent = string.Concat(events.SelectMany(e => e["choices"]!.AsArray()).Select(c => (string?)c!["delta"]!["content"]));
        var expectedRefusal = string.Concat(events.SelectMany(e => e["choices"]!.AsArray()).Select(c => (string?)c!["delta"]!["refusal"]));
        var expectedArgs = events.SelectMany(e => e["choices"]!.AsArray()).SelectMany(c => c!["delta"]!["tool_calls"]?.AsArray() ?? [])
            .GroupBy(t => (int)t!["index"]!).OrderBy(g => g.Key).Select(g => string.Concat(g.Select(t => (string?)t!["function"]?["arguments"]))).ToList();
        var finish = events.SelectMany(e => e["choices"]!.AsArray()).Select(c => (string?)c!["finish_reason"]).Last(f => f is not null);
        var usage = events.Last(e => e["usage"] is JsonObject)["usage"]!;

        var rebuilt = ChunkAggregator.Build(chunks);
        var message = rebuilt.Choices.Single().Message;
        Assert.That(message.Content?.GetText() ?? "", Is.EqualTo(expectedContent));
        Assert.That(message.Refusal ?? "", Is.EqualTo(expectedRefusal));
        Assert.That(message.ToolCalls?.Select(t => t.Function.Arguments) ?? [], Is.EqualTo(expectedArgs));
        Assert.That(rebuilt.Choices[0].FinishReason, Is.EqualTo(finish));
        Assert.That(chunks[^1].Choices, Is.Empty);
        Assert.That(rebuilt.Usage!.PromptTokens, Is.EqualTo((int)usage["prompt_tokens"]!));
        Assert.That(rebuilt.Usage.CompletionTokens, Is.EqualTo((int)usage["completion_tokens"]!));
        Assert.That(rebuilt.Usage.CachedTokens, Is.EqualTo((int?)usage["prompt_tokens_details"]?["cached_tokens"] ?? 0));
        Assert.That(rebuilt.Id, Is.EqualTo((string)events[0]["id"]!));
        Assert.That(chunks[^1].Details!.Provider, Is.EqualTo("openai"));
        foreach (var (chunk, e) in chunks.Zip(events))
            JsonAssert.AreEquivalent(e.ToJsonString(), JsonSerializer.Serialize(chunk, LlmJsonContext.Default.ChatCompletionChunk));
    }

    [TestCaseSource(nameof(ResponseFiles))]
    public async Task Recorded_response_passes_through_the_adapter_losslessly(string file)
    {
        var json = await File.ReadAllTextAsync(Path.Combine(Dir, file));
        _fake.Reply("/v1/chat/completions", 200, json);
        var response = await _fake.Client().CompletionAsync(Ask());
        JsonAssert.AreEquivalent(json, JsonSerializer.Serialize(response, LlmJsonContext.Default.ChatCompletionResponse));
        using var doc = JsonDocument.Parse(json);
        Assert.That(response.Details.Model, Is.EqualTo(doc.RootElement.GetProperty("model").GetString()));
        Assert.That(response.Usage!.TotalTokens, Is.EqualTo(doc.RootElement.GetProperty("usage").GetProperty("total_tokens").GetInt32()));
    }

    [TestCaseSource(nameof(RequestFiles))]
    public async Task Recorded_request_is_sent_exactly_as_recorded(string file)
    {
        var json = await File.ReadAllTextAsync(Path.Combine(Dir, file));
        var request = JsonSerializer.Deserialize(json, LlmJsonContext.Default.ChatCompletionRequest)!;
        var stream = request.Stream == true;
        request.Model = "openai/" + request.Model;
        request.Stream = null;
        if (stream)
        {
            _fake.Reply("/v1/chat/completions", 200, await File.ReadAllTextAsync(Path.Combine(Dir, "recorded/chat-stream-tool-call-usage.sse")), "text/event-stream");
            await _fake.Client(b => b.Configure(o => o.IncludeStreamUsage = false)).StreamCompletionAsync(request).ToResponseAsync();
        }
        else
        {
            var responseFile = Path.Combine(Dir, file.Replace(".request.json", ".response.json", StringComparison.Ordinal));
            _fake.Reply("/v1/chat/completions", 200, await File.ReadAllTextAsync(responseFile));
            await _fake.Client().CompletionAsync(request);
        }
        // "stream": false is the API's default; the adapter omits it for non-streaming calls.
        var expected = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        if ((bool?)expected["stream"] == false) expected.Remove("stream");
        JsonAssert.AreEquivalent(expected.ToJsonString(), _fake.LastRequestBody);
    }

    public static readonly (string File, int Status, Type Expected)[] ErrorCases =
    [
        ("errors/error-400-context-length-exceeded.json", 400, typeof(ContextWindowExceededException)),
        ("errors/error-400-unsupported-parameter.json", 400, typeof(UnsupportedParamsException)),
        ("errors/error-401-invalid-api-key.json", 401, typeof(AuthenticationException)),
        ("errors/error-429-insufficient-quota.json", 429, typeof(QuotaExceededException)),
        ("errors/error-429-rate-limit-tokens.from-python-repr.json", 429, typeof(RateLimitException)),
    ];

    public static IEnumerable<TestCaseData> Errors() => ErrorCases.Select(e => new TestCaseData(e.File, e.Status, e.Expected).SetArgDisplayNames(Path.GetFileName(e.File)));

    [TestCaseSource(nameof(Errors))]
    public async Task Recorded_error_body_becomes_its_typed_error(string file, int status, Type expected)
    {
        var body = await File.ReadAllTextAsync(Path.Combine(Dir, file));
        _fake.Reply("/v1/chat/completions", status, body);
        var ex = Assert.CatchAsync<LlmException>(() => _fake.Client().CompletionAsync(Ask()));
        Assert.That(ex, Is.TypeOf(expected));
        using var doc = JsonDocument.Parse(body);
        Assert.That(ex!.Message, Does.Contain(doc.RootElement.GetProperty("error").GetProperty("message").GetString()![..30]));
    }

    [Test]
    public async Task Recorded_embeddings_response_and_spec_request_replay()
    {
        var response = await File.ReadAllTextAsync(Path.Combine(Dir, "recorded/embeddings-truncated.response.json"));
        var requestJson = await File.ReadAllTextAsync(Path.Combine(Dir, "spec/embeddings.request.json"));
        _fake.Reply("/v1/embeddings", 200, response);
        var request = JsonSerializer.Deserialize(requestJson, LlmJsonContext.Default.EmbeddingRequest)!;
        request.Model = "openai/" + request.Model;
        var result = await _fake.Client().EmbeddingAsync(request);
        var expected = JsonNode.Parse(requestJson)!.AsObject();
        expected["input"] = new JsonArray(expected["input"]!.GetValue<string>()); // a single input is sent as a one-element array, which OpenAI accepts alike
        JsonAssert.AreEquivalent(expected.ToJsonString(), _fake.LastRequestBody);
        using var doc = JsonDocument.Parse(response);
        Assert.That(result.Data, Has.Count.EqualTo(doc.RootElement.GetProperty("data").GetArrayLength()));
        Assert.That(result.Data[0].Embedding[0], Is.EqualTo(doc.RootElement.GetProperty("data")[0].GetProperty("embedding")[0].GetSingle()));
        Assert.That(result.Details.Provider, Is.EqualTo("openai"));
    }
}
