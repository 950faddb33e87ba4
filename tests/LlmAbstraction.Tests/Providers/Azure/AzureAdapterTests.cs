using System.Net;
using System.Text.Json;
using LlmAbstraction.Providers;
using LlmAbstraction.Providers.Azure;
using LlmAbstraction.Tests.TestSupport;

namespace LlmAbstraction.Tests.Providers.Azure;

public class AzureAdapterTests
{
    private FakeProvider _fake = null!;

    [SetUp] public void SetUp() => _fake = new FakeProvider();
    [TearDown] public void TearDown() => _fake.Dispose();

    private ILlmClient Client(string? apiBase = null, string? version = "2024-12-01-preview", Action<LlmClientBuilder>? more = null)
        => _fake.Client(b =>
        {
            b.Configure(o => o.Providers["azure"] = new ProviderSettings { ApiBase = apiBase ?? _fake.Url, ApiKey = FakeProvider.TestKey, ApiVersion = version });
            more?.Invoke(b);
        });

    private static ChatCompletionRequest Ask(string model = "azure/my-gpt4o") => new() { Model = model, Messages = [ChatMessage.User("What is the capital of Norway?")] };

    private string LastUrl => _fake.Server.LogEntries.Last().RequestMessage.Url;

    [Test]
    public async Task Azure_deployment_call_uses_the_deployment_url_api_version_and_api_key_header()
    {
        _fake.Reply("/openai/deployments/my-gpt4o/chat/completions", 200, OwnFixtures.Text("azure/chat-text.response.json"), headers: new Dictionary<string, string> { ["apim-request-id"] = "apim-1" });
        var response = await Client().CompletionAsync(Ask());

        Assert.That(LastUrl, Is.EqualTo(_fake.Url + "/openai/deployments/my-gpt4o/chat/completions?api-version=2024-12-01-preview"));
        Assert.That(_fake.LastRequestHeaders["api-key"].ToString(), Is.EqualTo(FakeProvider.TestKey));
        Assert.That(_fake.LastRequestHeaders.ContainsKey("Authorization"), Is.False, "never both api-key and bearer");
        Assert.That(response.Content, Is.EqualTo("Oslo is the capital of Norway."));
        Assert.That(response.Details.Provider, Is.EqualTo("azure"));
        Assert.That(response.Details.ProviderRequestId, Is.EqualTo("apim-1"));
        JsonAssert.AreEquivalent("""{"model":"my-gpt4o","messages":[{"role":"user","content":"What is the capital of Norway?"}]}""", _fake.LastRequestBody);
    }

    [Test]
    public async Task Azure_content_filter_results_are_readable_through_typed_accessors()
    {
        _fake.Reply("/openai/deployments/my-gpt4o/chat/completions", 200, OwnFixtures.Text("azure/chat-text.response.json"));
        var response = await Client().CompletionAsync(Ask());

        var prompt = response.GetPromptFilterResults();
        Assert.That(prompt, Has.Count.EqualTo(1));
        Assert.That(prompt[0].PromptIndex, Is.EqualTo(0));
        Assert.That(prompt[0].Results["jailbreak"], Is.EqualTo(new ContentFilterCategoryResult(false, null, false)));
        var output = response.Choices[0].GetContentFilterResults()!;
        Assert.That(output["sexual"]!.Severity, Is.EqualTo("low"));
        Assert.That(output["protected_material_text"]!.Detected, Is.False);
        Assert.That(output.AnyFiltered, Is.False);
        Assert.That(output.Categories.Keys, Has.Count.EqualTo(6));
    }

    [TestCase("2024-10-21", "/openai/deployments/dep/chat/completions?api-version=2024-10-21")]
    [TestCase("v1", "/openai/v1/chat/completions")]
    [TestCase("latest", "/openai/v1/chat/completions")]
    public async Task Azure_api_version_selects_deployment_or_v1_urls(string version, string expected)
    {
        _fake.Reply(expected.Split('?')[0], 200, OwnFixtures.Text("azure/chat-text.response.json"));
        await Client(version: version).CompletionAsync(Ask("azure/dep"));
        Assert.That(LastUrl, Is.EqualTo(_fake.Url + expected));
        using var sent = JsonDocument.Parse(_fake.LastRequestBody);
        Assert.That(sent.RootElement.GetProperty("model").GetString(), Is.EqualTo("dep"), "v1 routes on the body's model: the deployment");
    }

