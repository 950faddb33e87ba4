using System.Text;
using System.Text.Json;
using LlmAbstraction.Providers;
using LlmAbstraction.Providers.OpenAICompatible;
using LlmAbstraction.Tests.TestSupport;

namespace LlmAbstraction.Tests.Providers.OpenAICompatible;

public class OpenAICompatibleCatalogTests
{
    private FakeProvider _fake = null!;

    [SetUp] public void SetUp() => _fake = new FakeProvider();
    [TearDown] public void TearDown() => _fake.Dispose();

    public static IEnumerable<TestCaseData> Hosts => OpenAICompatibleProviders.Catalog.Select(h => new TestCaseData(h.Name).SetName($"Catalogue_host_{h.Name}_resolves_builds_its_url_and_auth"));

    private static readonly string[] Required =
    [
        "groq", "together_ai", "fireworks_ai", "deepseek", "openrouter", "xai", "perplexity", "deepinfra", "cerebras", "sambanova",
        "nvidia_nim", "nebius", "novita", "hyperbolic", "lambda_ai", "moonshot", "dashscope", "zai", "friendliai", "featherless_ai",
        "github", "meta_llama", "hosted_vllm", "lm_studio", "llamafile",
    ];

    private ILlmClient ClientFor(string provider, string? apiKey = FakeProvider.TestKey)
        => _fake.Client(b => b.Configure(o => o.Providers[provider] = new ProviderSettings { ApiBase = $"{_fake.Url}/h/{provider}/v1", ApiKey = apiKey }));

    [Test]
    public void Catalogue_holds_at_least_30_unique_hosts_including_every_required_one()
    {
        var names = OpenAICompatibleProviders.Catalog.Select(h => h.Name).ToList();
        Assert.That(names, Has.Count.GreaterThanOrEqualTo(30));
        Assert.That(names, Is.Unique);
        Assert.That(names, Is.SupersetOf(Required));
        Assert.That(names, Has.None.EqualTo("azure").And.None.EqualTo("mistral").And.None.EqualTo("openai"), "native adapters are not catalogue entries");
    }

    [TestCaseSource(nameof(Hosts))]
    public async Task Each_catalogue_host(string name)
    {
        var host = OpenAICompatibleProviders.Catalog.Single(h => h.Name == name);
        Assert.That(ProviderRegistry.CreateDefault().TryGet(name, out var descriptor), Is.True);
        Assert.That(descriptor!.DefaultApiBase, Is.EqualTo(host.ApiBase));
        Assert.That(descriptor.ApiKeyEnvironmentVariables, Is.EqualTo(host.ApiKeyEnvironmentVariables));
        Assert.That(descriptor.Capabilities, Is.EqualTo(host.Capabilities));
        Assert.That(new ModelResolver(ProviderRegistry.CreateDefault()).Resolve($"{name}/org/some-model").ProviderModel, Is.EqualTo("org/some-model"));

        _fake.Reply($"/h/{name}/v1/chat/completions", 200, OwnFixtures.Text("openai/chat-text.response.json"));
        var response = await ClientFor(name).CompletionAsync(new ChatCompletionRequest { Model = $"{name}/org/some-model", Messages = [ChatMessage.User("hi")] });

        Assert.That(response.Details.Provider, Is.EqualTo(name));
        Assert.That(_fake.Server.LogEntries.Last().RequestMessage.Path, Is.EqualTo($"/h/{name}/v1/chat/completions"));
        JsonAssert.AreEquivalent("""{"model":"org/some-model","messages":[{"role":"user","content":"hi"}]}""", _fake.LastRequestBody);
        if (host.AuthHeader == "Authorization")
            Assert.That(_fake.LastRequestHeaders["Authorization"].ToString(), Is.EqualTo("Bearer " + FakeProvider.TestKey));
        else
        {
            Assert.That(_fake.LastRequestHeaders[host.AuthHeader].ToString(), Is.EqualTo(FakeProvider.TestKey));
            Assert.That(_fake.LastRequestHeaders.ContainsKey("Authorization"), Is.False);
        }

        if (host.Capabilities.HasFlag(ProviderCapabilities.Embeddings))
        {
            _fake.Reply($"/h/{name}/v1/embeddings", 200, """{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.5,-0.25]}],"model":"e","usage":{"prompt_tokens":1,"total_tokens":1}}""");
            var embedded = await ClientFor(name).EmbeddingAsync(new EmbeddingRequest { Model = $"{name}/e", Input = ["x"] });
            Assert.That(_fake.Server.LogEntries.Last().RequestMessage.Path, Is.EqualTo($"/h/{name}/v1/embeddings"));
            Assert.That(embedded.Data[0].Embedding, Is.EqualTo(new[] { 0.5f, -0.25f }));
        }
    }

