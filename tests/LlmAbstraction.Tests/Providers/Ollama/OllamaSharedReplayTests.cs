using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmAbstraction.Tests.TestSupport;

namespace LlmAbstraction.Tests.Providers.Ollama;

/// <summary>Replays every recording in ../shared/fixtures/ollama (see its SOURCES.md) through WireMock.</summary>
public class OllamaSharedReplayTests
{
    private FakeProvider _fake = null!;
    private string _dir = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = SharedFixtures.RequireDir("fixtures/ollama");
        _fake = new FakeProvider();
    }

    [TearDown] public void TearDown() => _fake?.Dispose();

    private ILlmClient Client() => OllamaAdapterTests.OllamaClient(_fake);

    private string Read(string relative) => File.ReadAllText(Path.Combine(_dir, relative));

    private static readonly JsonElement PersonSchema = JsonDocument.Parse("""
        {"type":"object","properties":{"personName":{"description":"The person whose age is being requested","type":"string"}},"required":["personName"]}
        """).RootElement;

    private static readonly JsonElement CitySchema = JsonDocument.Parse("""
        {"type":"object","properties":{"city":{"type":"string","description":"The city to get the weather for"}},"required":["city"]}
        """).RootElement;

    private static ToolDefinition WeatherTool() => ToolDefinition.ForFunction("get_weather", "Get the weather in a given city", CitySchema);

    [Test]
    public void Every_ollama_recording_is_covered_by_a_replay()
    {
        string[] covered =
        [
            "recorded/chat-text.request.json", "recorded/chat-text.response.json",
            "recorded/chat-stream-text.request.json", "recorded/chat-stream-text.ndjson",
            "recorded/chat-history-options.request.json", "recorded/chat-history-options.response.json",
            "recorded/chat-tool-call.request.json", "recorded/chat-tool-call.response.json",
            "docs/docs-chat-text.request.json", "docs/docs-chat-text.response.json",
            "docs/docs-chat-tool-call.request.json", "docs/docs-chat-tool-call.response.json",
            "docs/docs-chat-stream-tool-call.request.json", "docs/docs-chat-stream-tool-call.assembled.ndjson",
            "docs/docs-chat-stream-tool-call.chunk.json", "docs/docs-chat-stream-tool-call.final.json",
            "docs/docs-chat-tool-result.request.json", "docs/docs-chat-tool-result.response.json",
            "docs/docs-chat-structured-output.request.json", "docs/docs-chat-structured-output.response.json",
            "docs/docs-embed.request.json", "docs/docs-embed.response.json",
            "docs/docs-error.json", "docs/docs-error-midstream.ndjson",
            "errors/error-404-model-not-found-v0.1.32.json",
        ];
        var present = Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_dir, f).Replace('\\', '/')).Where(f => f != "SOURCES.md").Order(StringComparer.Ordinal).ToList();
        Assert.That(present, Has.Count.EqualTo(25));
        Assert.That(covered.Order(StringComparer.Ordinal), Is.EqualTo(present));
    }

    [Test]
    public async Task Ollama_recorded_text_chat_sends_options_and_maps_length_and_counts()
    {
        _fake.Reply("/api/chat", 200, Read("recorded/chat-text.response.json"));
        var response = await Client().CompletionAsync(new ChatCompletionRequest { Model = "ollama/llama3.1", Messages = [ChatMessage.User("hello")], MaxTokens = 10, Temperature = 0.5 });
        AssertSent("recorded/chat-text.request.json");
        Assert.That(response.Content, Is.EqualTo("Hello! How are you today? Is there something"));
        Assert.That(response.Choices[0].FinishReason, Is.EqualTo("length"));
        AssertUsage(response.Usage, 11, 10);
        Assert.That(response.Created, Is.EqualTo(DateTimeOffset.Parse("2024-10-01T15:46:10Z").ToUnixTimeSeconds()));
        Assert.That(response.Model, Is.EqualTo("llama3.1"));
    }

    [Test]
    public async Task Ollama_recorded_ndjson_stream_rebuilds_text_with_length_and_usage()
    {
        var chunks = await Stream("recorded/chat-stream-text.ndjson", new ChatCompletionRequest { Model = "ollama/llama3.1", Messages = [ChatMessage.User("hello")], MaxTokens = 20, Temperature = 0.5 });
        AssertSent("recorded/chat-stream-text.request.json");
        var rebuilt = ChunkAggregator.Build(chunks);
        Assert.That(rebuilt.Content, Is.EqualTo("Hello! How are you today? Is there something I can help you with or would you like to"));
        Assert.That(rebuilt.Choices[0].FinishReason, Is.EqualTo("length"));
        AssertUsage(chunks[^1].Usage, 11, 20);
    }

    [Test]
    public async Task Ollama_recorded_history_sends_penalties_seed_and_stop_under_options()
    {
        _fake.Reply("/api/chat", 200, Read("recorded/chat-history-options.response.json"));
        var response = await Client().CompletionAsync(new ChatCompletionRequest
        {
            Model = "ollama/llama3.1",
            Messages = [ChatMessage.User("hello!"), ChatMessage.Assistant("hi, how are you?"), ChatMessage.User("i'm good. how are you?")],
            FrequencyPenalty = 0.75,
            PresencePenalty = 0.5,
            Seed = 42,
            Stop = ["great"],
            Temperature = 0.25,
        });
        AssertSent("recorded/chat-history-options.request.json");
        Assert.That(response.Content, Does.StartWith("I'm just a computer program"));
        Assert.That(response.Choices[0].FinishReason, Is.EqualTo("stop"));
        AssertUsage(response.Usage, 36, 55);
    }

    [Test]
    public async Task Ollama_recorded_tool_call_gets_an_id_string_arguments_and_tool_calls_finish()
    {
        _fake.Reply("/api/chat", 200, Read("recorded/chat-tool-call.response.json"));
        var response = await Client().CompletionAsync(new ChatCompletionRequest
        {
            Model = "ollama/llama3.1",
            Messages = [ChatMessage.User("How old is Alice?")],
            Tools = [ToolDefinition.ForFunction("GetPersonAge", "Gets the age of the specified person.", PersonSchema)],
        });
        AssertSent("recorded/chat-tool-call.request.json");
        var call = response.Choices[0].Message.ToolCalls!.Single();
        Assert.That(call.Id, Is.EqualTo("call_0"));
        Assert.That(call.Function.Name, Is.EqualTo("GetPersonAge"));
        JsonAssert.AreEquivalent("""{"personName":"Alice"}""", call.Function.Arguments!);
        Assert.That(response.Content, Is.Null);
        Assert.That(response.Choices[0].FinishReason, Is.EqualTo("tool_calls"));
        Assert.That(response.Choices[0].ProviderFinishReason, Is.EqualTo("stop"));
        AssertUsage(response.Usage, 170, 19);
    }

    [Test]
    public async Task Ollama_docs_text_chat_without_done_reason_is_stop()
    {
        _fake.Reply("/api/chat", 200, Read("docs/docs-chat-text.response.json"));
        var response = await Client().CompletionAsync(new ChatCompletionRequest { Model = "ollama/llama3.2", Messages = [ChatMessage.User("why is the sky blue?")] });
        AssertSent("docs/docs-chat-text.request.json");
        Assert.That(response.Content, Is.EqualTo("Hello! How are you today?"));
        Assert.That(response.Choices[0].FinishReason, Is.EqualTo("stop"));
        AssertUsage(response.Usage, 26, 298);
    }

    [Test]
    public async Task Ollama_docs_tool_call_maps_to_an_openai_tool_call()
    {
        _fake.Reply("/api/chat", 200, Read("docs/docs-chat-tool-call.response.json"));
        var response = await Client().CompletionAsync(new ChatCompletionRequest { Model = "ollama/llama3.2", Messages = [ChatMessage.User("what is the weather in tokyo?")], Tools = [WeatherTool()] });
        AssertSent("docs/docs-chat-tool-call.request.json");
        var call = response.Choices[0].Message.ToolCalls!.Single();
        Assert.That((call.Id, call.Function.Name), Is.EqualTo(("call_0", "get_weather")));
        JsonAssert.AreEquivalent("""{"city":"Tokyo"}""", call.Function.Arguments!);
        Assert.That(response.Choices[0].FinishReason, Is.EqualTo("tool_calls"));
        AssertUsage(response.Usage, 169, 18);
    }

    [Test]
    public async Task Ollama_docs_stream_tool_call_arrives_whole_as_one_indexed_delta()
    {
        var chunks = await Stream("docs/docs-chat-stream-tool-call.assembled.ndjson", StreamToolRequest());
        AssertSent("docs/docs-chat-stream-tool-call.request.json");
        AssertStreamToolCall(chunks);
    }

    [Test]
    public async Task Ollama_docs_stream_tool_call_pretty_objects_compacted_to_ndjson_give_the_same_result()
    {
        var ndjson = JsonNode.Parse(Read("docs/docs-chat-stream-tool-call.chunk.json"))!.ToJsonString() + "\n"
                     + JsonNode.Parse(Read("docs/docs-chat-stream-tool-call.final.json"))!.ToJsonString() + "\n";
        _fake.Reply("/api/chat", 200, ndjson, "application/x-ndjson");
        var chunks = new List<ChatCompletionChunk>();
        await foreach (var c in Client().StreamCompletionAsync(StreamToolRequest())) chunks.Add(c);
        AssertStreamToolCall(chunks);
    }

    [Test]
    public async Task Ollama_docs_tool_result_history_sends_tool_name_and_object_arguments()
    {
        _fake.Reply("/api/chat", 200, Read("docs/docs-chat-tool-result.response.json"));
        var response = await Client().CompletionAsync(new ChatCompletionRequest
        {
            Model = "ollama/llama3.2",
            Messages =
            [
                ChatMessage.User("what is the weather in Toronto?"),
                new ChatMessage(ChatRoles.Assistant, "") { ToolCalls = [new ToolCall { Id = "call_0", Function = new FunctionCall { Name = "get_weather", Arguments = """{"city":"Toronto"}""" } }] },
                ChatMessage.Tool("call_0", "11 degrees celsius"),
            ],
            Tools = [WeatherTool()],
        });
        AssertSent("docs/docs-chat-tool-result.request.json");
        Assert.That(response.Content, Is.EqualTo("The current temperature in Toronto is 11°C."));
        AssertUsage(response.Usage, 94, 11);
    }

    [Test]
    public async Task Ollama_docs_structured_output_sends_the_schema_as_format()
    {
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"age":{"type":"integer"},"available":{"type":"boolean"}},"required":["age","available"]}""").RootElement;
        _fake.Reply("/api/chat", 200, Read("docs/docs-chat-structured-output.response.json"));
        var response = await Client().CompletionAsync(new ChatCompletionRequest
        {
            Model = "ollama/llama3.1",
            Messages = [ChatMessage.User("Ollama is 22 years old and busy saving the world. Return a JSON object with the age and availability.")],
            ResponseFormat = ResponseFormat.ForJsonSchema("person", schema),
            Temperature = 0,
        });
        AssertSent("docs/docs-chat-structured-output.request.json");
        JsonAssert.AreEquivalent("""{"age": 22, "available": false}""", response.Content!);
        AssertUsage(response.Usage, 34, 12);
    }

    [Test]
    public async Task Ollama_docs_embed_sends_a_single_input_and_maps_the_vector_and_count()
    {
        _fake.Reply("/api/embed", 200, Read("docs/docs-embed.response.json"));
        var response = await Client().EmbeddingAsync(new EmbeddingRequest { Model = "ollama/all-minilm", Input = ["Why is the sky blue?"] });
        JsonAssert.AreEquivalent(Read("docs/docs-embed.request.json"), _fake.LastRequestBody);
        Assert.That(_fake.Server.LogEntries.Last().RequestMessage.Path, Is.EqualTo("/api/embed"));
        Assert.That(response.Data.Single().Embedding, Has.Length.EqualTo(10));
        Assert.That(response.Data[0].Embedding[0], Is.EqualTo(0.010071029f));
        Assert.That(response.Usage!.PromptTokens, Is.EqualTo(8));
        Assert.That(response.Model, Is.EqualTo("all-minilm"));
    }

    [Test]
    public void Ollama_docs_error_body_is_a_typed_error_with_its_message()
    {
        _fake.Reply("/api/chat", 500, Read("docs/docs-error.json"));
        var ex = Assert.ThrowsAsync<InternalServerException>(async () =>
            await Client().CompletionAsync(new ChatCompletionRequest { Model = "ollama/llama3.2", Messages = [ChatMessage.User("hi")], NumRetries = 0 }));
        Assert.That(ex!.Details.ProviderMessage, Is.EqualTo("the model failed to generate a response"));
    }

    [Test]
    public void Ollama_docs_midstream_error_line_is_a_typed_error_not_a_truncation()
    {
        _fake.Reply("/api/chat", 200, Read("docs/docs-error-midstream.ndjson"), "application/x-ndjson");
        var chunks = 0;
        var ex = Assert.ThrowsAsync(Is.InstanceOf<LlmException>(), async () =>
        {
            await foreach (var _ in Client().StreamCompletionAsync(new ChatCompletionRequest { Model = "ollama/gemma4", Messages = [ChatMessage.User("hi")], NumRetries = 0 })) chunks++;
        }) as LlmException;
        Assert.That(ex, Is.InstanceOf<InternalServerException>());
        Assert.That(ex!.Details.ProviderMessage, Is.EqualTo("an error was encountered while running the model"));
        Assert.That(ex.StatusCode, Is.Null);
        Assert.That(chunks, Is.EqualTo(1), "the /api/generate lines carry no chat message: only the role chunk precedes the error");
    }

    [Test]
    public void Ollama_recorded_404_model_not_found_is_not_found()
    {
        _fake.Reply("/api/chat", 404, Read("errors/error-404-model-not-found-v0.1.32.json"));
        var ex = Assert.ThrowsAsync<NotFoundException>(async () =>
            await Client().CompletionAsync(new ChatCompletionRequest { Model = "ollama/llama3", Messages = [ChatMessage.User("hi")], NumRetries = 0 }));
        Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(ex.Details.ProviderMessage, Is.EqualTo("model 'llama3' not found, try pulling it first"));
    }

    private static ChatCompletionRequest StreamToolRequest()
        => new() { Model = "ollama/llama3.2", Messages = [ChatMessage.User("what is the weather in tokyo?")], Tools = [WeatherTool()] };

    private static void AssertStreamToolCall(List<ChatCompletionChunk> chunks)
    {
        var delta = chunks.SelectMany(c => c.Choices).SelectMany(c => c.Delta.ToolCalls ?? []).Single();
        Assert.That((delta.Index, delta.Id, delta.Function!.Name), Is.EqualTo((0, "call_0", "get_weather")));
        JsonAssert.AreEquivalent("""{"city":"Tokyo"}""", delta.Function.Arguments!);
        var rebuilt = ChunkAggregator.Build(chunks);
        Assert.That(rebuilt.Content, Is.Null);
        Assert.That(rebuilt.Choices[0].FinishReason, Is.EqualTo("tool_calls"));
        Assert.That(chunks[^1].Choices, Is.Empty);
        AssertUsage(chunks[^1].Usage, 169, 15);
    }

    private async Task<List<ChatCompletionChunk>> Stream(string file, ChatCompletionRequest request)
    {
        _fake.Reply("/api/chat", 200, Read(file), "application/x-ndjson");
        var chunks = new List<ChatCompletionChunk>();
        await foreach (var c in Client().StreamCompletionAsync(request)) chunks.Add(c);
        Assert.That(chunks[0].Choices[0].Delta.Role, Is.EqualTo("assistant"));
        Assert.That(chunks.Take(chunks.Count - 1).All(c => c.Usage is null), Is.True);
        return chunks;
    }

    private void AssertSent(string recordedRequest)
    {
        var sent = _fake.Server.LogEntries.Last().RequestMessage;
        Assert.That(sent.Path, Is.EqualTo("/api/chat"));
        Assert.That(sent.Method, Is.EqualTo("POST"));
        JsonAssert.AreEquivalent(Read(recordedRequest), sent.Body!);
    }

    private static void AssertUsage(Usage? usage, int prompt, int completion)
    {
        Assert.That(usage, Is.Not.Null);
        Assert.That((usage!.PromptTokens, usage.CompletionTokens, usage.TotalTokens), Is.EqualTo((prompt, completion, prompt + completion)));
    }
}
