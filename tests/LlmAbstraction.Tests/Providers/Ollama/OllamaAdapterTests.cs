using System.Net;
using System.Text.Json;
using LlmAbstraction.Tests.TestSupport;

namespace LlmAbstraction.Tests.Providers.Ollama;

public class OllamaAdapterTests
{
    private FakeProvider _fake = null!;

    [SetUp] public void SetUp() => _fake = new FakeProvider();
    [TearDown] public void TearDown() => _fake.Dispose();

    private static readonly JsonElement WeatherSchema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement;

    private ILlmClient Client() => OllamaClient(_fake);

    /// <summary>No key configured: Ollama needs none.</summary>
    internal static ILlmClient OllamaClient(FakeProvider fake)
        => fake.Client(b => b.Configure(o => o.Providers["ollama"] = new ProviderSettings { ApiBase = fake.Url }));

    [Test]
    public async Task Ollama_request_puts_sampling_under_options_sends_stream_false_and_maps_history_with_tool_names()
    {
        _fake.Reply("/api/chat", 200, OwnFixtures.Text("ollama/chat-thinking-tool-call.response.json"));
        await Client().CompletionAsync(new ChatCompletionRequest
        {
            Model = "ollama/qwen3:8b",
            Messages =
            [
                ChatMessage.System("Be brief."),
                ChatMessage.User(ContentPart.FromText("What is in this picture? "), ContentPart.FromImageUrl("data:image/png;base64,iVBORw0KGgo=")),
                new ChatMessage(ChatRoles.Assistant, null)
                {
                    ReasoningContent = "Need the weather.",
                    ToolCalls = [new ToolCall { Id = "call_0", Function = new FunctionCall { Name = "get_weather", Arguments = """{"city":"Paris"}""" } }],
                },
                ChatMessage.Tool("call_0", "18C"),
            ],
            Temperature = 0.2,
            TopP = 0.8,
            Seed = 42,
            MaxTokens = 100,
            Stop = ["###"],
            Tools = [ToolDefinition.ForFunction("get_weather", "Get weather", WeatherSchema)],
            ResponseFormat = ResponseFormat.JsonObject,
            ReasoningEffort = "high",
            AdditionalProperties = new Dictionary<string, JsonElement>
            {
                ["keep_alive"] = JsonDocument.Parse("\"10m\"").RootElement,
                ["num_ctx"] = JsonDocument.Parse("8192").RootElement,
                ["options"] = JsonDocument.Parse("""{"top_k":20}""").RootElement,
            },
        });

        JsonAssert.AreEquivalent("""
            {"model":"qwen3:8b","stream":false,
             "messages":[
               {"role":"system","content":"Be brief."},
               {"role":"user","content":"What is in this picture? ","images":["iVBORw0KGgo="]},
               {"role":"assistant","content":"","thinking":"Need the weather.","tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"Paris"}}}]},
               {"role":"tool","content":"18C","tool_name":"get_weather"}],
             "tools":[{"type":"function","function":{"name":"get_weather","description":"Get weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}],
             "format":"json","think":"high","keep_alive":"10m",
             "options":{"temperature":0.2,"top_p":0.8,"seed":42,"num_predict":100,"stop":["###"],"num_ctx":8192,"top_k":20}}
            """, _fake.LastRequestBody);
        Assert.That(_fake.LastRequestHeaders.ContainsKey("Authorization"), Is.False, "no key, no auth header");
    }

    [Test]
    public async Task Ollama_json_schema_goes_to_format_and_tool_choice_none_sends_no_tools()
    {
        _fake.Reply("/api/chat", 200, OwnFixtures.Text("ollama/chat-thinking-tool-call.response.json"));
        await Client().CompletionAsync(new ChatCompletionRequest
        {
            Model = "ollama/llama3.1",
            Messages = [ChatMessage.User("hi")],
            Tools = [ToolDefinition.ForFunction("get_weather", null, WeatherSchema)],
            ToolChoice = ToolChoice.None,
            ResponseFormat = ResponseFormat.ForJsonSchema("w", WeatherSchema),
        });
        JsonAssert.AreEquivalent("""
            {"model":"llama3.1","stream":false,"messages":[{"role":"user","content":"hi"}],
             "format":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}
            """, _fake.LastRequestBody);
    }

    [Test]
    public void Ollama_refuses_image_urls_it_cannot_fetch()
    {
        _fake.Reply("/api/chat", 200, OwnFixtures.Text("ollama/chat-thinking-tool-call.response.json"));
        var ex = Assert.ThrowsAsync<UnsupportedParamsException>(async () => await Client().CompletionAsync(new ChatCompletionRequest
        {
            Model = "ollama/llava",
            Messages = [ChatMessage.User(ContentPart.FromText("?"), ContentPart.FromImageUrl("https://example.com/a.jpg"))],
        }));
        Assert.That(ex!.Message, Does.Contain("base64"));
        Assert.That(_fake.RequestCount, Is.EqualTo(0));
    }

