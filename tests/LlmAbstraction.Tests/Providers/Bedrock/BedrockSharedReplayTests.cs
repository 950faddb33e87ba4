using System.Text.Json;
using LlmAbstraction.Providers.Bedrock.EventStream;
using LlmAbstraction.Tests.TestSupport;
using static LlmAbstraction.Tests.Providers.Bedrock.BedrockTestSupport;

namespace LlmAbstraction.Tests.Providers.Bedrock;

/// <summary>
/// Replays every chat / stream / tools / error recording of ../shared/fixtures/bedrock (see its SOURCES.md) through
/// WireMock: the adapter must send the recorded body to the recorded (encoded) path, signed, and normalize the recorded
/// answer. The eventstream test vectors and the botocore API model are covered by the decoder tests, not here.
/// </summary>
public class BedrockSharedReplayTests
{
    private FakeProvider _fake = null!;

    [SetUp] public void SetUp() => _fake = new FakeProvider();
    [TearDown] public void TearDown() => _fake.Dispose();

    private static string Dir(string sub) => SharedFixtures.RequireDir("fixtures/bedrock/" + sub);

    [Test]
    public void Shared_bedrock_folder_holds_the_files_this_suite_replays()
    {
        Assert.That(Directory.GetFiles(Dir("converse")).Length, Is.EqualTo(16));
        Assert.That(Directory.GetFiles(Dir("converse-stream")).Length, Is.EqualTo(32));
        Assert.That(Directory.GetFiles(Dir("errors")).Length, Is.EqualTo(11));
        Assert.That(Directory.GetFiles(Dir("eventstream-single-frames"), "*.bin").Length, Is.EqualTo(2));
    }

    [Test]
    public async Task Shared_converse_recordings_send_the_recorded_body_and_normalize_the_recorded_response()
    {
        var files = Directory.GetFiles(Dir("converse")).Where(f => Path.GetFileName(f).StartsWith("oi-", StringComparison.Ordinal)).Order().ToList();
        Assert.That(files, Has.Count.EqualTo(10));
        foreach (var file in files)
        {
            using var fake = new FakeProvider();
            var rec = BedrockRecording.Read(file);
            fake.Reply(ModelPath(rec.ModelId, "converse"), rec.Status, rec.ResponseText!, headers: rec.ReplayHeaders());
            var recorder = new UriRecorder();
            var response = await Client(fake, recorder: recorder).CompletionAsync(ConverseToOpenAI.Request("bedrock/" + rec.ModelId, rec.RequestBody));

            JsonAssert.AreEquivalent(rec.RequestBody.GetRawText(), fake.LastRequestBody);
            Assert.That(recorder.LastPath, Is.EqualTo(rec.Path), rec.File);
            Assert.That(Header(fake, "Authorization"), Does.EndWith("Signature=" + RecomputeSignature(fake, rec.ModelId, "converse", Secret, Region)), rec.File);
            using var recorded = JsonDocument.Parse(rec.ResponseText!);
            AssertAnswer(ExpectedAnswer.FromResponse(recorded.RootElement), response, rec.File);
            if (rec.Headers.TryGetValue("x-amzn-RequestId", out var requestId)) Assert.That(response.Details.ProviderRequestId, Is.EqualTo(requestId), rec.File);
        }
    }

    [Test]
    public async Task Shared_vercel_converse_responses_normalize_text_reasoning_tool_calls_and_usage()
    {
        var files = Directory.GetFiles(Dir("converse"), "vercel-*.json").Order().ToList();
        Assert.That(files, Has.Count.EqualTo(3));
        foreach (var file in files)
        {
            using var fake = new FakeProvider();
            var text = File.ReadAllText(file);
            fake.Reply(ModelPath("anthropic.claude-3-7-sonnet-20250219-v1:0", "converse"), 200, text);
            var response = await Client(fake).CompletionAsync(new ChatCompletionRequest { Model = "bedrock/anthropic.claude-3-7-sonnet-20250219-v1:0", Messages = [ChatMessage.User("hi")] });
            using var doc = JsonDocument.Parse(text);
            AssertAnswer(ExpectedAnswer.FromResponse(doc.RootElement), response, Path.GetFileName(file));
            if (file.Contains("reasoning", StringComparison.Ordinal))
            {
                var rt = doc.RootElement.GetProperty("output").GetProperty("message").GetProperty("content")[0].GetProperty("reasoningContent").GetProperty("reasoningText");
                Assert.That(response.Choices[0].Message.ReasoningContent, Is.EqualTo(rt.GetProperty("text").GetString()));
                Assert.That(response.Choices[0].Message.ThinkingBlocks!.Single().Signature, Is.EqualTo(rt.GetProperty("signature").GetString()));
            }
        }
    }

