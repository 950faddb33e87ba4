using LlmAbstraction.Providers.Bedrock.EventStream;
using LlmAbstraction.Tests.TestSupport;
using static LlmAbstraction.Tests.Providers.Bedrock.BedrockTestSupport;

namespace LlmAbstraction.Tests.Providers.Bedrock;

/// <summary>ConverseStream on own fixtures: binary frames, chunk mapping, in-stream exceptions, truncation, corruption.</summary>
public class BedrockStreamTests
{
    private const string Model = "anthropic.claude-3-haiku-20240307-v1:0";
    private const string EventStreamType = "application/vnd.amazon.eventstream";
    private FakeProvider _fake = null!;

    [SetUp] public void SetUp() => _fake = new FakeProvider();
    [TearDown] public void TearDown() => _fake.Dispose();

    private Task<List<ChatCompletionChunk>> StreamAsync(byte[] body, ChatCompletionRequest? request = null)
    {
        _fake.Reply(ModelPath(Model, "converse-stream"), 200, body, EventStreamType, new Dictionary<string, string> { ["x-amzn-RequestId"] = "req-stream-1" });
        return CollectAsync(Client(_fake).StreamCompletionAsync(request ?? new ChatCompletionRequest { Model = "bedrock/" + Model, Messages = [ChatMessage.User("hi")] }));
    }

    [Test]
    public async Task Bedrock_stream_of_binary_frames_yields_role_text_finish_then_a_usage_chunk_last()
    {
        var recorder = new UriRecorder();
        _fake.Reply(ModelPath(Model, "converse-stream"), 200, OwnFixtures.Bytes("bedrock/converse-stream-text.bin"), EventStreamType);
        var chunks = await CollectAsync(Client(_fake, recorder: recorder).StreamCompletionAsync(
            new ChatCompletionRequest { Model = "bedrock/" + Model, Messages = [ChatMessage.System("Be concise."), ChatMessage.User("What is the capital of France?")] }));

        Assert.That(recorder.LastPath, Is.EqualTo("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream"));
        Assert.That(Header(_fake, "Accept"), Is.EqualTo(EventStreamType));
        JsonAssert.AreEquivalent("""{"system":[{"text":"Be concise."}],"messages":[{"role":"user","content":[{"text":"What is the capital of France?"}]}]}""", _fake.LastRequestBody);
        Assert.That(chunks[0].Choices[0].Delta.Role, Is.EqualTo("assistant"));
        Assert.That(string.Concat(chunks.SelectMany(c => c.Choices).Select(c => c.Delta.Content)), Is.EqualTo("The capital of France is Paris."));
        Assert.That(chunks[^2].Choices[0].FinishReason, Is.EqualTo("stop"));
        Assert.That(chunks[^1].Choices, Is.Empty);
        Assert.That(chunks[^1].Usage!.PromptTokens, Is.EqualTo(25));
        Assert.That(chunks[^1].Usage!.CompletionTokens, Is.EqualTo(10));
        Assert.That(chunks[^1].Details!.Provider, Is.EqualTo("bedrock"));
        Assert.That(chunks.Take(chunks.Count - 1).All(c => c.Usage is null), Is.True);
        Assert.That(chunks.Select(c => c.Created).Distinct().Single(), Is.EqualTo(Now.ToUnixTimeSeconds()));
    }