    [Test]
    public void A_host_that_requires_a_key_refuses_to_call_without_one_and_names_its_variables()
    {
        var ex = Assert.ThrowsAsync<AuthenticationException>(async () => await ClientFor("groq", apiKey: null).CompletionAsync(new ChatCompletionRequest { Model = "groq/llama-3.3-70b-versatile", Messages = [ChatMessage.User("hi")] }));
        Assert.That(ex!.Message, Does.Contain("GROQ_API_KEY"));
        Assert.That(_fake.RequestCount, Is.Zero);
    }

    [Test]
    public async Task Local_servers_need_no_key_and_default_to_localhost()
    {
        Assert.That(ProviderRegistry.CreateDefault().TryGet("lm_studio", out var lm), Is.True);
        Assert.That(lm!.DefaultApiBase, Is.EqualTo("http://localhost:1234/v1"));
        Assert.That(lm.RequiresApiKey, Is.False);
        Assert.That(OpenAICompatibleProviders.Catalog.Single(h => h.Name == "llamafile").ApiBase, Is.EqualTo("http://localhost:8080/v1"));

        _fake.Reply("/h/lm_studio/v1/chat/completions", 200, OwnFixtures.Text("openai/chat-text.response.json"));
        await ClientFor("lm_studio", apiKey: null).CompletionAsync(new ChatCompletionRequest { Model = "lm_studio/qwen3-8b", Messages = [ChatMessage.User("hi")] });
        Assert.That(_fake.LastRequestHeaders.ContainsKey("Authorization"), Is.False);
    }

    [Test]
    public void Hosted_vllm_without_a_base_url_is_a_clear_error_naming_its_variable()
    {
        var client = new LlmClientBuilder().UseEnvironment(_ => null).Build();
        var ex = Assert.ThrowsAsync<BadRequestException>(async () => await client.CompletionAsync(new ChatCompletionRequest { Model = "hosted_vllm/meta-llama/Llama-3.1-8B-Instruct", Messages = [ChatMessage.User("hi")] }));
        Assert.That(ex!.ErrorCode, Is.EqualTo("missing_api_base"));
        Assert.That(ex.Message, Does.Contain("HOSTED_VLLM_API_BASE"));
    }

    [Test]
    public async Task Hosted_vllm_reads_its_base_url_from_the_environment()
    {
        _fake.Reply("/vllm/v1/chat/completions", 200, OwnFixtures.Text("openai/chat-text.response.json"));
        var env = new Dictionary<string, string> { ["HOSTED_VLLM_API_BASE"] = _fake.Url + "/vllm/v1" };
        var client = new LlmClientBuilder().UseEnvironment(n => env.GetValueOrDefault(n)).Build();
        var response = await client.CompletionAsync(new ChatCompletionRequest { Model = "hosted_vllm/my-model", Messages = [ChatMessage.User("hi")] });
        Assert.That(response.Details.Provider, Is.EqualTo("hosted_vllm"));
    }

