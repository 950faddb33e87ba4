using System.Text;
using LlmAbstraction.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LlmAbstraction.Tests.Core;

public class ClientTests
{
    private static ILlmClient Offline(Action<LlmClientBuilder>? configure = null)
    {
        var b = new LlmClientBuilder().UseEnvironment(_ => null).Configure(o => o.Resilience.NumRetries = 0);
        configure?.Invoke(b);
        return b.Build();
    }

    [Test]
    public async Task Mock_model_answers_offline_through_the_whole_pipeline()
    {
        var response = await Offline().CompletionAsync("mock/test", "Hello there");
        Assert.That(response.Content, Is.EqualTo(LlmAbstraction.Providers.Mock.MockProvider.DefaultText));
        Assert.That(response.Details.Provider, Is.EqualTo("mock"));
        Assert.That(response.Details.RequestedModel, Is.EqualTo("mock/test"));
        Assert.That(response.Usage!.TotalTokens, Is.GreaterThan(0));
    }

    [Test]
    public async Task A_per_request_mock_response_answers_for_any_model_without_keys()
    {
        var response = await Offline().CompletionAsync(new ChatCompletionRequest { Model = "gpt-4o", Messages = [ChatMessage.User("hi")], MockResponse = "canned" });
        Assert.That(response.Content, Is.EqualTo("canned"));
    }

    [Test]
    public async Task Mock_stream_rebuilds_to_the_same_text_and_ends_with_usage()
    {
        var chunks = new List<ChatCompletionChunk>();
        await foreach (var c in Offline().StreamCompletionAsync(new ChatCompletionRequest { Model = "mock/x", Messages = [ChatMessage.User("hi")], MockResponse = "one two three" }))
            chunks.Add(c);
        Assert.That(ChunkAggregator.Build(chunks).Content, Is.EqualTo("one two three"));
        Assert.That(chunks[^1].Usage, Is.Not.Null);
        Assert.That(chunks[^1].Details!.Provider, Is.EqualTo("mock"));
        Assert.That(chunks[^1].Details!.TimeToFirstChunk, Is.Not.Null);
    }

    [Test]
    public void Mock_errors_are_typed_like_real_provider_errors()
    {
        var request = new ChatCompletionRequest { Model = "mock/x", Messages = [ChatMessage.User("hi")], MockResponse = MockResponse.Error(429, "slow down") };
        var ex = Assert.ThrowsAsync<RateLimitException>(() => Offline().CompletionAsync(request));
        Assert.That(ex!.Message, Does.Contain("slow down"));
    }

    [Test]
    public void Missing_key_is_an_authentication_error_naming_the_variable_before_any_call()
    {
        var ex = Assert.ThrowsAsync<AuthenticationException>(() => Offline().CompletionAsync("gpt-4o", "hi"));
        Assert.That(ex!.Message, Does.Contain("OPENAI_API_KEY"));
    }

    [TestCase("", "missing_model")]
    [TestCase("gpt-4o", "missing_messages")]
    public void Bad_requests_fail_fast_with_typed_errors(string model, string code)
    {
        var ex = Assert.ThrowsAsync<BadRequestException>(() => Offline().CompletionAsync(new ChatCompletionRequest { Model = model }));
        Assert.That(ex!.ErrorCode, Is.EqualTo(code));
    }

    [Test]
    public void Null_request_and_null_message_are_clear_errors_not_null_references()
    {
        Assert.ThrowsAsync<ArgumentNullException>(() => Offline().CompletionAsync(null!));
        var ex = Assert.ThrowsAsync<BadRequestException>(() => Offline().CompletionAsync(new ChatCompletionRequest { Model = "mock/x", Messages = [null!] }));
        Assert.That(ex!.Message, Does.Contain("null"));
        Assert.Throws<BadRequestException>(() => Offline().StreamCompletionAsync(new ChatCompletionRequest { Model = "mock/x", Messages = [ChatMessage.User("x")], Temperature = 7 }));
    }

