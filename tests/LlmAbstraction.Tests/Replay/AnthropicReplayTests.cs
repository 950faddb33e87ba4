using System.Text.Json;
using System.Text.Json.Nodes;
using LlmAbstraction.Tests.TestSupport;

namespace LlmAbstraction.Tests.Replay;

/// <summary>Replays every recording in shared/fixtures/anthropic through the Anthropic adapter.</summary>
public class AnthropicReplayTests
{
    private static string Dir => SharedFixtures.RequireDir("fixtures/anthropic");

    private FakeProvider _fake = null!;
    [SetUp] public void SetUp() => _fake = new FakeProvider();
    [TearDown] public void TearDown() => _fake.Dispose();

    private static ChatCompletionRequest Ask() => new() { Model = "anthropic/claude-sonnet-4-5", Messages = [ChatMessage.User("hi")] };

    public static IEnumerable<string> ResponseFiles() => Glob("recorded", "*.response.json");
    public static IEnumerable<string> RequestFiles() => Glob("recorded", "*.request.json");
    public static IEnumerable<string> StreamFiles() => Glob("recorded", "*.sse").Concat(Glob("recorded", "*.chunks.jsonl"));
    private static IEnumerable<string> Glob(string sub, string pattern) => SharedFixtures.Cases("fixtures/anthropic", sub, pattern);

