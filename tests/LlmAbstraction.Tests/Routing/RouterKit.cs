using LlmAbstraction.Routing;
using LlmAbstraction.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace LlmAbstraction.Tests.Routing;

/// <summary>
/// Deployments on one WireMock server on loopback, each under its own path prefix (<c>/{id}/v1</c>), a fake clock,
/// a seeded random source, and an in-memory state store the test can inspect.
/// </summary>
public sealed class RouterKit : IDisposable
{
    public const string GroupName = "chat";

    public FakeProvider Fake { get; } = new();
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 5, 12, 0, 10, TimeSpan.Zero));
    public InMemoryRouterStateStore Store { get; } = new();

    public static string ChatOk => OwnFixtures.Text("openai/chat-text.response.json");
    public static string RateLimited => OwnFixtures.Text("openai/error-429-rate-limit.json");
    public const string ServerError = "{\"error\":{\"message\":\"The server had an error while processing your request.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}";

    public string Base(string id) => $"{Fake.Url}/{id}/v1";

    public Deployment Deployment(string id, string group = GroupName, double? weight = null, int? rpm = null, long? tpm = null, int? order = null,
        int? maxInput = null, decimal? inputCost = null, decimal? outputCost = null, string model = "openai/gpt-4o-mini")
        => new()
        {
            Id = id, ModelGroup = group, Model = model, ApiBase = Base(id), ApiKey = "sk-test-" + id,
            Weight = weight, Rpm = rpm, Tpm = tpm, Order = order, MaxInputTokens = maxInput,
            InputCostPerToken = inputCost, OutputCostPerToken = outputCost,
        };

    public RouterKit Ok(params string[] ids)
    {
        foreach (var id in ids) Fake.Reply($"/{id}/v1/chat/completions", 200, ChatOk);
        return this;
    }

    public RouterKit Fail(string id, int status, IDictionary<string, string>? headers = null)
    {
        Fake.Reply($"/{id}/v1/chat/completions", status, status == 429 ? RateLimited : ServerError, headers: headers);
        return this;
    }

    public RouterKit Sequence(string id, params FakeProvider.Answer[] answers)
    {
        Fake.ReplySequence($"/{id}/v1/chat/completions", answers);
        return this;
    }

    public int Count(string id) => Fake.Server.LogEntries.Count(e => e.RequestMessage.Path.StartsWith($"/{id}/", StringComparison.Ordinal));

    public ILlmClient Client(Action<RouterOptions> router, int retries = 0, int seed = 42, Action<LlmClientBuilder>? configure = null)
    {
        var random = new Random(seed);
        var builder = new LlmClientBuilder()
            .UseEnvironment(_ => null)
            .UseTimeProvider(Time)
            .UseRandom(() => 0.5)
            .UseRouterRandom(random.NextDouble)
            .UseRouterStateStore(Store)
            .UseRouter(router)
            .Configure(o => o.Resilience.NumRetries = retries);
        configure?.Invoke(builder);
        var client = builder.Build();
        Router = builder.BuiltRouter;
        return client;
    }

    internal LlmAbstraction.Routing.Router? Router { get; private set; }

    public DeploymentGroup Group(string name = GroupName)
        => Router!.TryGetGroup(name, out var g) ? g : throw new InvalidOperationException("no group " + name);

    public static ChatCompletionRequest Ask(string model = GroupName, string text = "What is the capital of France?")
        => new() { Model = model, Messages = [ChatMessage.User(text)] };

    public void Dispose() => Fake.Dispose();
}