    [Test]
    public async Task Keys_come_from_os_environ_references_in_options()
    {
        var env = new Dictionary<string, string> { ["MY_KEY"] = "k" };
        var seen = new List<string?>();
        var client = new LlmClientBuilder().UseEnvironment(n => env.GetValueOrDefault(n))
            .Configure(o => o.Providers["openai"] = new ProviderSettings { ApiKey = "os.environ/MY_KEY" })
            .Use(next => new SpyStage(next, seen))
            .Build();
        var response = await client.CompletionAsync(new ChatCompletionRequest { Model = "gpt-4o", Messages = [ChatMessage.User("hi")], MockResponse = "ok" });
        Assert.That(response.Content, Is.EqualTo("ok"));
        Assert.That(seen, Is.EqualTo(new[] { "gpt-4o" }));
    }

    [Test]
    public void The_total_timeout_is_a_typed_timeout_driven_by_the_injected_clock()
    {
        var time = new FakeTimeProvider();
        var client = Offline(b => b.UseTimeProvider(time).Use(next => new HangingStage(next)));
        var task = client.CompletionAsync(new ChatCompletionRequest { Model = "mock/x", Messages = [ChatMessage.User("hi")], Timeout = TimeSpan.FromSeconds(5) });
        Assert.That(task.IsCompleted, Is.False);
        time.Advance(TimeSpan.FromSeconds(5));
        var ex = Assert.ThrowsAsync<LlmTimeoutException>(() => task);
        Assert.That(ex!.IsRetryable, Is.True);
    }

    [Test]
    public void Caller_cancellation_stays_a_cancellation()
    {
        using var cts = new CancellationTokenSource();
        var client = Offline(b => b.Use(next => new HangingStage(next)));
        var task = client.CompletionAsync(new ChatCompletionRequest { Model = "mock/x", Messages = [ChatMessage.User("hi")] }, cts.Token);
        cts.Cancel();
        Assert.CatchAsync<OperationCanceledException>(() => task);
    }

    [Test]
    public async Task DI_binds_options_from_configuration_and_builds_one_client()
    {
        var json = """{"LlmAbstraction":{"Aliases":{"fast":"mock/fast-model"},"Timeout":"00:00:30","Providers":{"openai":{"ApiKey":"os.environ/NOPE"}}}}""";
        var config = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var services = new ServiceCollection();
        services.AddLlmClient(config.GetSection("LlmAbstraction"));
        using var sp = services.BuildServiceProvider();
        var client = sp.GetRequiredService<ILlmClient>();
        Assert.That(sp.GetRequiredService<ILlmClient>(), Is.SameAs(client));
        Assert.That(sp.GetRequiredService<IOptions<LlmClientOptions>>().Value.Timeout, Is.EqualTo(TimeSpan.FromSeconds(30)));
        var response = await client.CompletionAsync("fast", "hi");
        Assert.That(response.Details.Provider, Is.EqualTo("mock"));
        Assert.That(response.Model, Is.EqualTo("fast-model"));
    }

    [Test]
    public void DI_validation_reports_all_errors_at_startup()
    {
        var services = new ServiceCollection();
        services.AddLlmClient(o =>
        {
            o.Timeout = TimeSpan.FromSeconds(-1);
            o.Aliases["x"] = "";
            o.Providers["openai"] = new ProviderSettings { ApiBase = "not a url" };
        });
        using var sp = services.BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<ILlmClient>());
        Assert.That(ex!.Failures.Count(), Is.EqualTo(3));
    }

    private sealed class SpyStage(LlmHandler next, List<string?> seen) : DelegatingLlmHandler(next)
    {
        public override Task<ChatCompletionResponse> CompleteAsync(ChatCompletionRequest request, LlmCallContext context, CancellationToken cancellationToken)
        {
            seen.Add(context.RequestedModel);
            return base.CompleteAsync(request, context, cancellationToken);
        }
    }

    private sealed class HangingStage(LlmHandler next) : DelegatingLlmHandler(next)
    {
        public override async Task<ChatCompletionResponse> CompleteAsync(ChatCompletionRequest request, LlmCallContext context, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