    [Test]
    public async Task Ollama_response_synthesizes_tool_call_ids_serializes_arguments_and_maps_thinking_and_counts()
    {
        _fake.Reply("/api/chat", 200, OwnFixtures.Text("ollama/chat-thinking-tool-call.response.json"));
        var response = await Client().CompletionAsync(new ChatCompletionRequest { Model = "ollama/qwen3:8b", Messages = [ChatMessage.User("Weather in Paris and Rome?")] });

        var choice = response.Choices[0];
        Assert.That(choice.Message.Content, Is.Null);
        Assert.That(choice.Message.ReasoningContent, Does.StartWith("The user wants the weather"));
        Assert.That(choice.Message.ToolCalls!.Select(c => c.Id), Is.EqualTo(new[] { "call_0", "call_1" }));
        JsonAssert.AreEquivalent("""{"city":"Rome"}""", choice.Message.ToolCalls![1].Function.Arguments!);
        Assert.That(choice.FinishReason, Is.EqualTo("tool_calls"), "Ollama says stop for tool calls");
        Assert.That(choice.ProviderFinishReason, Is.EqualTo("stop"));
        Assert.That(response.Created, Is.EqualTo(new DateTimeOffset(2025, 6, 2, 9, 14, 27, TimeSpan.Zero).ToUnixTimeSeconds()));
        Assert.That(response.Model, Is.EqualTo("qwen3:8b"));
        Assert.That(response.Id, Does.StartWith("chatcmpl-"));
        Assert.That(response.Usage!.PromptTokens, Is.EqualTo(188));
        Assert.That(response.Usage.CompletionTokens, Is.EqualTo(61));
        Assert.That(response.Usage.TotalTokens, Is.EqualTo(249));
        Assert.That(response.Details.Provider, Is.EqualTo("ollama"));
    }

    [Test]
    public async Task Ollama_ndjson_stream_maps_thinking_content_whole_tool_calls_and_ends_on_done_with_usage()
    {
        _fake.Reply("/api/chat", 200, OwnFixtures.Text("ollama/chat-stream-thinking-tool-call.ndjson"), "application/x-ndjson");
        var chunks = new List<ChatCompletionChunk>();
        await foreach (var c in Client().StreamCompletionAsync(new ChatCompletionRequest { Model = "ollama/qwen3:8b", Messages = [ChatMessage.User("Weather?")] }))
            chunks.Add(c);

        Assert.That(chunks[0].Choices[0].Delta.Role, Is.EqualTo("assistant"));
        Assert.That(chunks.Select(c => c.Id).Distinct().Count(), Is.EqualTo(1));
        Assert.That(chunks[^1].Choices, Is.Empty);
        Assert.That(chunks[^1].Usage!.PromptTokens, Is.EqualTo(152));
        Assert.That(chunks[^1].Usage!.CompletionTokens, Is.EqualTo(33));
        var toolDelta = chunks.SelectMany(c => c.Choices).SelectMany(c => c.Delta.ToolCalls ?? []).Single();
        Assert.That(toolDelta.Index, Is.EqualTo(0));
        Assert.That(toolDelta.Id, Is.EqualTo("call_0"));

        var rebuilt = ChunkAggregator.Build(chunks);
        Assert.That(rebuilt.Content, Is.EqualTo("Checking."));
        Assert.That(rebuilt.Choices[0].Message.ReasoningContent, Is.EqualTo("I should call the tool."));
        JsonAssert.AreEquivalent("""{"city":"Paris"}""", rebuilt.Choices[0].Message.ToolCalls![0].Function.Arguments!);
        Assert.That(rebuilt.Choices[0].FinishReason, Is.EqualTo("tool_calls"));
        using var sent = JsonDocument.Parse(_fake.LastRequestBody);
        Assert.That(sent.RootElement.GetProperty("stream").GetBoolean(), Is.True);
    }

    [Test]
    public void Ollama_stream_without_done_true_is_a_truncation_error()
    {
        _fake.Reply("/api/chat", 200, OwnFixtures.Text("ollama/chat-stream-truncated.ndjson"), "application/x-ndjson");
        var text = "";
        var ex = Assert.ThrowsAsync<ApiConnectionException>(async () =>
        {
            await foreach (var c in Client().StreamCompletionAsync(new ChatCompletionRequest { Model = "ollama/llama3.2", Messages = [ChatMessage.User("hi")], NumRetries = 0 }))
                text += c.Choices.FirstOrDefault()?.Delta.Content;
        });
        Assert.That(ex!.ErrorCode, Is.EqualTo("stream_truncated"));
        Assert.That(text, Is.EqualTo("Hello"), "CRLF-framed lines are read");
    }

    [Test]
    public void Ollama_error_line_mid_stream_is_a_typed_error_after_the_text_so_far()
    {
        _fake.Reply("/api/chat", 200, OwnFixtures.Text("ollama/chat-stream-midstream-error.ndjson"), "application/x-ndjson");
        var text = "";
        var ex = Assert.ThrowsAsync(Is.InstanceOf<LlmException>(), async () =>
        {
            await foreach (var c in Client().StreamCompletionAsync(new ChatCompletionRequest { Model = "ollama/llama3.2", Messages = [ChatMessage.User("hi")], NumRetries = 0 }))
                text += c.Choices.FirstOrDefault()?.Delta.Content;
        }) as LlmException;
        Assert.That(text, Is.EqualTo("Part"));
        Assert.That(ex, Is.InstanceOf<InternalServerException>(), "an error line is a server failure, not a truncation");
        Assert.That(ex!.Details.ProviderMessage, Is.EqualTo("an error was encountered while running the model: unexpected EOF"));
        Assert.That(ex.StatusCode, Is.Null);
    }