    [Test]
    public async Task Unsupported_params_of_a_host_are_refused_or_dropped_with_a_warning()
    {
        _fake.Reply("/h/perplexity/v1/chat/completions", 200, OwnFixtures.Text("openai/chat-text.response.json"));
        ChatCompletionRequest Request() => new()
        {
            Model = "perplexity/sonar",
            Messages = [ChatMessage.User("hi")],
            Tools = [ToolDefinition.ForFunction("f", null, null)],
            Temperature = 0.1,
        };
        var ex = Assert.ThrowsAsync<UnsupportedParamsException>(async () => await ClientFor("perplexity").CompletionAsync(Request()));
        Assert.That(ex!.Message, Does.Contain("'tools'"));
        Assert.That(_fake.RequestCount, Is.Zero);

        var dropping = Request();
        dropping.DropParams = true;
        var response = await ClientFor("perplexity").CompletionAsync(dropping);
        Assert.That(response.Details.Warnings, Has.Some.Contains("'tools'"));
        JsonAssert.AreEquivalent("""{"model":"sonar","messages":[{"role":"user","content":"hi"}],"temperature":0.1}""", _fake.LastRequestBody);
    }

    [Test]
    public async Task A_host_without_stream_usage_or_DONE_gets_no_stream_options_and_may_end_without_DONE()
    {
        var sse = new StringBuilder();
        sse.Append("data: {\"id\":\"p1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"sonar\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"finish_reason\":null}]}\n\n");
        sse.Append("data: {\"id\":\"p1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"sonar\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"!\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}\n\n");
        _fake.Reply("/h/perplexity/v1/chat/completions", 200, sse.ToString(), "text/event-stream");
        var rebuilt = await ClientFor("perplexity").StreamCompletionAsync(new ChatCompletionRequest { Model = "perplexity/sonar", Messages = [ChatMessage.User("hi")] }).ToResponseAsync();
        Assert.That(rebuilt.Content, Is.EqualTo("Hi!"));
        using var sent = JsonDocument.Parse(_fake.LastRequestBody);
        Assert.That(sent.RootElement.TryGetProperty("stream_options", out _), Is.False);

        _fake.Reply("/h/groq/v1/chat/completions", 200, sse.ToString(), "text/event-stream");
        var ex = Assert.ThrowsAsync<ApiConnectionException>(async () => await ClientFor("groq").StreamCompletionAsync(new ChatCompletionRequest { Model = "groq/x", Messages = [ChatMessage.User("hi")] }).ToResponseAsync());
        Assert.That(ex!.ErrorCode, Is.EqualTo("stream_truncated"), "hosts that send [DONE] are held to it");
    }

    [Test]
    public async Task A_host_registered_at_runtime_works_end_to_end_for_chat_stream_and_embeddings()
    {
        var registry = ProviderRegistry.CreateDefault();
        OpenAICompatibleProviders.Register(registry, "my_gateway", _fake.Url + "/gw/v1/", "MY_GATEWAY_KEY", requiresApiKey: true,
            capabilities: ProviderCapabilities.Chat | ProviderCapabilities.Streaming | ProviderCapabilities.Embeddings);
        var env = new Dictionary<string, string> { ["MY_GATEWAY_KEY"] = FakeProvider.TestKey };
        var client = new LlmClientBuilder().UseEnvironment(n => env.GetValueOrDefault(n)).UseProviders(registry).Build();

        _fake.Reply("/gw/v1/chat/completions", 200, OwnFixtures.Text("openai/chat-text.response.json"));
        var response = await client.CompletionAsync(new ChatCompletionRequest { Model = "my_gateway/team/model-a", Messages = [ChatMessage.User("hi")] });
        Assert.That(response.Content, Is.EqualTo("Paris is the capital of France."));
        Assert.That(response.Details.Provider, Is.EqualTo("my_gateway"));
        Assert.That(_fake.LastRequestHeaders["Authorization"].ToString(), Is.EqualTo("Bearer " + FakeProvider.TestKey));
        Assert.That(_fake.LastRequestBody, Does.Contain("\"model\":\"team/model-a\""));

        _fake.Reply("/gw/v1/chat/completions", 200, OwnFixtures.Text("openai/chat-stream-text.sse"), "text/event-stream");
        var streamed = await client.StreamCompletionAsync(new ChatCompletionRequest { Model = "my_gateway/team/model-a", Messages = [ChatMessage.User("hi")] }).ToResponseAsync();
        Assert.That(streamed.Content, Is.Not.Empty);

        _fake.Reply("/gw/v1/embeddings", 200, """{"object":"list","data":[{"object":"embedding","index":0,"embedding":[1.0]}],"model":"e","usage":{"prompt_tokens":1,"total_tokens":1}}""");
        var embedded = await client.EmbeddingAsync(new EmbeddingRequest { Model = "my_gateway/e", Input = ["x"] });
        Assert.That(embedded.Data[0].Embedding, Is.EqualTo(new[] { 1.0f }));

        env.Clear();
        Assert.ThrowsAsync<AuthenticationException>(async () => await client.CompletionAsync(new ChatCompletionRequest { Model = "my_gateway/m", Messages = [ChatMessage.User("hi")] }));
    }

