using System.Diagnostics;
using LlmAbstraction.Telemetry;
using LlmAbstraction.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using A = LlmAbstraction.Tests.TestSupport.FakeProvider.Answer;

namespace LlmAbstraction.Tests.Telemetry;

[NonParallelizable]
public class TracingTests
{
    private FakeProvider _fake = null!;
    private TelemetryCapture _capture = null!;
    private FakeTimeProvider _time = null!;

    [SetUp] public void SetUp() { _fake = new FakeProvider(); _capture = new TelemetryCapture(); _time = new FakeTimeProvider(); }
    [TearDown] public void TearDown() { _capture.Dispose(); _fake.Dispose(); }

    private ILlmClient Client(int retries = 0) => _fake.Client(b => b.UseTimeProvider(_time).UseRandom(() => 0.5).Configure(o => o.Resilience.NumRetries = retries));

    private static ChatCompletionRequest Ask(string model = "gpt-4o-mini") => new() { Model = model, Messages = [ChatMessage.User("hi")], MaxTokens = 50, Temperature = 0.3, Seed = 7, Stop = ["END"] };

    [Test]
    public async Task A_call_has_one_span_with_sampling_attributes_at_start_and_one_child_per_attempt()
    {
        _fake.Reply("/v1/chat/completions", 200, OwnFixtures.Text("openai/chat-text.response.json"));
        await Client().CompletionAsync(Ask());

        var created = _capture.CreationTags.ToList();
        Assert.That(created.Select(c => c.Name), Is.EqualTo(new[] { "chat gpt-4o-mini", "chat gpt-4o-mini" }));
        var atStart = created[0].Tags;
        Assert.That(atStart[GenAiSemConv.OperationName], Is.EqualTo("chat"));
        Assert.That(atStart[GenAiSemConv.ProviderName], Is.EqualTo("openai"));
        Assert.That(atStart[GenAiSemConv.RequestModel], Is.EqualTo("gpt-4o-mini"));
        Assert.That(atStart[GenAiSemConv.RequestMaxTokens], Is.EqualTo(50));
        Assert.That(atStart[GenAiSemConv.RequestTemperature], Is.EqualTo(0.3));
        Assert.That(atStart[GenAiSemConv.RequestSeed], Is.EqualTo(7L));
        Assert.That(atStart[GenAiSemConv.RequestStopSequences], Is.EqualTo(new[] { "END" }));
        var attemptStart = created[1].Tags;
        Assert.That(attemptStart[GenAiSemConv.ServerAddress], Is.EqualTo("localhost").Or.EqualTo("127.0.0.1"));
        Assert.That(attemptStart[GenAiSemConv.ServerPort], Is.EqualTo(new Uri(_fake.Url).Port));
        Assert.That(attemptStart[GenAiSemConv.Attempt], Is.EqualTo(1));

        var spans = _capture.Spans.ToList();
        var call = spans.Single(s => s.Parent is null);
        var attempt = spans.Single(s => s.Parent is not null);
        Assert.That(attempt.ParentSpanId, Is.EqualTo(call.SpanId));
        Assert.That(call.Kind, Is.EqualTo(ActivityKind.Client));
        Assert.That(call.GetTagItem(GenAiSemConv.ResponseId), Is.EqualTo("chatcmpl-LA0test0000000000000000001"));
        Assert.That(call.GetTagItem(GenAiSemConv.ResponseModel), Is.EqualTo("gpt-4.1-nano-2025-04-14"));
        Assert.That(call.GetTagItem(GenAiSemConv.ResponseFinishReasons), Is.EqualTo(new[] { "stop" }));
        Assert.That(call.GetTagItem(GenAiSemConv.UsageInputTokens), Is.EqualTo(14));
        Assert.That(call.GetTagItem(GenAiSemConv.UsageOutputTokens), Is.EqualTo(8));
        Assert.That(call.GetTagItem(GenAiSemConv.Cost), Is.Not.Null, "cost is on the span");
        Assert.That(call.GetTagItem(GenAiSemConv.CacheHit), Is.EqualTo(false));
        Assert.That(call.GetTagItem(GenAiSemConv.InputMessages), Is.Null, "no content unless opted in");
        Assert.That(call.Status, Is.EqualTo(ActivityStatusCode.Unset));
    }

