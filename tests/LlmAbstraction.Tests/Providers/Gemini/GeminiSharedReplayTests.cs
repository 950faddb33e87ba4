using System.Net;
using System.Text.Json;
using LlmAbstraction.Tests.TestSupport;
using static LlmAbstraction.Tests.Providers.Gemini.GeminiTestSupport;

namespace LlmAbstraction.Tests.Providers.Gemini;

/// <summary>
/// Replays every recording in shared/fixtures/gemini (see its SOURCES.md): the recorded Gemini API exchanges (request
/// body and URL compared with what the adapter sends, response mapped and checked against values derived from the
/// recording), the vercel/ai chunk and response captures, and the quoted error bodies.
/// </summary>
public class GeminiSharedReplayTests
{
    private FakeProvider _fake = null!;
    private string _dir = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = SharedFixtures.RequireDir("fixtures/gemini");
        _fake = new FakeProvider();
    }

    [TearDown] public void TearDown() => _fake?.Dispose();

    private string Read(string relative) => File.ReadAllText(Path.Combine(_dir, relative));

    // Every exchange extracted from the recorded cassettes (recorded/<name>.request.json, .response.json|.sse, .url.txt).
    private static readonly string[] Exchanges =
    [
        "oi-test_chat_session_with_tool", "oi-test_generate_content", "oi-test_generate_content_with_config_as_dict",
        "oi-test_generate_content_with_tool", "oi-test_multi_turn_conversation.1", "oi-test_multi_turn_conversation.2",
        "oi-test_response_with_multiple_tool_calls_nonstream", "oi-test_response_with_multiple_tool_calls_stream",
        "oi-test_streaming_content_with_tool", "oi-test_streaming_reasoning", "oi-test_streaming_reasoning_with_multiple_tool_calls",
        "oi-test_streaming_text_content", "oi-test_validate_token_counts", "oi-test_validate_token_counts_stream",
    ];

    private static readonly string[] ChunkCaptures =
    [
        "chunks/vercel-google-reasoning.chunks.txt", "chunks/vercel-google-stream-no-args-tool-call.chunks.txt",
        "chunks/vercel-google-stream-tool-call-arguments.chunks.txt", "chunks/vercel-google-text.chunks.txt", "chunks/vercel-google-tool-call.chunks.txt",
    ];

    private static readonly string[] ResponseCaptures =
    [
        "chunks/vercel-google-reasoning.json", "chunks/vercel-google-strict-forced-tool-choice-any.json",
        "chunks/vercel-google-text.json", "chunks/vercel-google-tool-call.json",
    ];

    private static readonly string[] Errors =
    [
        "errors/vercel-google-429-retry-info.json", "errors/vercel-google-embedding-batch-limit-error.json",
        "errors/vercel-google-thinking-level-minimal-unsupported.json", "errors/vercel-issue-16101-google-batch-embed-150-error.json",
        "errors/vercel-issue-8943-gemini-2.5-flash-error.json",
    ];

    [Test]
    public void Every_shared_gemini_recording_is_replayed()
    {
        var claimed = new HashSet<string>(StringComparer.Ordinal) { "SOURCES.md", "chunks/vercel-google-threshold-live.json" };
        foreach (var e in Exchanges.Append("oi-test_embed_content"))
            foreach (var suffix in new[] { ".request.json", ".response.json", ".response.sse", ".url.txt" })
                if (File.Exists(Path.Combine(_dir, "recorded", e + suffix))) claimed.Add("recorded/" + e + suffix);
        foreach (var f in ChunkCaptures.Concat(ResponseCaptures).Concat(Errors)) claimed.Add(f);
        var files = Directory.GetFiles(_dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_dir, f).Replace('\\', '/')).ToList();
        // A cassette is the verbatim container the .request/.response/.url files were extracted from: replaying those covers it.
        var unclaimed = files.Where(f => !claimed.Contains(f) && !f.EndsWith(".cassette.yaml", StringComparison.Ordinal)).ToList();
        Assert.That(unclaimed, Is.Empty);
        Assert.That(files, Has.Count.EqualTo(75));
        Assert.That(claimed.Count(c => files.Contains(c)), Is.EqualTo(61));
    }

    [TestCaseSource(nameof(Exchanges))]
    public async Task Recorded_exchange_is_reproduced(string name)
    {
        var url = new Uri(Read($"recorded/{name}.url.txt").Trim().Split(' ')[1]);
        var model = url.AbsolutePath.Split('/')[^1].Split(':')[0];
        var recordedRequest = Read($"recorded/{name}.request.json");
        var request = GeminiRecordedExchange.ToOpenAIRequest(recordedRequest, "gemini/" + model);
        ApplyConfig(name, request);
        var stream = File.Exists(Path.Combine(_dir, "recorded", name + ".response.sse"));
        var body = stream ? Read($"recorded/{name}.response.sse") : Read($"recorded/{name}.response.json");
        _fake.Reply(url.AbsolutePath, 200, body, stream ? "text/event-stream" : "application/json; charset=UTF-8");

        var client = _fake.GeminiClient();
        var response = stream
            ? ChunkAggregator.Build(await client.StreamCompletionAsync(request).CollectAsync())
            : await client.CompletionAsync(request);

        Assert.That(new Uri(_fake.LastRequestUrl()).PathAndQuery, Is.EqualTo(url.PathAndQuery));
        Assert.That(NormalizeGeminiRequest(_fake.LastRequestBody), Is.EqualTo(NormalizeGeminiRequest(recordedRequest)));
        AssertMatches(response, GeminiRecordedExchange.Expect(GeminiRecordedExchange.Events(body)));
    }

    private static void ApplyConfig(string name, ChatCompletionRequest request)
    {
        static JsonElement J(string json) => JsonDocument.Parse(json).RootElement;
        switch (name)
        {
            case "oi-test_generate_content_with_config_as_dict":
                request.AdditionalProperties!["thinkingConfig"] = J("""{"thinking_budget":100}""");
                break;
            case "oi-test_streaming_reasoning":
                (request.AdditionalProperties ??= new Dictionary<string, JsonElement>())["thinking"] = J("""{"type":"enabled","budget_tokens":512}""");
                break;
            case "oi-test_streaming_reasoning_with_multiple_tool_calls":
                request.ReasoningEffort = "low";
                break;
        }
    }

    private static void AssertMatches(ChatCompletionResponse response, GeminiRecordedExchange.Expected expected)
    {
        var choice = response.Choices.Single();
        var content = choice.Message.Content?.GetText() ?? "";
        foreach (var piece in expected.TextParts) Assert.That(content, Does.Contain(piece));
        if (expected.TextParts.Count == 0) Assert.That(content, Is.Empty);
        Assert.That(choice.Message.ReasoningContent ?? "", Is.EqualTo(expected.Reasoning));
        Assert.That(choice.Message.ToolCalls?.Select(t => t.Function.Name).ToList() ?? [], Is.EqualTo(expected.ToolNames));
        Assert.That(choice.Message.ToolCalls?.Select(t => t.Id).Distinct().Count() ?? 0, Is.EqualTo(expected.ToolNames.Count), "every call has its own id");
        Assert.That(choice.FinishReason, Is.EqualTo(expected.ToolNames.Count > 0 ? "tool_calls" : "stop"));
        var u = response.Usage!;
        Assert.That((u.PromptTokens, u.CompletionTokens, u.TotalTokens, u.ReasoningTokens), Is.EqualTo((expected.Prompt, expected.Completion, expected.Total, expected.ReasoningTokens)));
    }

    [Test]
    public async Task Recorded_usage_numbers_add_up_as_documented()
    {
        // Spot checks with the numbers written out: thoughts and tool-use prompt tokens are reported apart by Gemini.
        _fake.Reply("/v1beta/models/gemini-2.5-flash:generateContent", 200, Read("recorded/oi-test_validate_token_counts.response.json"));
        var r = await _fake.GeminiClient().CompletionAsync(new ChatCompletionRequest { Model = "gemini-2.5-flash", Messages = [ChatMessage.User("sum")] });
        Assert.That((r.Usage!.PromptTokens, r.Usage.CompletionTokens, r.Usage.TotalTokens), Is.EqualTo((32 + 720, 341 + 103, 1196)));
        Assert.That(r.Content, Does.Contain("```python").And.Contain("sum_of_primes").And.Contain("5117"));

        _fake.Reply("/v1beta/models/gemini-3.5-flash:streamGenerateContent", 200, Read("recorded/oi-test_streaming_reasoning.response.sse"), "text/event-stream");
        var chunks = await _fake.GeminiClient().StreamCompletionAsync(new ChatCompletionRequest { Model = "gemini-3.5-flash", Messages = [ChatMessage.User("story")] }).CollectAsync();
        Assert.That((chunks[^1].Usage!.PromptTokens, chunks[^1].Usage!.CompletionTokens, chunks[^1].Usage!.TotalTokens), Is.EqualTo((11, 703 + 713, 1427)));
    }

    [Test]
    public async Task Recorded_multi_turn_second_request_replays_the_first_answer_as_a_model_turn()
    {
        _fake.Reply("/v1beta/models/gemini-2.0-flash:generateContent", 200, Read("recorded/oi-test_multi_turn_conversation.1.response.json"));
        var client = _fake.GeminiClient();
        var first = await client.CompletionAsync(new ChatCompletionRequest { Model = "gemini-2.0-flash", Messages = [ChatMessage.User("What is the capital of France?")] });
        await client.CompletionAsync(new ChatCompletionRequest { Model = "gemini-2.0-flash", Messages = [ChatMessage.User("What is the capital of France?"), first.Choices[0].Message, ChatMessage.User("Why is the sky blue?")] });
        Assert.That(NormalizeGeminiRequest(_fake.LastRequestBody), Is.EqualTo(NormalizeGeminiRequest(Read("recorded/oi-test_multi_turn_conversation.2.request.json"))));
    }

    [Test]
    public async Task Recorded_embed_content_is_reproduced()
    {
        // The SDK sent ONE request with two parts (one combined embedding); an OpenAI input list has one text per
        // embedding, so we replay it with the first text and compare everything else.
        var recorded = System.Text.Json.Nodes.JsonNode.Parse(Read("recorded/oi-test_embed_content.request.json"))!;
        var parts = recorded["requests"]![0]!["content"]!["parts"]!.AsArray();
        var firstText = parts[0]!["text"]!.GetValue<string>();
        while (parts.Count > 1) parts.RemoveAt(1);
        var url = new Uri(Read("recorded/oi-test_embed_content.url.txt").Trim().Split(' ')[1]);
        _fake.Reply(url.AbsolutePath, 200, Read("recorded/oi-test_embed_content.response.json"));

        var response = await _fake.GeminiClient().EmbeddingAsync(new EmbeddingRequest
        {
            Model = "gemini/gemini-embedding-001",
            Input = [firstText],
            AdditionalProperties = new Dictionary<string, JsonElement> { ["task_type"] = JsonDocument.Parse("\"RETRIEVAL_DOCUMENT\"").RootElement },
        });
        Assert.That(new Uri(_fake.LastRequestUrl()).PathAndQuery, Is.EqualTo(url.PathAndQuery));
        JsonAssert.AreEquivalent(recorded.ToJsonString(), _fake.LastRequestBody);
        var values = JsonDocument.Parse(Read("recorded/oi-test_embed_content.response.json")).RootElement.GetProperty("embeddings")[0].GetProperty("values");
        Assert.That(response.Data.Single().Embedding, Has.Length.EqualTo(values.GetArrayLength()));
        Assert.That(response.Data[0].Embedding[0], Is.EqualTo(values[0].GetSingle()));
    }

    [Test]
    public async Task Recorded_threshold_live_capture_request_and_response_are_reproduced()
    {
        var capture = JsonDocument.Parse(Read("chunks/vercel-google-threshold-live.json")).RootElement;
        var url = new Uri(capture.GetProperty("request").GetProperty("url").GetString()!);
        _fake.Reply(url.AbsolutePath, 200, capture.GetProperty("response").GetProperty("body").GetRawText(), capture.GetProperty("response").GetProperty("headers").GetProperty("content-type").GetString()!);
        var response = await _fake.GeminiClient().CompletionAsync(new ChatCompletionRequest { Model = "gemini/" + capture.GetProperty("model").GetString(), Messages = [ChatMessage.User("Reply with exactly OK.")] });
        Assert.That(NormalizeGeminiRequest(_fake.LastRequestBody), Is.EqualTo(NormalizeGeminiRequest(capture.GetProperty("request").GetProperty("body").GetRawText())));
        Assert.That(response.Content, Is.EqualTo(capture.GetProperty("text").GetString()));
        Assert.That(response.Usage!.CompletionTokens, Is.EqualTo(2 + 20));
    }

    [TestCaseSource(nameof(ChunkCaptures))]
    public async Task Recorded_chunk_capture_streams_to_the_same_result(string file)
    {
        var lines = Read(file);
        var events = GeminiRecordedExchange.Events(lines);
        var model = events[0].GetProperty("modelVersion").GetString()!;
        _fake.Reply($"/v1beta/models/{model}:streamGenerateContent", 200, GeminiRecordedExchange.ToSse(lines), "text/event-stream");
        var chunks = await _fake.GeminiClient().StreamCompletionAsync(new ChatCompletionRequest { Model = "gemini/" + model, Messages = [ChatMessage.User("hi")] }).CollectAsync();

        Assert.That(chunks[0].Choices[0].Delta.Role, Is.EqualTo("assistant"));
        Assert.That(chunks[^1].Choices, Is.Empty);
        var response = ChunkAggregator.Build(chunks);
        var expected = GeminiRecordedExchange.Expect(events);
        AssertMatches(response, expected);
        var message = response.Choices[0].Message;
        if (message.ToolCalls is { Count: > 0 } calls)
        {
            foreach (var c in calls) Assert.DoesNotThrow(() => JsonDocument.Parse(c.Function.Arguments!), c.Function.Arguments ?? "");
            var firstSignature = events.SelectMany(e => e.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts").EnumerateArray())
                .FirstOrDefault(p => p.TryGetProperty("functionCall", out _) && p.TryGetProperty("thoughtSignature", out _));
            if (firstSignature.ValueKind == JsonValueKind.Object)
                Assert.That(calls[0].ProviderSpecificFields!["thought_signature"].GetString(), Is.EqualTo(firstSignature.GetProperty("thoughtSignature").GetString()));
        }
        else if (expected.LastSignature is { } signature)
        {
            Assert.That(message.ThinkingBlocks!.Last(b => b.Signature is not null).Signature, Is.EqualTo(signature));
        }
    }

    [Test]
    public async Task Recorded_streamed_arguments_capture_rebuilds_each_call()
    {
        _fake.Reply("/v1beta/models/gemini-3.1-pro-preview:streamGenerateContent", 200, GeminiRecordedExchange.ToSse(Read("chunks/vercel-google-stream-tool-call-arguments.chunks.txt")), "text/event-stream");
        var calls = ChunkAggregator.Build(await _fake.GeminiClient().StreamCompletionAsync(new ChatCompletionRequest { Model = "gemini-3.1-pro-preview", Messages = [ChatMessage.User("weather")] }).CollectAsync()).Choices[0].Message.ToolCalls!;
        Assert.That(calls.Select(c => c.Function.Arguments), Is.EqualTo(new[] { """{"location":"Boston"}""", """{"location":"San Francisco"}""" }));

        _fake.Server.Reset();
        _fake.Reply("/v1beta/models/gemini-3-flash-preview:streamGenerateContent", 200, GeminiRecordedExchange.ToSse(Read("chunks/vercel-google-stream-no-args-tool-call.chunks.txt")), "text/event-stream");
        var response = ChunkAggregator.Build(await _fake.GeminiClient().StreamCompletionAsync(new ChatCompletionRequest { Model = "gemini-3-flash-preview", Messages = [ChatMessage.User("screens")] }).CollectAsync());
        calls = response.Choices[0].Message.ToolCalls!;
        Assert.That(calls.Select(c => c.Function.Arguments), Is.EqualTo(new[] { "{}", """{"id":"A"}""", """{"id":"B"}""", """{"id":"C"}""" }));
        Assert.That(response.Choices[0].Message.ReasoningContent, Does.StartWith("**Processing User Requests**"));
        Assert.That(response.Choices[0].Message.Content, Is.Null, "thought text is never content");
    }

    [TestCaseSource(nameof(ResponseCaptures))]
    public async Task Recorded_response_capture_maps_to_the_same_result(string file)
    {
        var body = Read(file);
        var model = JsonDocument.Parse(body).RootElement.GetProperty("modelVersion").GetString()!;
        _fake.Reply($"/v1beta/models/{model}:generateContent", 200, body);
        var response = await _fake.GeminiClient().CompletionAsync(new ChatCompletionRequest { Model = "gemini/" + model, Messages = [ChatMessage.User("hi")] });
        var expected = GeminiRecordedExchange.Expect(GeminiRecordedExchange.Events(body));
        AssertMatches(response, expected);
        var message = response.Choices[0].Message;
        if (message.ToolCalls is { Count: > 0 } calls) Assert.That(calls[0].ProviderSpecificFields!["thought_signature"].GetString(), Is.EqualTo(expected.LastSignature));
        else Assert.That(message.ThinkingBlocks!.Single().Signature, Is.EqualTo(expected.LastSignature));
        if (file.Contains("strict-forced", StringComparison.Ordinal)) Assert.That(message.ToolCalls![0].Id, Is.EqualTo("sanitized-live-call-id"), "Gemini 3's own call id is kept");

        // The signature goes back verbatim on the next turn.
        await _fake.GeminiClient().CompletionAsync(new ChatCompletionRequest { Model = "gemini/" + model, Messages = [ChatMessage.User("hi"), message, ChatMessage.User("more")] });
        Assert.That(Signatures(_fake.LastRequestBody), Is.EqualTo(new[] { expected.LastSignature }));
    }

    private static List<string?> Signatures(string body)
        => JsonDocument.Parse(body).RootElement.GetProperty("contents").EnumerateArray().SelectMany(c => c.GetProperty("parts").EnumerateArray())
            .Where(p => p.TryGetProperty("thoughtSignature", out _)).Select(p => p.GetProperty("thoughtSignature").GetString()).ToList();

    [TestCaseSource(nameof(Errors))]
    public void Recorded_error_body_becomes_a_typed_error(string file)
    {
        var root = JsonDocument.Parse(Read(file)).RootElement;
        var body = root.TryGetProperty("body", out var wrapped) ? wrapped : root; // the issue-16101 capture wraps status + body
        var status = body.GetProperty("error").GetProperty("code").GetInt32();
        var embedding = file.Contains("embed", StringComparison.Ordinal);
        _fake.Reply(embedding ? "/v1beta/models/gemini-embedding-001:batchEmbedContents" : "/v1beta/models/gemini-2.5-flash:generateContent", status, body.GetRawText());
        var client = _fake.GeminiClient();
        AsyncTestDelegate act = embedding
            ? async () => await client.EmbeddingAsync(new EmbeddingRequest { Model = "gemini/gemini-embedding-001", Input = ["x"] })
            : async () => await client.CompletionAsync(new ChatCompletionRequest { Model = "gemini/gemini-2.5-flash", Messages = [ChatMessage.User("hi")] });
        var ex = (LlmException)Assert.ThrowsAsync(Is.InstanceOf<LlmException>(), act)!;
        Assert.That(ex.StatusCode, Is.EqualTo((HttpStatusCode)status));
        Assert.That(ex.ErrorCode, Is.EqualTo(body.GetProperty("error").GetProperty("status").GetString()));
        Assert.That(ex.Details.ProviderMessage, Is.EqualTo(body.GetProperty("error").GetProperty("message").GetString()));
        if (status == 429)
        {
            Assert.That(ex, Is.TypeOf<RateLimitException>());
            Assert.That(ex.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(34.4)));
        }
        else Assert.That(ex, Is.TypeOf<BadRequestException>());
    }
}