    [Test]
    public void Every_recording_is_covered_by_a_replay_case()
    {
        var dir = Dir;
        var files = Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Dir, f).Replace('\\', '/')).Where(f => f != "SOURCES.md").ToArray();
        var covered = ResponseFiles().Concat(RequestFiles()).Concat(StreamFiles()).Concat(ErrorCases.Select(e => e.File))
            .Append("errors/error-midstream-overloaded.assembled.sse").Append("errors/error-529-overloaded-2024.headers.txt")
            .Append("recorded/messages-tool-use.request-headers.txt").Append("recorded/messages-tool-use.response-headers.txt")
            .Append("recorded/messages-stream-tool-use-padded.response-headers.txt");
        Assert.That(files.Except(covered), Is.Empty, "recordings without a replay case");
        Assert.That(files, Has.Length.EqualTo(30));
    }

    [TestCaseSource(nameof(ResponseFiles))]
    public async Task Recorded_response_maps_content_tools_finish_and_usage(string file)
    {
        var json = await File.ReadAllTextAsync(Path.Combine(Dir, file));
        _fake.Reply("/v1/messages", 200, json);
        var response = await _fake.Client().CompletionAsync(Ask());

        var root = JsonNode.Parse(json)!;
        var blocks = root["content"]!.AsArray();
        var text = string.Concat(blocks.Where(b => (string)b!["type"]! == "text").Select(b => (string)b!["text"]!));
        Assert.That(response.Content ?? "", Is.EqualTo(text));
        var tools = blocks.Where(b => (string)b!["type"]! == "tool_use").ToList();
        Assert.That(response.Choices[0].Message.ToolCalls?.Count ?? 0, Is.EqualTo(tools.Count));
        for (var i = 0; i < tools.Count; i++)
        {
            Assert.That(response.Choices[0].Message.ToolCalls![i].Id, Is.EqualTo((string)tools[i]!["id"]!));
            JsonAssert.AreEquivalent(tools[i]!["input"]!.ToJsonString(), response.Choices[0].Message.ToolCalls![i].Function.Arguments!);
        }
        var stop = (string)root["stop_reason"]!;
        Assert.That(response.Choices[0].FinishReason, Is.EqualTo(stop switch { "tool_use" => "tool_calls", "max_tokens" => "length", _ => "stop" }));
        var u = root["usage"]!;
        int N(string k) => (int?)u[k] ?? 0;
        Assert.That(response.Usage!.PromptTokens, Is.EqualTo(N("input_tokens") + N("cache_read_input_tokens") + N("cache_creation_input_tokens")));
        Assert.That(response.Usage.CompletionTokens, Is.EqualTo(N("output_tokens")));
        Assert.That(response.Usage.CachedTokens, Is.EqualTo(N("cache_read_input_tokens")));
        Assert.That(response.Usage.CacheWriteTokens, Is.EqualTo(N("cache_creation_input_tokens")));
        Assert.That(response.Details.Model, Is.EqualTo((string)root["model"]!));
        Assert.That(response.Id, Is.EqualTo((string)root["id"]!));
    }

    [TestCaseSource(nameof(RequestFiles))]
    public async Task Recorded_request_is_what_the_adapter_sends_for_the_openai_shaped_equivalent(string file)
    {
        var recorded = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Dir, file)))!.AsObject();
        var request = AnthropicToOpenAI.Convert(recorded);
        var stream = (bool?)recorded["stream"] == true;
        if (stream)
        {
            _fake.Reply("/v1/messages", 200, await File.ReadAllTextAsync(Path.Combine(Dir, "recorded/messages-stream-text.sse")), "text/event-stream");
            await _fake.Client().StreamCompletionAsync(request).ToResponseAsync();
        }
        else
        {
            _fake.Reply("/v1/messages", 200, await File.ReadAllTextAsync(Path.Combine(Dir, "recorded/messages-text.response.json")));
            await _fake.Client().CompletionAsync(request);
        }
        // "stream": false is the API's default; the adapter omits it, as Anthropic's own Go SDK does in these recordings.
        if ((bool?)recorded["stream"] == false) recorded.Remove("stream");
        JsonAssert.AreEquivalent(recorded.ToJsonString(), _fake.LastRequestBody);
    }

    [TestCaseSource(nameof(StreamFiles))]
    public async Task Recorded_stream_replays_to_openai_chunks(string file)
    {
        var raw = await File.ReadAllTextAsync(Path.Combine(Dir, file));
        var sse = file.EndsWith(".jsonl", StringComparison.Ordinal) ? Sse.FromAnthropicJsonl(raw) : raw;
        _fake.Reply("/v1/messages", 200, sse, "text/event-stream; charset=utf-8");
        var chunks = new List<ChatCompletionChunk>();
        await foreach (var c in _fake.Client().StreamCompletionAsync(Ask())) chunks.Add(c);

        var events = sse.Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => JsonNode.Parse(l[6..])!).ToList();
        string Deltas(string type, string field) => string.Concat(events.Where(e => (string?)e["delta"]?["type"] == type).Select(e => (string?)e["delta"]![field]));
        var rebuilt = ChunkAggregator.Build(chunks);
        var message = rebuilt.Choices.Single().Message;
        Assert.That(message.Content?.GetText() ?? "", Is.EqualTo(Deltas("text_delta", "text")));
        Assert.That(message.ReasoningContent ?? "", Is.EqualTo(Deltas("thinking_delta", "thinking")));
        var toolStarts = events.Where(e => (string?)e["content_block"]?["type"] == "tool_use").ToList();
        Assert.That(message.ToolCalls?.Count ?? 0, Is.EqualTo(toolStarts.Count));
        for (var i = 0; i < toolStarts.Count; i++)
        {
            var index = (int)toolStarts[i]["index"]!;
            var args = string.Concat(events.Where(e => (string?)e["delta"]?["type"] == "input_json_delta" && (int)e["index"]! == index).Select(e => (string)e["delta"]!["partial_json"]!));
            Assert.That(message.ToolCalls![i].Function.Arguments, Is.EqualTo(args.Length == 0 ? "{}" : args));
            Assert.That(message.ToolCalls[i].Id, Is.EqualTo((string)toolStarts[i]["content_block"]!["id"]!));
        }
        var signature = events.Where(e => (string?)e["delta"]?["type"] == "signature_delta").Select(e => (string)e["delta"]!["signature"]!).SingleOrDefault();
        Assert.That(message.ThinkingBlocks?.SingleOrDefault()?.Signature, Is.EqualTo(signature));
        var start = events.First(e => (string)e["type"]! == "message_start")["message"]!["usage"]!;
        var delta = events.Last(e => (string)e["type"]! == "message_delta")["usage"]!;
        int N(string k) => (int?)delta[k] ?? (int?)start[k] ?? 0;
        Assert.That(rebuilt.Usage!.PromptTokens, Is.EqualTo(N("input_tokens") + N("cache_read_input_tokens") + N("cache_creation_input_tokens")));
        Assert.That(rebuilt.Usage.CompletionTokens, Is.EqualTo(N("output_tokens")));
        var stop = (string)events.Last(e => (string)e["type"]! == "message_delta")["delta"]!["stop_reason"]!;
        Assert.That(rebuilt.Choices[0].ProviderFinishReason, Is.EqualTo(stop));
        Assert.That(chunks[0].Choices[0].Delta.Role, Is.EqualTo("assistant"));
        Assert.That(chunks[^1].Choices, Is.Empty);
    }

    public static readonly (string File, int Status, Type Expected)[] ErrorCases =
    [
        ("errors/error-400-prompt-too-long.json", 400, typeof(ContextWindowExceededException)),
        ("errors/error-401-authentication.json", 401, typeof(AuthenticationException)),
        ("errors/error-429-rate-limit.json", 429, typeof(RateLimitException)),
        ("errors/error-529-overloaded.json", 529, typeof(OverloadedException)),
        ("errors/error-529-overloaded-2024.json", 529, typeof(OverloadedException)),
    ];

    public static IEnumerable<TestCaseData> Errors() => ErrorCases.Select(e => new TestCaseData(e.File, e.Status, e.Expected).SetArgDisplayNames(Path.GetFileName(e.File)));

    [TestCaseSource(nameof(Errors))]
    public async Task Recorded_error_body_becomes_its_typed_error(string file, int status, Type expected)
    {
        _fake.Reply("/v1/messages", status, await File.ReadAllTextAsync(Path.Combine(Dir, file)));
        var ex = Assert.CatchAsync<LlmException>(() => _fake.Client().CompletionAsync(Ask()));
        Assert.That(ex, Is.TypeOf(expected));
        Assert.That(ex!.ErrorType, Does.EndWith("_error"));
    }

    [Test]
    public async Task Recorded_529_headers_give_request_id_and_retry_hint()
    {
        var lines = (await File.ReadAllLinesAsync(Path.Combine(Dir, "errors/error-529-overloaded-2024.headers.txt"))).Skip(1)
            .Select(l => l.Split(": ", 2)).Where(p => p.Length == 2 && p[0] is not ("content-length" or "content-type" or "connection")).ToDictionary(p => p[0], p => p[1]);
        _fake.Reply("/v1/messages", 529, await File.ReadAllBytesAsync(Path.Combine(Dir, "errors/error-529-overloaded-2024.json")), headers: lines);
        var ex = Assert.CatchAsync<OverloadedException>(() => _fake.Client().CompletionAsync(Ask()));
        Assert.That(ex!.ProviderRequestId, Is.EqualTo("req_01RCc7MbLyQNtGKzBTv8VCep"));
        Assert.That(ex.Details.ShouldRetryHint, Is.True);
        Assert.That(ex.IsRetryable, Is.True);
    }

    [Test]
    public async Task Recorded_midstream_error_is_a_typed_overloaded_error()
    {
        var events = await File.ReadAllTextAsync(Path.Combine(Dir, "errors/error-midstream-overloaded.assembled.sse"));
        var prefix = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"model\":\"claude-sonnet-4-5\",\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}\n\n";
        _fake.Reply("/v1/messages", 200, prefix + events, "text/event-stream");
        var ex = Assert.CatchAsync<OverloadedException>(() => _fake.Client().StreamCompletionAsync(Ask()).ToResponseAsync());
        Assert.That(ex!.Message, Does.Contain("Overloaded"));
    }

    [Test]
    public async Task Recorded_request_headers_match_what_the_adapter_sends()
    {
        var recorded = await File.ReadAllLinesAsync(Path.Combine(Dir, "recorded/messages-tool-use.request-headers.txt"));
        Assert.That(recorded, Has.Some.Contains("Anthropic-Version: 2023-06-01"));
        _fake.Reply("/v1/messages", 200, await File.ReadAllTextAsync(Path.Combine(Dir, "recorded/messages-tool-use.response.json")));
        await _fake.Client().CompletionAsync(Ask());
        Assert.That(_fake.LastRequestHeaders["anthropic-version"].ToString(), Is.EqualTo("2023-06-01"));
        Assert.That(_fake.LastRequestHeaders.ContainsKey("x-api-key"), Is.True);
        Assert.That(_fake.Server.LogEntries.Last().RequestMessage.Path, Is.EqualTo("/v1/messages"));
    }
}