    [Test]
    public async Task Anthropic_usage_counts_cache_tokens_in_input_and_reports_them_separately()
    {
        _fake.Reply("/v1/messages", 200, OwnFixtures.Text("anthropic/messages-tool-use.response.json"));
        var request = Ask("anthropic/claude-sonnet-4-5");
        request.Seed = null;
        await Client().CompletionAsync(request);
        var call = _capture.Spans.Single(s => s.Parent is null);
        Assert.That(call.GetTagItem(GenAiSemConv.ProviderName), Is.EqualTo("anthropic"));
        Assert.That(call.GetTagItem(GenAiSemConv.UsageInputTokens), Is.EqualTo(1312));
        Assert.That(call.GetTagItem(GenAiSemConv.UsageCacheReadInputTokens), Is.EqualTo(1000));
        Assert.That(call.GetTagItem(GenAiSemConv.UsageCacheCreationInputTokens), Is.EqualTo(300));
        Assert.That(call.GetTagItem(GenAiSemConv.ResponseFinishReasons), Is.EqualTo(new[] { "tool_calls" }));
    }

    [Test]
    public async Task A_stream_span_has_stream_flag_time_to_first_chunk_and_usage()
    {
        _fake.Reply("/v1/chat/completions", 200, OwnFixtures.Text("openai/chat-stream-text.sse"), "text/event-stream");
        await Client().StreamCompletionAsync(Ask()).ToResponseAsync();
        Assert.That(_capture.CreationTags.First().Tags[GenAiSemConv.RequestStream], Is.EqualTo(true));
        var call = _capture.Spans.Single(s => s.Parent is null);
        Assert.That(call.GetTagItem(GenAiSemConv.ResponseTimeToFirstChunk), Is.Not.Null);
        Assert.That(call.GetTagItem(GenAiSemConv.UsageOutputTokens), Is.EqualTo(7));
        Assert.That(_capture.Spans.Single(s => s.Parent is not null).ParentSpanId, Is.EqualTo(call.SpanId));
    }

    [Test]
    public async Task Retries_and_fallbacks_are_child_spans_with_attempt_number_and_reason()
    {
        _fake.ReplySequence("/v1/chat/completions", new A(503, "{\"error\":{\"message\":\"busy\",\"type\":\"server_error\",\"param\":null,\"code\":null}}"));
        var request = Ask();
        request.Fallbacks = ["mock/backup"];
        await Clock.Drive(_time, Client(retries: 1).CompletionAsync(request));
        var attempts = _capture.Spans.Where(s => s.Parent is not null).OrderBy(s => (int)s.GetTagItem(GenAiSemConv.Attempt)!).ToList();
        Assert.That(attempts.Select(a => a.GetTagItem(GenAiSemConv.Attempt)), Is.EqualTo(new object[] { 1, 2, 3 }));
        Assert.That(attempts.Select(a => a.Status), Is.EqualTo(new[] { ActivityStatusCode.Error, ActivityStatusCode.Error, ActivityStatusCode.Unset }));
        Assert.That(attempts[0].GetTagItem(GenAiSemConv.ErrorType), Is.EqualTo("service_unavailable"));
        Assert.That(attempts[2].GetTagItem(GenAiSemConv.ProviderName), Is.EqualTo("mock"));
        Assert.That(attempts[2].GetTagItem(GenAiSemConv.FallbackReason), Is.EqualTo("ServiceUnavailable"));
        var call = _capture.Spans.Single(s => s.Parent is null);
        Assert.That(call.GetTagItem(GenAiSemConv.Attempts), Is.EqualTo(3));
        Assert.That(call.Status, Is.EqualTo(ActivityStatusCode.Unset));
    }

    [Test]
    public void A_failed_call_sets_error_status_and_a_low_cardinality_error_type()
    {
        _fake.Reply("/v1/chat/completions", 429, OwnFixtures.Text("openai/error-429-rate-limit.json"));
        Assert.CatchAsync<RateLimitException>(() => Client().CompletionAsync(Ask()));
        var call = _capture.Spans.Single(s => s.Parent is null);
        Assert.That(call.Status, Is.EqualTo(ActivityStatusCode.Error));
        Assert.That(call.GetTagItem(GenAiSemConv.ErrorType), Is.EqualTo("rate_limit"));
    }

    [Test]
    public async Task Message_content_is_recorded_only_when_opted_in()
    {
        _fake.Reply("/v1/chat/completions", 200, OwnFixtures.Text("openai/chat-text.response.json"));
        var client = _fake.Client(b => b.Configure(o => o.Telemetry.CaptureMessageContent = true));
        await client.CompletionAsync(Ask());
        var call = _capture.Spans.Single(s => s.Parent is null);
        Assert.That(call.GetTagItem(GenAiSemConv.InputMessages), Is.EqualTo("[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"hi\"}]}]"));
        Assert.That((string)call.GetTagItem(GenAiSemConv.OutputMessages)!, Does.Contain("Paris is the capital of France.").And.Contain("\"finish_reason\":\"stop\""));
    }
}