    [Test]
    public async Task Azure_base_ending_in_openai_v1_selects_the_v1_api_whatever_the_version()
    {
        _fake.Reply("/openai/v1/chat/completions", 200, OwnFixtures.Text("azure/chat-text.response.json"));
        await Client(apiBase: _fake.Url + "/openai/v1/", version: "2024-10-21").CompletionAsync(Ask("azure/dep"));
        Assert.That(LastUrl, Is.EqualTo(_fake.Url + "/openai/v1/chat/completions"));
    }

    [Test]
    public async Task Azure_without_a_configured_version_uses_the_ga_default_and_env_variables()
    {
        _fake.Reply("/openai/deployments/dep/chat/completions", 200, OwnFixtures.Text("azure/chat-text.response.json"));
        var env = new Dictionary<string, string> { ["AZURE_API_BASE"] = _fake.Url, ["AZURE_API_KEY"] = FakeProvider.TestKey };
        var client = new LlmClientBuilder().UseEnvironment(n => env.GetValueOrDefault(n)).Build();
        await client.CompletionAsync(Ask("azure/dep"));
        Assert.That(LastUrl, Is.EqualTo(_fake.Url + "/openai/deployments/dep/chat/completions?api-version=2024-10-21"));

        env["AZURE_API_VERSION"] = "2025-01-01-preview";
        env.Remove("AZURE_API_BASE");
        env["AZURE_OPENAI_ENDPOINT"] = _fake.Url;
        await new LlmClientBuilder().UseEnvironment(n => env.GetValueOrDefault(n)).Build().CompletionAsync(Ask("azure/dep"));
        Assert.That(LastUrl, Does.EndWith("?api-version=2025-01-01-preview"));
    }

    [Test]
    public void Azure_without_a_base_url_is_a_clear_error_before_any_call()
    {
        var client = new LlmClientBuilder().UseEnvironment(_ => null).Configure(o => o.Providers["azure"] = new ProviderSettings { ApiKey = FakeProvider.TestKey }).Build();
        var ex = Assert.ThrowsAsync<BadRequestException>(async () => await client.CompletionAsync(Ask()));
        Assert.That(ex!.ErrorCode, Is.EqualTo("missing_api_base"));
        Assert.That(ex.Message, Does.Contain("AZURE_API_BASE"));
        Assert.That(_fake.RequestCount, Is.Zero);
    }

    [Test]
    public async Task Azure_entra_token_provider_sends_a_bearer_token_and_needs_no_key()
    {
        _fake.Reply("/openai/deployments/dep/chat/completions", 200, OwnFixtures.Text("azure/chat-text.response.json"));
        var tokens = new CountingTokenProvider();
        var client = new LlmClientBuilder().UseEnvironment(_ => null)
            .AddProvider(AzureOpenAIProvider.CreateDescriptor(new AzureOpenAIOptions { TokenProvider = tokens }))
            .Configure(o => o.Providers["azure"] = new ProviderSettings { ApiBase = _fake.Url })
            .Build();
        await client.CompletionAsync(Ask("azure/dep"));
        await client.CompletionAsync(Ask("azure/dep"));

        Assert.That(_fake.LastRequestHeaders["Authorization"].ToString(), Is.EqualTo("Bearer entra-token-2"));
        Assert.That(_fake.LastRequestHeaders.ContainsKey("api-key"), Is.False);
        Assert.That(tokens.Calls, Is.EqualTo(2));
    }

    [Test]
    public async Task Azure_stream_folds_the_leading_filter_chunk_into_the_first_real_chunk()
    {
        _fake.Reply("/openai/deployments/my-gpt4o/chat/completions", 200, OwnFixtures.Text("azure/chat-stream-tools.sse"), "text/event-stream");
        var chunks = new List<ChatCompletionChunk>();
        await foreach (var c in Client().StreamCompletionAsync(Ask())) chunks.Add(c);

        Assert.That(chunks, Has.Count.EqualTo(5));
        Assert.That(chunks[0].Id, Is.EqualTo("chatcmpl-AzTest0002"));
        Assert.That(chunks[0].Choices[0].Delta.Role, Is.EqualTo("assistant"));
        Assert.That(chunks[0].GetPromptFilterResults()[0].Results["jailbreak"]!.Detected, Is.False);
        Assert.That(chunks[^1].Choices, Is.Empty);
        Assert.That(chunks[^1].Usage!.TotalTokens, Is.EqualTo(76));
        var rebuilt = ChunkAggregator.Build(chunks);
        Assert.That(rebuilt.Id, Is.EqualTo("chatcmpl-AzTest0002"));
        Assert.That(rebuilt.Choices[0].Message.ToolCalls![0].Function.Arguments, Is.EqualTo("{\"city\": \"Oslo\"}"));
        Assert.That(rebuilt.Choices[0].FinishReason, Is.EqualTo("tool_calls"));
        using var sent = JsonDocument.Parse(_fake.LastRequestBody);
        Assert.That(sent.RootElement.GetProperty("stream_options").GetProperty("include_usage").GetBoolean(), Is.True);
    }