    [Test]
    public async Task Bedrock_stream_maps_tool_blocks_to_indexed_tool_call_deltas_and_cache_usage()
    {
        var chunks = await StreamAsync(EncodeEvents(OwnFixtures.Text("bedrock/converse-stream-tool-use.events.txt")));

        Assert.That(chunks.Select(c => c.Id).Distinct().Single(), Is.EqualTo("chatcmpl-req-stream-1"));
        var deltas = chunks.SelectMany(c => c.Choices).SelectMany(c => c.Delta.ToolCalls ?? []).ToList();
        Assert.That(deltas.Select(d => d.Index).Distinct(), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(deltas.Where(d => d.Id is not null).Select(d => (d.Id, d.Function!.Name)),
            Is.EqualTo(new[] { ("tooluse_LAtest0000000000000002", "get_weather"), ("tooluse_LAtest0000000000000003", "get_time") }));
        Assert.That(string.Concat(deltas.Where(d => d.Index == 0).Select(d => d.Function!.Arguments)), Is.EqualTo("{\"city\": \"Paris\"}"));
        Assert.That(string.Concat(deltas.Where(d => d.Index == 1).Select(d => d.Function!.Arguments)), Is.EqualTo("{}"));
        Assert.That(chunks.SelectMany(c => c.Choices).Single(c => c.FinishReason is not null).FinishReason, Is.EqualTo("tool_calls"));
        var usage = chunks[^1].Usage!;
        Assert.That((usage.PromptTokens, usage.CachedTokens, usage.CacheWriteTokens, usage.CompletionTokens), Is.EqualTo((414 + 100 + 20, 100, 20, 114)));
    }

    [Test]
    public async Task Bedrock_stream_reasoning_becomes_reasoning_content_and_signed_thinking_blocks()
    {
        var chunks = await StreamAsync(EncodeEvents(OwnFixtures.Text("bedrock/converse-stream-reasoning.events.txt")));

        var deltas = chunks.SelectMany(c => c.Choices).Select(c => c.Delta).ToList();
        Assert.That(string.Concat(deltas.Select(d => d.ReasoningContent)), Is.EqualTo("Count the r's: there are 3."));
        Assert.That(string.Concat(deltas.Select(d => d.Content)), Is.EqualTo("There are 3."));
        var blocks = deltas.SelectMany(d => d.ThinkingBlocks ?? []).ToList();
        Assert.That(blocks, Has.Count.EqualTo(2));
        Assert.That((blocks[0].Type, blocks[0].Thinking, blocks[0].Signature),
            Is.EqualTo(("thinking", "Count the r's: there are 3.", "EqoBCkgIBxABGAIiQLAtestSignature0000000000000000000000000000000000000000BBBB=")));
        Assert.That((blocks[1].Type, blocks[1].Data), Is.EqualTo(("redacted_thinking", "RW5jcnlwdGVkIHJlYXNvbmluZw==")));
    }

    [Test]
    public async Task Bedrock_stream_with_metadata_before_message_stop_still_ends_on_a_usage_chunk()
    {
        var chunks = await StreamAsync(EncodeEvents("""
            {"contentBlockStart":{"contentBlockIndex":0,"start":{"toolUse":{"toolUseId":"tool-use-id","name":"test-tool"}}}}
            {"contentBlockDelta":{"contentBlockIndex":0,"delta":{"toolUse":{"input":"{\"value\":"}}}}
            {"contentBlockDelta":{"contentBlockIndex":0,"delta":{"toolUse":{"input":"\"Sparkle Day\"}"}}}}
            {"contentBlockStop":{"contentBlockIndex":0}}
            {"metadata":{"usage":{"inputTokens":125,"outputTokens":45,"totalTokens":170},"metrics":{"latencyMs":234}}}
            {"messageStop":{"stopReason":"tool_use"}}
            """));
        Assert.That(chunks[0].Choices[0].Delta.Role, Is.EqualTo("assistant"));
        Assert.That(chunks[^2].Choices[0].FinishReason, Is.EqualTo("tool_calls"));
        Assert.That(chunks[^1].Choices, Is.Empty);
        Assert.That(chunks[^1].Usage!.TotalTokens, Is.EqualTo(170));
    }

    [Test]
    public void Bedrock_exception_frame_inside_a_200_stream_is_a_typed_error()
    {
        var ex = Assert.ThrowsAsync<RateLimitException>(async () => await StreamAsync(EncodeEvents(OwnFixtures.Text("bedrock/converse-stream-midstream-exception.events.txt"))));
        Assert.That(ex!.ErrorType, Is.EqualTo("throttlingException"));
        Assert.That(ex.Message, Does.Contain("Too many tokens"));
        Assert.That(ex.Provider, Is.EqualTo("bedrock"));
        Assert.That(ex.StatusCode, Is.Null);
    }

    [TestCase("modelStreamErrorException", """{"message":"Model Stream Error","originalStatusCode":500,"originalMessage":"The model stream failed."}""", typeof(InternalServerException))]
    [TestCase("validationException", """{"message":"Input is too long for requested model."}""", typeof(ContextWindowExceededException))]
    [TestCase("serviceUnavailableException", """{"message":"Bedrock is unable to process your request."}""", typeof(ServiceUnavailableException))]
    [TestCase("internalServerException", """{"message":"The server encountered an error."}""", typeof(InternalServerException))]
    public void Bedrock_each_modeled_stream_exception_maps_to_its_error_class(string type, string payload, Type expected)
    {
        var body = EncodeEvents("""{"messageStart":{"role":"assistant"}}""" + "\n{\"" + type + "\":" + payload + "}");
        var ex = Assert.CatchAsync<LlmException>(async () => await StreamAsync(body));
        Assert.That(ex, Is.TypeOf(expected));
        Assert.That(ex!.ErrorType, Is.EqualTo(type));
    }

    [Test]
    public void Bedrock_stream_cut_before_message_stop_is_a_truncation_error()
    {
        var frames = EncodeEvents("""
            {"messageStart":{"role":"assistant"}}
            {"contentBlockDelta":{"contentBlockIndex":0,"delta":{"text":"Hel"}}}
            """);
        var ex = Assert.ThrowsAsync<ApiConnectionException>(async () => await StreamAsync(frames));
        Assert.That(ex!.ErrorCode, Is.EqualTo("stream_truncated"));
    }

    [Test]
    public void Bedrock_stream_ending_inside_a_frame_is_a_typed_event_stream_error_naming_the_model()
    {
        var full = OwnFixtures.Bytes("bedrock/converse-stream-text.bin");
        var ex = Assert.ThrowsAsync<EventStreamFormatException>(async () => await StreamAsync(full[..(full.Length - 7)]));
        Assert.That(ex, Is.InstanceOf<ApiConnectionException>());
        Assert.That(ex!.ErrorCode, Is.EqualTo(EventStreamFormatException.ErrorCodeValue));
        Assert.That((ex.Provider, ex.Model), Is.EqualTo(("bedrock", Model)));
        Assert.That(ex.IsRetryable, Is.True);
        Assert.That(ex.InnerException, Is.TypeOf<EventStreamFormatException>());
    }

    [Test]
    public void Bedrock_stream_with_a_corrupted_frame_crc_is_a_typed_event_stream_error()
    {
        var body = OwnFixtures.Bytes("bedrock/converse-stream-text.bin");
        body[200] ^= 0x20;
        var ex = Assert.CatchAsync<LlmException>(async () => await StreamAsync(body));
        Assert.That(ex, Is.TypeOf<EventStreamFormatException>());
        Assert.That(ex!.Message, Does.Contain("checksum"));
    }

    [Test]
    public async Task Bedrock_stream_json_response_format_streams_the_forced_tool_input_as_content()
    {
        var chunks = await StreamAsync(EncodeEvents("""
            {"messageStart":{"role":"assistant"}}
            {"contentBlockStart":{"contentBlockIndex":0,"start":{"toolUse":{"toolUseId":"tooluse_j","name":"json_tool_call"}}}}
            {"contentBlockDelta":{"contentBlockIndex":0,"delta":{"toolUse":{"input":"{\"ok\":"}}}}
            {"contentBlockDelta":{"contentBlockIndex":0,"delta":{"toolUse":{"input":"true}"}}}}
            {"contentBlockStop":{"contentBlockIndex":0}}
            {"messageStop":{"stopReason":"tool_use"}}
            {"metadata":{"usage":{"inputTokens":5,"outputTokens":3,"totalTokens":8}}}
            """), new ChatCompletionRequest { Model = "bedrock/" + Model, Messages = [ChatMessage.User("json please")], ResponseFormat = ResponseFormat.JsonObject });

        Assert.That(string.Concat(chunks.SelectMany(c => c.Choices).Select(c => c.Delta.Content)), Is.EqualTo("{\"ok\":true}"));
        Assert.That(chunks.SelectMany(c => c.Choices).Any(c => c.Delta.ToolCalls is not null), Is.False);
        Assert.That(chunks.SelectMany(c => c.Choices).Single(c => c.FinishReason is not null).FinishReason, Is.EqualTo("stop"));
    }
}