    [TestCase("ollama/error-404-model-not-found.json", 404, typeof(NotFoundException))]
    [TestCase("ollama/error-400-no-thinking.json", 400, typeof(BadRequestException))]
    public void Ollama_error_bodies_become_typed_errors(string fixture, int status, Type expected)
    {
        _fake.Reply("/api/chat", status, OwnFixtures.Text(fixture));
        var ex = Assert.ThrowsAsync(Is.InstanceOf(expected), async () =>
            await Client().CompletionAsync(new ChatCompletionRequest { Model = "ollama/llama9", Messages = [ChatMessage.User("hi")], NumRetries = 0 })) as LlmException;
        Assert.That(ex!.GetType(), Is.EqualTo(expected));
        Assert.That(ex.StatusCode, Is.EqualTo((HttpStatusCode)status));
        Assert.That(ex.Details.ProviderMessage, Is.EqualTo(JsonDocument.Parse(OwnFixtures.Text(fixture)).RootElement.GetProperty("error").GetString()));
    }

    [Test]
    public async Task Ollama_embeddings_send_input_and_map_vectors_and_prompt_eval_count()
    {
        _fake.Reply("/api/embed", 200, OwnFixtures.Text("ollama/embed.response.json"));
        var response = await Client().EmbeddingAsync(new EmbeddingRequest { Model = "ollama/nomic-embed-text", Input = ["a", "b"], Dimensions = 3 });

        JsonAssert.AreEquivalent("""{"model":"nomic-embed-text","input":["a","b"],"dimensions":3}""", _fake.LastRequestBody);
        Assert.That(response.Data.Count, Is.EqualTo(2));
        Assert.That(response.Data[0].Embedding, Is.EqualTo(new[] { 0.010071029f, -0.0017594862f, 0.05007221f }));
        Assert.That(response.Usage!.PromptTokens, Is.EqualTo(9));
    }

    [Test]
    public async Task Ollama_configured_key_is_sent_as_bearer()
    {
        _fake.Reply("/api/chat", 200, OwnFixtures.Text("ollama/chat-thinking-tool-call.response.json"));
        var client = _fake.Client(b => b.Configure(o => o.Providers["ollama"] = new ProviderSettings { ApiBase = _fake.Url, ApiKey = FakeProvider.TestKey }));
        await client.CompletionAsync(new ChatCompletionRequest { Model = "ollama/gpt-oss:120b", Messages = [ChatMessage.User("hi")] });
        Assert.That(_fake.LastRequestHeaders["Authorization"].ToString(), Is.EqualTo("Bearer " + FakeProvider.TestKey));
    }

    [Test]
    public void Ollama_without_a_configured_base_calls_localhost_11434_and_needs_no_key()
    {
        var registry = LlmAbstraction.Providers.ProviderRegistry.CreateDefault();
        Assert.That(registry.TryGet("ollama", out var d), Is.True);
        Assert.That(d!.DefaultApiBase, Is.EqualTo("http://localhost:11434"));
        Assert.That(d.RequiresApiKey, Is.False);
        Assert.That(d.ApiBaseEnvironmentVariables, Is.EqualTo(new[] { "OLLAMA_API_BASE", "OLLAMA_HOST" }));
    }

    [TestCase("http://localhost:11434/", "http://localhost:11434")]
    [TestCase("localhost", "http://localhost:11434")]
    [TestCase("0.0.0.0:11434", "http://127.0.0.1:11434")]
    [TestCase("example.internal:8080", "http://example.internal:8080")]
    [TestCase("https://ollama.com", "https://ollama.com")]
    [TestCase("http://127.0.0.1:11434/proxy", "http://127.0.0.1:11434/proxy")]
    public void Ollama_host_values_are_normalized_like_ollamas_own_client(string value, string expected)
        => Assert.That(LlmAbstraction.Providers.Ollama.OllamaEndpoint.Normalize(value), Is.EqualTo(expected));

    [Test]
    public void Ollama_tool_choice_required_is_unsupported()
    {
        _fake.Reply("/api/chat", 200, OwnFixtures.Text("ollama/chat-thinking-tool-call.response.json"));
        var ex = Assert.ThrowsAsync<UnsupportedParamsException>(async () => await Client().CompletionAsync(new ChatCompletionRequest
        {
            Model = "ollama/llama3.1",
            Messages = [ChatMessage.User("hi")],
            Tools = [ToolDefinition.ForFunction("get_weather", null, WeatherSchema)],
            ToolChoice = ToolChoice.Required,
        }));
        Assert.That(ex!.Message, Does.Contain("tool_choice"));
    }
}
