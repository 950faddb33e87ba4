using LlmAbstraction.Tests.TestSupport;
using static LlmAbstraction.Tests.Providers.Gemini.GeminiTestSupport;

namespace LlmAbstraction.Tests.Providers.Gemini;

public class GeminiStreamTests
{
    private FakeProvider _fake = null!;

    [SetUp] public void SetUp() => _fake = new FakeProvider();
    [TearDown] public void TearDown() => _fake.Dispose();

    private IAsyncEnumerable<ChatCompletionChunk> Stream(string model = Model)
        => _fake.GeminiClient().StreamCompletionAsync(new ChatCompletionRequest { Model = model, Messages = [ChatMessage.User("Weather?")] });

    [Test]
    public async Task Gemini_stream_of_full_responses_becomes_openai_chunks_with_reasoning_tools_and_final_usage()
    {
        _fake.Reply(StreamPath, 200, OwnFixtures.Bytes("gemini/stream-thoughts-tools.sse"), "text/event-stream");
        var chunks = await Stream().CollectAsync();

        Assert.That(_fake.LastRequestUrl(), Does.EndWith(":streamGenerateContent?alt=sse"));
        Assert.That(chunks[0].Choices[0].Delta.Role, Is.EqualTo("assistant"));
        Assert.That(chunks.Select(c => c.Id).Distinct().Single(), Is.EqualTo("str3am1d-t00ls"));
        var tools = chunks.SelectMany(c => c.Choices).SelectMany(c => c.Delta.ToolCalls ?? []).ToList();
        Assert.That(tools.Select(t => t.Index), Is.EqualTo(new[] { 0, 1 }), "calls arriving in different events get their own index");
        Assert.That(tools.Select(t => t.Id).Distinct().Count(), Is.EqualTo(2), "Gemini 2.x sends no ids: unique ones are made up");
        Assert.That(chunks[^1].Choices, Is.Empty);
        var u = chunks[^1].Usage!;
        Assert.That((u.PromptTokens, u.CompletionTokens, u.TotalTokens, u.CachedTokens, u.ReasoningTokens), Is.EqualTo((50, 158, 208, 32, 128)), "usage is cumulative: the last report wins");
        Assert.That(chunks.Take(chunks.Count - 1).All(c => c.Usage is null), Is.True);

        var rebuilt = ChunkAggregator.Build(chunks);
        var message = rebuilt.Choices.Single().Message;
        Assert.That(message.Content!.GetText(), Is.EqualTo("Checking Paris and Rome."));
        Assert.That(message.ReasoningContent, Is.EqualTo("**Thinking about weather**"));
        Assert.That(message.ToolCalls!.Select(t => t.Function.Arguments), Is.EqualTo(new[] { """{"city":"Paris"}""", """{"city":"Rome"}""" }));
        Assert.That(message.ToolCalls![0].ProviderSpecificFields!["thought_signature"].GetString(), Is.EqualTo("CiQBjz1rX3N0cmVhbVNpZ25hdHVyZTAx"));
        Assert.That(rebuilt.Choices[0].FinishReason, Is.EqualTo("tool_calls"));
    }

    [Test]
    public async Task Gemini_streamed_partial_arguments_are_rebuilt_into_one_json_object_per_call()
    {
        _fake.Reply("/v1beta/models/gemini-3-pro-preview:streamGenerateContent", 200, OwnFixtures.Bytes("gemini/stream-partial-args.sse"), "text/event-stream");
        var chunks = await Stream("gemini-3-pro-preview").CollectAsync();
        var rebuilt = ChunkAggregator.Build(chunks);
        var calls = rebuilt.Choices.Single().Message.ToolCalls!;
        Assert.That(calls.Select(c => c.Function.Name), Is.EqualTo(new[] { "plan_trip", "get_time" }));
        JsonAssert.AreEquivalent("""{"trip":{"city":"Paris","days":3,"stops":["Louvre","Orsay"]},"refundable":false}""", calls[0].Function.Arguments!);
        Assert.That(calls[1].Function.Arguments, Is.EqualTo("{}"), "a call without args has {} arguments");
        Assert.That(calls[0].ProviderSpecificFields!["thought_signature"].GetString(), Is.EqualTo("CiQBjz1rX3BhcnRpYWxTaWduYXR1cmU="));
        Assert.That(rebuilt.Choices[0].FinishReason, Is.EqualTo("tool_calls"));
        Assert.That(rebuilt.Usage!.CompletionTokens, Is.EqualTo(65));
    }

    [Test]
    public void Gemini_stream_ending_without_a_finish_reason_is_a_truncation_error()
    {
        _fake.Reply(StreamPath, 200, OwnFixtures.Bytes("gemini/stream-truncated.sse"), "text/event-stream");
        var ex = Assert.ThrowsAsync<ApiConnectionException>(async () => await Stream().CollectAsync());
        Assert.That(ex!.ErrorCode, Is.EqualTo("stream_truncated"));
    }

    [Test]
    public void Gemini_error_event_inside_a_200_stream_is_a_typed_error_after_the_text_so_far()
    {
        _fake.Reply(StreamPath, 200, OwnFixtures.Bytes("gemini/stream-midstream-error.sse"), "text/event-stream");
        var text = "";
        var ex = Assert.ThrowsAsync<ServiceUnavailableException>(async () =>
        {
            await foreach (var c in Stream()) text += c.Choices.FirstOrDefault()?.Delta.Content;
        });
        Assert.That(text, Is.EqualTo("Checking "));
        Assert.That(ex!.StatusCode, Is.Null);
        Assert.That(ex.ErrorCode, Is.EqualTo("UNAVAILABLE"));
    }

    [Test]
    public void Gemini_blocked_prompt_in_a_stream_is_a_content_policy_error()
    {
        var blocked = "data: " + System.Text.Json.Nodes.JsonNode.Parse(OwnFixtures.Text("gemini/blocked-prompt.response.json"))!.ToJsonString() + "\r\n\r\n";
        _fake.Reply(StreamPath, 200, blocked, "text/event-stream");
        Assert.ThrowsAsync<ContentPolicyViolationException>(async () => await Stream().CollectAsync());
    }

    [Test]
    public void Gemini_stream_event_that_is_not_json_is_a_typed_connection_error()
    {
        _fake.Reply(StreamPath, 200, "data: {\"candidates\": [\r\n\r\n", "text/event-stream");
        var ex = Assert.ThrowsAsync<ApiConnectionException>(async () => await Stream().CollectAsync());
        Assert.That(ex!.ErrorCode, Is.EqualTo("malformed_event"));
    }
}
