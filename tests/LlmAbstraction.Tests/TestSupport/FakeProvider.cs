using System.Text;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace LlmAbstraction.Tests.TestSupport;

/// <summary>A WireMock.Net server on loopback that replays provider payloads and records what the adapter sent.</summary>
public sealed class FakeProvider : IDisposable
{
    public const string TestKey = "sk-test-CANARY-0123456789abcdef";

    public FakeProvider() => Server = WireMockServer.Start();

    public WireMockServer Server { get; }

    public string Url => Server.Url!;

    public FakeProvider Reply(string path, int status, string body, string contentType = "application/json", IDictionary<string, string>? headers = null)
        => Reply(path, status, Encoding.UTF8.GetBytes(body), contentType, headers);

    public FakeProvider Reply(string path, int status, byte[] body, string contentType = "application/json", IDictionary<string, string>? headers = null)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", contentType).WithBody(body);
        if (headers is not null)
            foreach (var (k, v) in headers) response = response.WithHeader(k, v);
        Server.Given(Request.Create().WithPath(path).UsingPost()).RespondWith(response);
        return this;
    }

    /// <summary>Serves the given answers in order on <paramref name="path"/> (the last one repeats).</summary>
    public FakeProvider ReplySequence(string path, params Answer[] answers)
    {
        var scenario = Guid.NewGuid().ToString("N");
        for (var i = 0; i < answers.Length; i++)
        {
            var a = answers[i];
            var response = Response.Create().WithStatusCode(a.Status).WithHeader("Content-Type", a.ContentType).WithBody(Encoding.UTF8.GetBytes(a.Body));
            if (a.Headers is not null)
                foreach (var (k, v) in a.Headers) response = response.WithHeader(k, v);
            if (a.Delay is { } delay) response = response.WithDelay(delay);
            if (answers.Length == 1) { Server.Given(Request.Create().WithPath(path).UsingPost()).RespondWith(response); break; }
            var given = Server.Given(Request.Create().WithPath(path).UsingPost()).InScenario(scenario);
            if (i > 0) given = given.WhenStateIs("s" + i);
            if (i < answers.Length - 1) given = given.WillSetStateTo("s" + (i + 1));
            given.RespondWith(response);
        }
        return this;
    }

    public string LastRequestBody => Server.LogEntries.Last().RequestMessage.Body ?? "";

    public IDictionary<string, WireMock.Types.WireMockList<string>> LastRequestHeaders => Server.LogEntries.Last().RequestMessage.Headers!;

    public int RequestCount => Server.LogEntries.Count();

    /// <summary>A client whose openai and anthropic endpoints point at this server, with no process environment and no retries.</summary>
    public ILlmClient Client(Action<LlmClientBuilder>? configure = null)
    {
        var builder = new LlmClientBuilder()
            .UseEnvironment(_ => null)
            .Configure(o =>
            {
                o.Providers["openai"] = new ProviderSettings { ApiBase = Url + "/v1", ApiKey = TestKey };
                o.Providers["anthropic"] = new ProviderSettings { ApiBase = Url, ApiKey = TestKey };
                o.Resilience.NumRetries = 0; // adapter tests look at one attempt; the resilience tests configure retries themselves
            });
        configure?.Invoke(builder);
        return builder.Build();
    }

    public void Dispose() => Server.Stop();

    /// <summary>One canned answer of a sequence.</summary>
    public sealed record Answer(int Status, string Body, string ContentType = "application/json", IDictionary<string, string>? Headers = null, TimeSpan? Delay = null);
}