    [Test]
    public async Task A_host_added_on_the_builder_with_a_custom_auth_header_works()
    {
        _fake.Reply("/custom/chat/completions", 200, OwnFixtures.Text("openai/chat-text.response.json"));
        var client = new LlmClientBuilder().UseEnvironment(_ => null)
            .AddOpenAICompatibleProvider(new OpenAICompatibleHost { Name = "corp", ApiBase = _fake.Url + "/custom", AuthHeader = "x-api-key", RequiresApiKey = true })
            .Configure(o => o.Providers["corp"] = new ProviderSettings { ApiKey = FakeProvider.TestKey })
            .Build();
        await client.CompletionAsync(new ChatCompletionRequest { Model = "corp/m", Messages = [ChatMessage.User("hi")] });
        Assert.That(_fake.LastRequestHeaders["x-api-key"].ToString(), Is.EqualTo(FakeProvider.TestKey));
    }

    [Test]
    public void A_user_catalogue_file_loads_with_defaults_and_bad_entries_fail_loudly()
    {
        static IReadOnlyList<OpenAICompatibleHost> Load(string json) => OpenAICompatibleProviders.LoadCatalog(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        var hosts = Load("""{"hosts":[{"name":"acme","api_base":"https://llm.acme.test/v1","api_key_env":["ACME_KEY"]}]}""");
        var acme = hosts.Single();
        Assert.That(acme.AuthHeader, Is.EqualTo("Authorization"));
        Assert.That(acme.RequiresApiKey, Is.True);
        Assert.That(acme.RequiresDoneMarker, Is.True);
        Assert.That(acme.ChatPath, Is.EqualTo("/chat/completions"));
        Assert.That(acme.Capabilities, Is.EqualTo(ProviderCapabilities.Chat | ProviderCapabilities.Streaming));

        Assert.Throws<ArgumentException>(() => Load("""{"hosts":[{"name":"a","api_base":"https://a.test/v1","unsupported_params":["temprature"]}]}"""));
        Assert.Throws<ArgumentException>(() => Load("""{"hosts":[{"name":"a","api_base":"ftp://a.test"}]}"""));
        Assert.Throws<ArgumentException>(() => Load("""{"hosts":[{"name":"a/b","api_base":"https://a.test"}]}"""));
        Assert.Throws<ArgumentException>(() => Load("""{"hosts":[{"name":"a","api_base":""}]}"""));
        Assert.Throws<ArgumentException>(() => Load("""{"hosts":[{"name":"a","api_base":"https://a.test"},{"name":"A","api_base":"https://b.test"}]}"""));
        Assert.Throws<JsonException>(() => Load("""{"hosts":[{"name":"a","capabilities":"Chat, Teleport"}]}"""));
    }
}