    [Test]
    public void Azure_content_filter_400_is_a_content_policy_error_with_the_filter_verdicts()
    {
        _fake.Reply("/openai/deployments/my-gpt4o/chat/completions", 400, OwnFixtures.Text("azure/error-400-content-filter.json"));
        var ex = Assert.ThrowsAsync<ContentPolicyViolationException>(async () => await Client().CompletionAsync(Ask()));
        Assert.That(ex!.ErrorCode, Is.EqualTo("content_filter"));
        Assert.That(ex.IsRetryable, Is.False);
        var verdicts = ex.GetContentFilterResults()!;
        Assert.That(verdicts.AnyFiltered, Is.True);
        Assert.That(verdicts["hate"]!.Severity, Is.EqualTo("high"));
    }

    [TestCase("azure/error-404-deployment-not-found.json", 404, typeof(NotFoundException), "DeploymentNotFound")]
    [TestCase("azure/error-401-access-denied.json", 401, typeof(AuthenticationException), "401")]
    public void Azure_error_bodies_become_typed_errors(string fixture, int status, Type expected, string code)
    {
        _fake.Reply("/openai/deployments/my-gpt4o/chat/completions", status, OwnFixtures.Text(fixture));
        var ex = Assert.ThrowsAsync(Is.InstanceOf(expected), async () => await Client().CompletionAsync(Ask())) as LlmException;
        Assert.That(ex!.GetType(), Is.EqualTo(expected));
        Assert.That(ex.ErrorCode, Is.EqualTo(code));
        Assert.That(ex.StatusCode, Is.EqualTo((HttpStatusCode)status));
        Assert.That(ex.ToString(), Does.Not.Contain(FakeProvider.TestKey));
    }

    [TestCase("2024-10-21", "/openai/deployments/emb/embeddings?api-version=2024-10-21")]
    [TestCase("v1", "/openai/v1/embeddings")]
    public async Task Azure_embeddings_use_the_deployment_or_v1_embeddings_url(string version, string expected)
    {
        _fake.Reply(expected.Split('?')[0], 200, OwnFixtures.Text("azure/embeddings.response.json"));
        var response = await Client(version: version).EmbeddingAsync(new EmbeddingRequest { Model = "azure/emb", Input = ["a", "b"], Dimensions = 3 });
        Assert.That(LastUrl, Is.EqualTo(_fake.Url + expected));
        Assert.That(response.Data, Has.Count.EqualTo(2));
        Assert.That(response.Data[1].Embedding[2], Is.EqualTo(-0.033f));
        JsonAssert.AreEquivalent("""{"model":"emb","input":["a","b"],"dimensions":3}""", _fake.LastRequestBody);
        Assert.That(_fake.LastRequestHeaders["api-key"].ToString(), Is.EqualTo(FakeProvider.TestKey));
    }

    [Test]
    public void Azure_descriptor_is_registered_with_honest_capabilities()
    {
        Assert.That(ProviderRegistry.CreateDefault().TryGet("azure", out var d), Is.True);
        Assert.That(d!.Capabilities.HasFlag(ProviderCapabilities.Embeddings), Is.True);
        Assert.That(d.ApiKeyEnvironmentVariables, Is.EqualTo(new[] { "AZURE_API_KEY", "AZURE_OPENAI_API_KEY" }));
        Assert.That(d.ApiVersionEnvironmentVariables[0], Is.EqualTo("AZURE_API_VERSION"));
        Assert.That(AzureOpenAIProvider.CreateDescriptor(new AzureOpenAIOptions { TokenProvider = new CountingTokenProvider() }).RequiresApiKey, Is.False);
    }

    private sealed class CountingTokenProvider : IAccessTokenProvider
    {
        public int Calls;
        public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult("entra-token-" + Interlocked.Increment(ref Calls));
    }
}