    [Test]
    public async Task Shared_converse_stream_recordings_send_the_recorded_body_and_stream_the_recorded_events()
    {
        var dir = Dir("converse-stream");
        var files = Directory.GetFiles(dir).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || (f.EndsWith(".json", StringComparison.Ordinal))).Order().ToList();
        Assert.That(files, Has.Count.EqualTo(8));
        foreach (var file in files)
        {
            using var fake = new FakeProvider();
            var rec = BedrockRecording.Read(file);
            var bin = File.ReadAllBytes(Path.ChangeExtension(file, ".bin"));
            fake.Reply(ModelPath(rec.ModelId, "converse-stream"), rec.Status, bin, "application/vnd.amazon.eventstream", rec.ReplayHeaders());
            var recorder = new UriRecorder();
            var chunks = await CollectAsync(Client(fake, recorder: recorder).StreamCompletionAsync(ConverseToOpenAI.Request("bedrock/" + rec.ModelId, rec.RequestBody)));

            JsonAssert.AreEquivalent(rec.RequestBody.GetRawText(), fake.LastRequestBody);
            Assert.That(recorder.LastPath, Is.EqualTo(rec.Path), rec.File);
            var events = File.ReadAllLines(Path.ChangeExtension(file, ".events.jsonl")).Select(l => JsonDocument.Parse(l).RootElement)
                .Select(e => (e.GetProperty("headers").GetProperty(":event-type").GetString()!, JsonDocument.Parse(e.GetProperty("payload").GetString()!).RootElement));
            AssertStream(ExpectedAnswer.FromEvents(events), chunks, rec.File);
        }
    }

    [Test]
    public async Task Shared_vercel_decoded_stream_chunks_reencoded_as_frames_stream_like_the_wire()
    {
        var files = Directory.GetFiles(Dir("converse"), "*.chunks.txt").Order().ToList();
        Assert.That(files, Has.Count.EqualTo(3));
        foreach (var file in files)
        {
            using var fake = new FakeProvider();
            var text = File.ReadAllText(file);
            fake.Reply(ModelPath("anthropic.claude-3-7-sonnet-20250219-v1:0", "converse-stream"), 200, EncodeEvents(text), "application/vnd.amazon.eventstream");
            var chunks = await CollectAsync(Client(fake).StreamCompletionAsync(new ChatCompletionRequest { Model = "bedrock/anthropic.claude-3-7-sonnet-20250219-v1:0", Messages = [ChatMessage.User("hi")] }));
            var events = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.EnumerateObject().Single())
                .Select(p => (p.Name, p.Value.Clone())).ToList();
            AssertStream(ExpectedAnswer.FromEvents(events), chunks, Path.GetFileName(file));
            if (file.Contains("reasoning", StringComparison.Ordinal))
            {
                var reasoning = string.Concat(events.Where(e => e.Name == "contentBlockDelta" && e.Item2.GetProperty("delta").TryGetProperty("reasoningContent", out var r) && r.TryGetProperty("text", out _))
                    .Select(e => e.Item2.GetProperty("delta").GetProperty("reasoningContent").GetProperty("text").GetString()));
                Assert.That(string.Concat(chunks.SelectMany(c => c.Choices).Select(c => c.Delta.ReasoningContent)), Is.EqualTo(reasoning));
                Assert.That(chunks.SelectMany(c => c.Choices).SelectMany(c => c.Delta.ThinkingBlocks ?? []).Single().Signature, Does.StartWith("Ep0CCkgICxABGAIqQOWPB6"));
            }
        }
    }

    [Test]
    public void Shared_synthetic_model_stream_error_frame_is_a_typed_error_and_a_lone_message_start_is_a_truncated_stream()
    {
        var dir = Dir("eventstream-single-frames");
        _fake.Reply(ModelPath("m.x-v1:0", "converse-stream"), 200, File.ReadAllBytes(Path.Combine(dir, "vercel-model-stream-error-exception.SYNTHETIC.bin")), "application/vnd.amazon.eventstream");
        var ex = Assert.ThrowsAsync<InternalServerException>(async () => await CollectAsync(Client(_fake).StreamCompletionAsync(new ChatCompletionRequest { Model = "bedrock/m.x-v1:0", Messages = [ChatMessage.User("hi")] })));
        Assert.That((ex!.ErrorType, ex.Details.ProviderMessage), Is.EqualTo(("modelStreamErrorException", "Model Stream Error")));

        using var fake = new FakeProvider();
        fake.Reply(ModelPath("m.x-v1:0", "converse-stream"), 200, File.ReadAllBytes(Path.Combine(dir, "messageStart.readme-example.bin")), "application/vnd.amazon.eventstream");
        var cut = Assert.ThrowsAsync<ApiConnectionException>(async () => await CollectAsync(Client(fake).StreamCompletionAsync(new ChatCompletionRequest { Model = "bedrock/m.x-v1:0", Messages = [ChatMessage.User("hi")] })));
        Assert.That(cut!.ErrorCode, Is.EqualTo("stream_truncated"));
        Assert.That(cut, Is.Not.InstanceOf<EventStreamFormatException>());
    }

    [Test]
    public async Task Shared_error_recordings_become_typed_errors_with_the_aws_error_type_and_message()
    {
        var dir = Dir("errors");
        var seen = new List<string>();

        // Real nock recordings: the recorded request must be sent, the 400 ValidationException surfaces before any chunk.
        foreach (var file in Directory.GetFiles(dir, "oi-js-*.json").Order())
        {
            using var fake = new FakeProvider();
            var rec = BedrockRecording.Read(file);
            fake.Reply(ModelPath(rec.ModelId, rec.Operation), rec.Status, rec.ResponseText!, headers: rec.ReplayHeaders());
            var request = ConverseToOpenAI.Request("bedrock/" + rec.ModelId, rec.RequestBody);
            var ex = rec.Operation == "converse-stream"
                ? Assert.CatchAsync<LlmException>(async () => await CollectAsync(Client(fake).StreamCompletionAsync(request)))
                : Assert.CatchAsync<LlmException>(async () => await Client(fake).CompletionAsync(request));
            JsonAssert.AreEquivalent(rec.RequestBody.GetRawText(), fake.LastRequestBody);
            AssertError(ex!, typeof(BadRequestException), 400, "ValidationException", "The provided model identifier is invalid.", rec.File);
            Assert.That(ex!.ProviderRequestId, Is.EqualTo(rec.Headers["x-amzn-RequestId"]), rec.File);
            seen.Add(rec.File);
        }

        // The assembled raw HTTP answer: status line, headers, body.
        var http = await File.ReadAllTextAsync(Path.Combine(dir, "assembled-throttling-429.http"));
        var (head, body) = (http.Split("\n\n", 2)[0], http.Split("\n\n", 2)[1].Trim());
        var headers = head.Split('\n').Skip(1).Select(l => l.Split(": ", 2)).Where(kv => kv[0].StartsWith("x-amzn", StringComparison.OrdinalIgnoreCase)).ToDictionary(kv => kv[0], kv => kv[1].Trim());
        var status = int.Parse(head.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var throttled = await ErrorFor(status, body, headers);
        AssertError(throttled, typeof(RateLimitException), 429, "ThrottlingException", "Too many tokens, please wait before trying again.", "assembled-throttling-429.http");
        Assert.That(throttled.ProviderRequestId, Is.EqualTo("ca47a5ce-e260-4824-aa0e-2e62669d5d6e"));
        seen.Add("assembled-throttling-429.http");

        // Bodies whose status and error type the SOURCES.md / issue reports state.
        var bodies = new (string File, int Status, string Type, Type Expected)[]
        {
            ("assembled-throttling-429.body.json", 429, "ThrottlingException", typeof(RateLimitException)),
            ("assembled-throttling-requests-429.body.json", 429, "ThrottlingException", typeof(RateLimitException)),
            ("assembled-validation-input-too-long-400.body.json", 400, "ValidationException", typeof(ContextWindowExceededException)),
            ("assembled-validation-model-returned-input-too-long-400.body.json", 400, "ValidationException", typeof(ContextWindowExceededException)),
            ("vercel-amazon-bedrock-mistral-duplicate-tool-call-ids-error.json", 400, "ValidationException", typeof(BadRequestException)),
            ("vercel-bedrock-invalid-tool-name-validation-error.json", 400, "ValidationException", typeof(BadRequestException)),
            ("vercel-issue-7034-error.json", 400, "ValidationException", typeof(BadRequestException)),
        };
        foreach (var (file, code, type, expected) in bodies)
        {
            var text = await File.ReadAllTextAsync(Path.Combine(dir, file));
            var ex = await ErrorFor(code, text, new Dictionary<string, string> { ["x-amzn-ErrorType"] = type + ":http://internal.amazon.com/coral/com.amazon.bedrock/" });
            using var doc = JsonDocument.Parse(text);
            AssertError(ex, expected, code, type, doc.RootElement.GetProperty("message").GetString()!, file);
            seen.Add(file);
        }

        // vercel's recorded error with its own status and headers.
        using (var doc = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "vercel-amazon-bedrock-empty-message-validation-error.json"))))
        {
            var r = doc.RootElement;
            var ex = await ErrorFor(r.GetProperty("status").GetInt32(), r.GetProperty("body").GetRawText(),
                new Dictionary<string, string> { ["x-amzn-errortype"] = r.GetProperty("headers").GetProperty("x-amzn-errortype").GetString()! });
            AssertError(ex, typeof(BadRequestException), 400, "ValidationException", r.GetProperty("body").GetProperty("message").GetString()!, "vercel-amazon-bedrock-empty-message-validation-error.json");
            seen.Add("vercel-amazon-bedrock-empty-message-validation-error.json");
        }

        Assert.That(seen.Order(), Is.EqualTo(Directory.GetFiles(dir).Select(Path.GetFileName).Order()), "every errors/ file is replayed");
    }

    private static async Task<LlmException> ErrorFor(int status, string body, Dictionary<string, string> headers)
    {
        using var fake = new FakeProvider();
        fake.Reply(ModelPath("anthropic.claude-3-haiku-20240307-v1:0", "converse"), status, body, headers: headers);
        try
        {
            await Client(fake).CompletionAsync(new ChatCompletionRequest { Model = "bedrock/anthropic.claude-3-haiku-20240307-v1:0", Messages = [ChatMessage.User("hi")] });
        }
        catch (LlmException ex)
        {
            return ex;
        }
        throw new AssertionException("no error was raised");
    }

    private static void AssertError(LlmException ex, Type expected, int status, string type, string message, string file)
    {
        Assert.That(ex, Is.TypeOf(expected), file);
        Assert.That((int?)ex.StatusCode, Is.EqualTo(status), file);
        Assert.That(ex.ErrorType, Is.EqualTo(type), file);
        Assert.That(ex.Details.ProviderMessage, Is.EqualTo(message), file);
        Assert.That(ex.Provider, Is.EqualTo("bedrock"), file);
    }

    private static void AssertAnswer(ExpectedAnswer expected, ChatCompletionResponse response, string file)
    {
        var choice = response.Choices.Single();
        Assert.That(choice.Message.Content?.GetText() ?? "", Is.EqualTo(expected.Text), file);
        Assert.That(choice.FinishReason, Is.EqualTo(expected.FinishReason), file);
        Assert.That(choice.ProviderFinishReason, Is.EqualTo(expected.StopReason), file);
        var calls = choice.Message.ToolCalls ?? [];
        Assert.That(calls.Select(c => (c.Id, c.Function.Name!)), Is.EqualTo(expected.Tools.Select(t => (t.Id, t.Name))), file);
        for (var i = 0; i < calls.Count; i++) JsonAssert.AreEquivalent(expected.Tools[i].Arguments, calls[i].Function.Arguments!);
        Assert.That((response.Usage!.PromptTokens, response.Usage.CompletionTokens, response.Usage.TotalTokens),
            Is.EqualTo((expected.Input, expected.Output, expected.Input + expected.Output)), file);
    }

    private static void AssertStream(ExpectedAnswer expected, List<ChatCompletionChunk> chunks, string file)
    {
        var choices = chunks.SelectMany(c => c.Choices).ToList();
        Assert.That(chunks[0].Choices[0].Delta.Role, Is.EqualTo("assistant"), file);
        Assert.That(string.Concat(choices.Select(c => c.Delta.Content)), Is.EqualTo(expected.Text), file);
        Assert.That(choices.Single(c => c.FinishReason is not null).FinishReason, Is.EqualTo(expected.FinishReason), file);
        var deltas = choices.SelectMany(c => c.Delta.ToolCalls ?? []).ToList();
        Assert.That(deltas.Where(d => d.Id is not null).Select(d => (d.Id!, d.Function!.Name!)), Is.EqualTo(expected.Tools.Select(t => (t.Id, t.Name))), file);
        for (var i = 0; i < expected.Tools.Count; i++)
            JsonAssert.AreEquivalent(expected.Tools[i].Arguments, string.Concat(deltas.Where(d => d.Index == i).Select(d => d.Function!.Arguments)));
        Assert.That(chunks[^1].Choices, Is.Empty, file);
        Assert.That((chunks[^1].Usage!.PromptTokens, chunks[^1].Usage!.CompletionTokens), Is.EqualTo((expected.Input, expected.Output)), file);
    }
}
