using System.Diagnostics;
using LlmAbstraction.Callbacks;
using LlmAbstraction.Tests.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using A = LlmAbstraction.Tests.TestSupport.FakeProvider.Answer;

namespace LlmAbstraction.Tests.Telemetry;

/// <summary>
/// A distinctive canary key runs through successes, streams, retries and failures (including a provider that echoes
/// the key back); it must appear in no log line, span attribute, span status, exception, attempt record, callback event or cache key.
/// </summary>
[NonParallelizable]
public class SecretLeakTests
{
    private const string Canary = "sk-CANARY-4f1d9e7b2c8a6035-do-not-leak";

    private sealed class Sink : ILlmCallback
    {
        public List<string> Events { get; } = [];
        public ValueTask OnSuccessAsync(LlmCallEvent e, CancellationToken ct) { Events.Add(e.ToString() + string.Join(",", e.Attempts.Select(a => a.ErrorMessage))); return default; }
        public ValueTask OnFailureAsync(LlmCallEvent e, CancellationToken ct) { Events.Add(e.ToString() + e.ErrorMessage + string.Join(",", e.Attempts.Select(a => a.ErrorMessage))); return default; }
    }

    [Test]
    public async Task The_api_key_appears_in_no_log_span_exception_attempt_or_callback()
    {
        using var fake = new FakeProvider();
        using var capture = new TelemetryCapture();
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var sink = new Sink();
        var time = new FakeTimeProvider();
        var echo = "{\"error\":{\"message\":\"Incorrect API key provided: " + Canary + ". You can find your API key at https://platform.openai.com/account/api-keys.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}";
        fake.ReplySequence("/v1/chat/completions",
            new A(200, OwnFixtures.Text("openai/chat-text.response.json")),
            new A(200, OwnFixtures.Text("openai/chat-stream-text.sse"), "text/event-stream"),
            new A(503, "{\"error\":{\"message\":\"busy for key " + Canary + "\",\"type\":\"server_error\",\"param\":null,\"code\":null}}"),
            new A(200, OwnFixtures.Text("openai/chat-text.response.json")),
            new A(401, echo));
        var client = (LlmClient)new LlmClientBuilder().UseEnvironment(_ => null).UseTimeProvider(time).UseRandom(() => 0.5)
            .UseLoggerFactory(factory).AddCallback(sink)
            .Configure(o => { o.Providers["openai"] = new ProviderSettings { ApiBase = fake.Url + "/v1", ApiKey = Canary }; o.Resilience.NumRetries = 1; o.Cache.Enabled = true; })
            .Build();

        var texts = new List<string>();
        var r1 = await client.CompletionAsync("gpt-4o-mini", "hi");
        var r2 = await client.StreamCompletionAsync("gpt-4o-mini", [ChatMessage.User("stream please")]).ToResponseAsync();
        var again = await client.CompletionAsync("gpt-4o-mini", "hi");
        var r3 = await Clock.Drive(time, client.CompletionAsync("gpt-4o-mini", "retry me"));
        var ex = Assert.CatchAsync<AuthenticationException>(() => client.CompletionAsync("gpt-4o-mini", "fail"))!;
        var perRequestResult = await client.CompletionAsync(new ChatCompletionRequest { Model = "gpt-4o-mini", Messages = [ChatMessage.User("x")], ApiKey = Canary, MockResponse = MockResponse.Error(401, "Incorrect API key provided: " + Canary) }).ContinueWith(t => t.Exception?.InnerException);
        var perRequest = (LlmException)perRequestResult!;
        await client.DisposeAsync();

        Assert.That(again.Details.CacheHit, Is.True, "the scenario exercised the cache");
        texts.AddRange(new[] { r1, r2, r3, again }.Select(r => r.Details.CacheKey ?? ""));
        texts.Add(ex.ToString()); texts.Add(ex.RawBody ?? ""); texts.Add(ex.Details.ToString());
        texts.Add(perRequest.ToString());
        texts.AddRange(ex.Attempts.Concat(r3.Details.Attempts).Select(a => a.ErrorMessage ?? ""));
        texts.AddRange(ex.PreviousErrors.Select(e => e.ToString()));
        texts.AddRange(logs.Lines.Select(l => l.Text));
        texts.AddRange(sink.Events);
        foreach (var span in capture.Spans)
        {
            texts.Add(span.DisplayName + span.StatusDescription);
            texts.AddRange(span.TagObjects.Select(t => $"{t.Key}={FormatTag(t.Value)}"));
        }
        texts.Add(new ProviderSettings { ApiKey = Canary }.ToString());

        Assert.That(logs.Lines, Is.Not.Empty, "the scenario produced logs");
        Assert.That(capture.Spans, Is.Not.Empty, "the scenario produced spans");
        Assert.That(ex.Message, Does.Contain("[REDACTED]"), "the echoed key was redacted, not dropped silently");
        Assert.That(texts.Where(t => t.Contains(Canary, StringComparison.Ordinal) || t.Contains(Canary[3..20], StringComparison.Ordinal)), Is.Empty);
        Assert.That(r1.Content + r2.Content + r3.Content, Is.Not.Empty);
    }

    private static string FormatTag(object? value) => value is System.Collections.IEnumerable e and not string ? string.Join(",", e.Cast<object?>()) : value?.ToString() ?? "";
}
