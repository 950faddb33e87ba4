using LlmAbstraction.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using B = LlmAbstraction.Tests.TestSupport.RawHttpServer.Behaviour;
using K = LlmAbstraction.Tests.TestSupport.RawHttpServer.Kind;

namespace LlmAbstraction.Tests.Resilience;

/// <summary>Faults WireMock cannot fake (reset connections, servers that never answer), on a raw TCP listener on loopback.</summary>
[TestFixture("openai")]
[TestFixture("anthropic")]
public class RawConnectionFaultTests(string provider)
{
    private string Ok => provider == "openai" ? OwnFixtures.Text("openai/chat-text.response.json") : OwnFixtures.Text("anthropic/messages-tool-use.response.json");

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(375);

    private ILlmClient Client(RawHttpServer server, FakeTimeProvider time, TimeSpan? attemptTimeout = null) => new LlmClientBuilder()
        .UseEnvironment(_ => null).UseTimeProvider(time).UseRandom(() => 0.5)
        .Configure(o =>
        {
            o.Providers[provider] = new ProviderSettings { ApiBase = server.Url + (provider == "openai" ? "/v1" : ""), ApiKey = FakeProvider.TestKey };
            o.Resilience.AttemptTimeout = attemptTimeout;
        })
        .UseHttpClient(new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }))
        .Build();

    private string Model => provider == "openai" ? "gpt-4o" : "claude-sonnet-4-5";

    [Test]
    public async Task Connection_reset_is_a_retryable_connection_error_and_the_retry_succeeds()
    {
        using var server = new RawHttpServer(new B(K.Reset), new B(K.Respond, Ok));
        var time = new FakeTimeProvider();
        var response = await Clock.Drive(time, Client(server, time).CompletionAsync(Model, "hi"));
        Assert.That(response.Details.Attempts.Select(a => a.ErrorKind), Is.EqualTo(new LlmErrorKind?[] { LlmErrorKind.ApiConnection, null }));
        Assert.That(response.Details.Attempts[1].DelayBefore, Is.EqualTo(FirstBackoff));
        Assert.That(server.Connections, Is.EqualTo(2));
    }

    [Test]
    public async Task Slow_response_hits_the_attempt_timeout_then_the_retry_succeeds()
    {
        using var server = new RawHttpServer(new B(K.Hang), new B(K.Respond, Ok));
        var time = new FakeTimeProvider();
        var response = await Clock.Drive(time, Client(server, time, TimeSpan.FromSeconds(10)).CompletionAsync(Model, "hi"), TimeSpan.FromSeconds(1));
        Assert.That(response.Details.Attempts.Select(a => a.ErrorKind), Is.EqualTo(new LlmErrorKind?[] { LlmErrorKind.Timeout, null }));
        Assert.That(response.Details.Attempts[1].DelayBefore, Is.EqualTo(FirstBackoff));
        Assert.That(response.Details.Attempts[0].Latency, Is.EqualTo(TimeSpan.FromSeconds(10)).Within(TimeSpan.FromSeconds(1)));
    }
}
