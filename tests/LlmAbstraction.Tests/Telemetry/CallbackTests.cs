using System.Collections.Concurrent;
using LlmAbstraction.Callbacks;
using LlmAbstraction.Tests.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using A = LlmAbstraction.Tests.TestSupport.FakeProvider.Answer;

namespace LlmAbstraction.Tests.Telemetry;

public class CallbackTests
{
    private sealed class Recorder : ILlmCallback
    {
        public ConcurrentQueue<LlmCallEvent> Successes { get; } = new();
        public ConcurrentQueue<LlmCallEvent> Failures { get; } = new();
        public ConcurrentQueue<AttemptRecord> Attempts { get; } = new();
        public ValueTask OnSuccessAsync(LlmCallEvent e, CancellationToken ct) { Successes.Enqueue(e); return default; }
        public ValueTask OnFailureAsync(LlmCallEvent e, CancellationToken ct) { Failures.Enqueue(e); return default; }
        public ValueTask OnAttemptAsync(LlmCallEvent e, AttemptRecord a, CancellationToken ct) { Attempts.Enqueue(a); return default; }
    }

    private sealed class Throwing : ILlmCallback
    {
        public ValueTask OnSuccessAsync(LlmCallEvent e, CancellationToken ct) => throw new InvalidOperationException("callback bug");
        public ValueTask OnFailureAsync(LlmCallEvent e, CancellationToken ct) => throw new InvalidOperationException("callback bug");
    }

    private FakeProvider _fake = null!;
    [SetUp] public void SetUp() => _fake = new FakeProvider();
    [TearDown] public void TearDown() => _fake.Dispose();

    private (LlmClient Client, Recorder Recorder, FakeTimeProvider Time) Build(int retries = 0, ILlmCallback? extra = null, ILoggerFactory? logs = null)
    {
        var recorder = new Recorder();
        var time = new FakeTimeProvider();
        var client = (LlmClient)_fake.Client(b =>
        {
            b.UseTimeProvider(time).UseRandom(() => 0.5).Configure(o => o.Resilience.NumRetries = retries);
            if (extra is not null) b.AddCallback(extra);
            b.AddCallback(recorder);
            if (logs is not null) b.UseLoggerFactory(logs);
        });
        return (client, recorder, time);
    }

    [Test]
    public async Task One_success_event_per_call_even_with_retries_and_fallbacks_with_one_attempt_event_each()
    {
        _fake.ReplySequence("/v1/chat/completions", new A(503, "{\"error\":{\"message\":\"busy\",\"type\":\"server_error\",\"param\":null,\"code\":null}}"));
        var (client, recorder, time) = Build(retries: 1);
        var request = new ChatCompletionRequest { Model = "gpt-4o-mini", Messages = [ChatMessage.User("hi")], User = "u-1", Metadata = new Dictionary<string, string> { ["team"] = "search" }, Fallbacks = ["mock/backup"] };
        await Clock.Drive(time, client.CompletionAsync(request));
        await client.DisposeAsync();
        var e = recorder.Successes.Single();
        Assert.That(recorder.Failures, Is.Empty);
        Assert.That(recorder.Attempts, Has.Count.EqualTo(3));
        Assert.That(e.Provider, Is.EqualTo("mock"));
        Assert.That(e.RequestedModel, Is.EqualTo("gpt-4o-mini"));
        Assert.That(e.User, Is.EqualTo("u-1"));
        Assert.That(e.Metadata!["team"], Is.EqualTo("search"));
        Assert.That(e.Attempts, Has.Count.EqualTo(3));
        Assert.That(e.PromptTokens, Is.GreaterThan(0));
        Assert.That(e.Status, Is.EqualTo(LlmCallStatus.Success));
    }

    [Test]
    public async Task One_failure_event_with_the_final_error()
    {
        _fake.Reply("/v1/chat/completions", 401, OwnFixtures.Text("openai/error-401-invalid-api-key.json"));
        var (client, recorder, _) = Build();
        Assert.CatchAsync<AuthenticationException>(() => client.CompletionAsync("gpt-4o-mini", "hi"));
        await client.DisposeAsync();
        var e = recorder.Failures.Single();
        Assert.That(recorder.Successes, Is.Empty);
        Assert.That(e.ErrorKind, Is.EqualTo(LlmErrorKind.Authentication));
        Assert.That(e.Status, Is.EqualTo(LlmCallStatus.Failure));
    }

    [Test]
    public async Task A_stream_reports_once_when_it_completes_with_its_usage_and_first_chunk_time()
    {
        _fake.Reply("/v1/chat/completions", 200, OwnFixtures.Text("openai/chat-stream-text.sse"), "text/event-stream");
        var (client, recorder, _) = Build();
        await client.StreamCompletionAsync("gpt-4o-mini", [ChatMessage.User("hi")]).ToResponseAsync();
        await client.DisposeAsync();
        var e = recorder.Successes.Single();
        Assert.That(e.IsStreaming, Is.True);
        Assert.That(e.CompletionTokens, Is.EqualTo(7));
        Assert.That(e.TimeToFirstChunk, Is.Not.Null);
    }

    [Test]
    public async Task A_stream_the_caller_abandons_reports_once_as_cancelled()
    {
        _fake.Reply("/v1/chat/completions", 200, OwnFixtures.Text("openai/chat-stream-text.sse"), "text/event-stream");
        var (client, recorder, _) = Build();
        await foreach (var _ in client.StreamCompletionAsync("gpt-4o-mini", [ChatMessage.User("hi")])) break;
        using var cts = new CancellationTokenSource();
        Assert.CatchAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in client.StreamCompletionAsync("gpt-4o-mini", [ChatMessage.User("hi")], cts.Token)) await cts.CancelAsync();
        });
        await client.DisposeAsync();
        Assert.That(recorder.Successes, Is.Empty);
        Assert.That(recorder.Failures.Select(f => f.Status), Is.EqualTo(new[] { LlmCallStatus.Cancelled, LlmCallStatus.Cancelled }));
    }

    [Test]
    public async Task A_throwing_callback_is_logged_and_neither_breaks_the_call_nor_the_other_callbacks()
    {
        _fake.Reply("/v1/chat/completions", 200, OwnFixtures.Text("openai/chat-text.response.json"));
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var (client, recorder, _) = Build(extra: new Throwing(), logs: factory);
        var response = await client.CompletionAsync("gpt-4o-mini", "hi");
        await client.CompletionAsync("gpt-4o-mini", "hi again");
        await client.DisposeAsync();
        Assert.That(response.Content, Is.Not.Empty);
        Assert.That(recorder.Successes, Has.Count.EqualTo(2));
        Assert.That(logs.Lines.Count(l => l.EventName == "llm.callback.failed"), Is.EqualTo(2));
    }
}
