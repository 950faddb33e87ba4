using LlmAbstraction.Telemetry;
using LlmAbstraction.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using A = LlmAbstraction.Tests.TestSupport.FakeProvider.Answer;

namespace LlmAbstraction.Tests.Telemetry;

[NonParallelizable]
public class MetricsTests
{
    private FakeProvider _fake = null!;
    private TelemetryCapture _capture = null!;

    [SetUp] public void SetUp() { _fake = new FakeProvider(); _capture = new TelemetryCapture(); }
    [TearDown] public void TearDown() { _capture.Dispose(); _fake.Dispose(); }

    [Test]
    public async Task A_call_records_token_usage_duration_requests_and_cost()
    {
        _fake.Reply("/v1/chat/completions", 200, OwnFixtures.Text("openai/chat-text.response.json"));
        await _fake.Client().CompletionAsync("gpt-4o-mini", "hi");
        var tokens = _capture.Of(GenAiSemConv.TokenUsageMetric).ToList();
        Assert.That(tokens.Select(t => (t.Value, t.Tags[GenAiSemConv.TokenType])), Is.EquivalentTo(new[] { (14d, (object?)"input"), (8d, "output") }));
        Assert.That(tokens[0].Tags[GenAiSemConv.ProviderName], Is.EqualTo("openai"));
        Assert.That(tokens[0].Tags[GenAiSemConv.ResponseModel], Is.EqualTo("gpt-4.1-nano-2025-04-14"));
        Assert.That(_capture.Of(GenAiSemConv.OperationDurationMetric).Single().Tags.ContainsKey(GenAiSemConv.ErrorType), Is.False);
        Assert.That(_capture.Of("llmabstraction.requests").Single().Value, Is.EqualTo(1));
        Assert.That(_capture.Of("llmabstraction.cost").Single().Value, Is.GreaterThan(0));
        Assert.That(_capture.Of(GenAiSemConv.TimeToFirstChunkMetric), Is.Empty, "time to first chunk only for streams");
        Assert.That(_capture.Of("llmabstraction.overhead"), Has.Exactly(1).Items);
    }

    [Test]
    public async Task A_stream_records_time_to_first_chunk()
    {
        _fake.Reply("/v1/chat/completions", 200, OwnFixtures.Text("openai/chat-stream-text.sse"), "text/event-stream");
        await _fake.Client().StreamCompletionAsync("gpt-4o-mini", [ChatMessage.User("hi")]).ToResponseAsync();
        Assert.That(_capture.Of(GenAiSemConv.TimeToFirstChunkMetric), Has.Exactly(1).Items);
        Assert.That(_capture.Of(GenAiSemConv.TokenUsageMetric).Sum(t => t.Value), Is.EqualTo(16));
    }

    [Test]
    public async Task Retries_fallbacks_and_failures_are_counted()
    {
        var time = new FakeTimeProvider();
        _fake.ReplySequence("/v1/chat/completions", new A(503, "{\"error\":{\"message\":\"busy\",\"type\":\"server_error\",\"param\":null,\"code\":null}}"));
        var client = _fake.Client(b => b.UseTimeProvider(time).UseRandom(() => 0.5).Configure(o => o.Resilience.NumRetries = 1));
        var request = new ChatCompletionRequest { Model = "gpt-4o-mini", Messages = [ChatMessage.User("hi")], Fallbacks = ["mock/backup"] };
        await Clock.Drive(time, client.CompletionAsync(request));
        Assert.That(_capture.Of("llmabstraction.retries").Sum(m => m.Value), Is.EqualTo(1));
        Assert.That(_capture.Of("llmabstraction.fallbacks").Sum(m => m.Value), Is.EqualTo(1));

        request.Fallbacks = null;
        Assert.CatchAsync<ServiceUnavailableException>(() => Clock.Drive(time, client.CompletionAsync(request)));
        var failure = _capture.Of("llmabstraction.failures").Single();
        Assert.That(failure.Tags[GenAiSemConv.ErrorType], Is.EqualTo("service_unavailable"));
        Assert.That(_capture.Of(GenAiSemConv.OperationDurationMetric).Last().Tags[GenAiSemConv.ErrorType], Is.EqualTo("service_unavailable"));
    }

    [Test]
    public void Token_usage_and_duration_advise_the_semconv_buckets()
    {
        Assert.That(LlmTelemetry.OperationDuration.Unit, Is.EqualTo("s"));
        Assert.That(LlmTelemetry.TokenUsage.Unit, Is.EqualTo("{token}"));
        Assert.That(LlmTelemetry.OperationDuration.Advice!.HistogramBucketBoundaries, Is.EqualTo(GenAiSemConv.DurationBuckets));
    }
}

[NonParallelizable]
public class RouterMetricsTests
{
    [Test]
    public async Task Picks_record_remaining_rpm_and_tpm_and_a_429_counts_a_cooldown()
    {
        using var capture = new TelemetryCapture();
        var time = new FakeTimeProvider();
        var client = new LlmClientBuilder().UseEnvironment(_ => null).UseTimeProvider(time).UseRouterRandom(() => 0.1)
            .Configure(o => o.Resilience.NumRetries = 0)
            .UseRouter(r => r.Deployments =
            [
                new LlmAbstraction.Routing.Deployment { Id = "a", ModelGroup = "team-model", Model = "mock/a", Rpm = 10, Tpm = 10_000 },
                new LlmAbstraction.Routing.Deployment { Id = "b", ModelGroup = "team-model", Model = "mock/b", Rpm = 10, Tpm = 10_000 },
            ])
            .Build();
        await client.CompletionAsync("team-model", "hi");
        var remaining = capture.Of("llmabstraction.deployment.remaining_requests").Single();
        Assert.That(remaining.Value, Is.EqualTo(9));
        Assert.That(capture.Of("llmabstraction.deployment.remaining_tokens").Single().Value, Is.LessThan(10_000));

        var failing = new ChatCompletionRequest { Model = "team-model", Messages = [ChatMessage.User("hi")], MockResponse = MockResponse.Error(429, "slow down") };
        Assert.CatchAsync<RateLimitException>(() => client.CompletionAsync(failing));
        var cooled = capture.Of("llmabstraction.cooldowns").Single();
        Assert.That(cooled.Tags[GenAiSemConv.ErrorType], Is.EqualTo("rate_limit"));
        Assert.That(cooled.Tags["llmabstraction.model_group"], Is.EqualTo("team-model"));
    }
}
