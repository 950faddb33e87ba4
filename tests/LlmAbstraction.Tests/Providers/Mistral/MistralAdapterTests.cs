using System.Net;
using System.Text.Json;
using LlmAbstraction.Providers;
using LlmAbstraction.Providers.Mistral;
using LlmAbstraction.Tests.TestSupport;

namespace LlmAbstraction.Tests.Providers.Mistral;

public class MistralAdapterTests
{
    private const string ChatPath = "/v1/chat/completions";
    private FakeProvider _fake = null!;

    [SetUp] public void SetUp() => _fake = new FakeProvider();
    [TearDown] public void TearDown() => _fake.Dispose();

    private ILlmClient Client() => _fake.Client(b => b.Configure(o => o.Providers["mistral"] = new ProviderSettings { ApiBase = _fake.Url + "/v1", ApiKey = FakeProvider.TestKey }));

    private static ChatCompletionRequest Ask(string model = "mistral/mistral-large-latest") => new() { Model = model, Messages = [ChatMessage.User("Weather in Lyon?")] };

    private static readonly JsonElement CitySchema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement;

    [Test]
    public async Task Mistral_tool_call_response_fills_the_type_and_reads_num_cached_tokens()
    {
        _fake.Reply(ChatPath, 200, OwnFixtures.Text("mistral/chat-tool-call.response.json"), headers: new Dictionary<string, string> { ["mistral-correlation-id"] = "corr-1" });
        var response = await Client().CompletionAsync(Ask());

        var call = response.Choices[0].Message.ToolCalls!.Single();
        Assert.That(call.Id, Is.EqualTo("Xy12Ab34C"));
        Assert.That(call.Type, Is.EqualTo("function"));
        Assert.That(call.Function.Arguments, Is.EqualTo("{\"city\": \"Lyon\"}"));
        Assert.That(response.Choices[0].FinishReason, Is.EqualTo("tool_calls"));
        Assert.That(response.Content, Is.Null);
        Assert.That(response.Usage!.PromptTokens, Is.EqualTo(90));
        Assert.That(response.Usage.CachedTokens, Is.EqualTo(64));
        Assert.That(response.Details.ProviderRequestId, Is.EqualTo("corr-1"));
        Assert.That(_fake.LastRequestHeaders["Authorization"].ToString(), Is.EqualTo("Bearer " + FakeProvider.TestKey));
    }

    [Test]
    public async Task Mistral_thinking_content_array_becomes_reasoning_and_model_length_becomes_length()
    {
        _fake.Reply(ChatPath, 200, OwnFixtures.Text("mistral/chat-thinking.response.json"));
        var response = await Client().CompletionAsync(Ask("magistral-small-latest"));

        Assert.That(response.Content, Is.EqualTo("The answer is 4"));
        Assert.That(response.Choices[0].Message.ReasoningContent, Is.EqualTo("The user wants a number. Two plus two is four."));
        Assert.That(response.Choices[0].FinishReason, Is.EqualTo("length"));
        Assert.That(response.Choices[0].ProviderFinishReason, Is.EqualTo("model_length"));
        Assert.That(response.Details.Provider, Is.EqualTo("mistral"));
    }

    [Test]
    public async Task Mistral_request_maps_seed_max_tokens_tool_choice_and_rewrites_foreign_tool_ids_consistently()
    {
        _fake.Reply(ChatPath, 200, OwnFixtures.Text("mistral/chat-tool-call.response.json"));
        var foreign = "call_9f8e7d6c5b4a";
        var request = new ChatCompletionRequest
        {
            Model = "mistral/mistral-large-latest",
            Seed = 42,
            MaxCompletionTokens = 256,
            ToolChoice = ToolChoice.Required,
            Tools = [ToolDefinition.ForFunction("get_weather", "Weather", CitySchema)],
            Messages =
            [
                ChatMessage.User("Weather in Lyon and Nice?"),
                new ChatMessage
                {
                    Role = ChatRoles.Assistant, ReasoningContent = "Two cities.",
                    ToolCalls = [new ToolCall { Id = foreign, Function = new FunctionCall { Name = "get_weather", Arguments = "{\"city\":\"Lyon\"}" } },
                                 new ToolCall { Id = "Ab12Cd34E", Function = new FunctionCall { Name = "get_weather", Arguments = "{\"city\":\"Nice\"}" } }],
                },
                ChatMessage.Tool(foreign, "12C"),
                ChatMessage.Tool("Ab12Cd34E", "15C"),
            ],
        };
        await Client().CompletionAsync(request);

        var mapped = MistralToolCallIds.ToMistral(foreign);
        Assert.That(mapped, Does.Match("^[a-zA-Z0-9]{9}$"));
        JsonAssert.AreEquivalent($$$$"""
            {"model":"mistral-large-latest","random_seed":42,"max_tokens":256,"tool_choice":"any",
             "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}],
             "messages":[
               {"role":"user","content":"Weather in Lyon and Nice?"},
               {"role":"assistant","content":[{"type":"thinking","thinking":[{"type":"text","text":"Two cities."}]}],
                "tool_calls":[{"id":"{{{{mapped}}}}","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Lyon\"}"}},
                              {"id":"Ab12Cd34E","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Nice\"}"}}]},
               {"role":"tool","content":"12C","tool_call_id":"{{{{mapped}}}}"},
               {"role":"tool","content":"15C","tool_call_id":"Ab12Cd34E"}]}
            """, _fake.LastRequestBody);
    }

    [Test]
    public void Mistral_tool_call_ids_are_deterministic_valid_and_distinct()
    {
        Assert.That(MistralToolCallIds.ToMistral("call_abc"), Is.EqualTo(MistralToolCallIds.ToMistral("call_abc")));
        Assert.That(MistralToolCallIds.ToMistral("call_abc"), Is.Not.EqualTo(MistralToolCallIds.ToMistral("call_abd")));
        Assert.That(MistralToolCallIds.ToMistral("2968-LWy3uasib"), Does.Match("^[a-zA-Z0-9]{9}$"));
        Assert.That(MistralToolCallIds.ToMistral("gSIMJiOkT"), Is.EqualTo("gSIMJiOkT"));
        var many = Enumerable.Range(0, 5000).Select(i => MistralToolCallIds.ToMistral("toolu_" + i)).ToHashSet();
        Assert.That(many, Has.Count.EqualTo(5000));
    }

    [Test]
    public void Mistral_unsupported_user_is_refused_or_dropped_with_a_warning()
    {
        _fake.Reply(ChatPath, 200, OwnFixtures.Text("mistral/chat-tool-call.response.json"));
        var request = Ask();
        request.User = "u-1";
        var ex = Assert.ThrowsAsync<UnsupportedParamsException>(async () => await Client().CompletionAsync(request));
        Assert.That(ex!.Message, Does.Contain("'user'"));
        Assert.That(_fake.RequestCount, Is.Zero);

        request.DropParams = true;
        var response = Client().CompletionAsync(request).GetAwaiter().GetResult();
        Assert.That(response.Details.Warnings, Has.Some.Contains("'user'"));
        Assert.That(_fake.LastRequestBody, Does.Not.Contain("\"user\":"));
    }

    [Test]
    public async Task Mistral_stream_indexes_whole_tool_calls_and_moves_usage_to_a_last_chunk_without_choices()
    {
        _fake.Reply(ChatPath, 200, OwnFixtures.Text("mistral/chat-stream-tools.sse"), "text/event-stream");
        var chunks = new List<ChatCompletionChunk>();
        await foreach (var c in Client().StreamCompletionAsync(Ask())) chunks.Add(c);

        Assert.That(chunks, Has.Count.EqualTo(3));
        Assert.That(chunks[0].Choices[0].Delta.Role, Is.EqualTo("assistant"));
        Assert.That(chunks[1].Usage, Is.Null);
        Assert.That(chunks[2].Choices, Is.Empty);
        Assert.That(chunks[2].Usage!.TotalTokens, Is.EqualTo(180));
        Assert.That(chunks[2].Details!.Provider, Is.EqualTo("mistral"));
        var rebuilt = ChunkAggregator.Build(chunks);
        var calls = rebuilt.Choices[0].Message.ToolCalls!;
        Assert.That(calls.Select(c => c.Id), Is.EqualTo(new[] { "Ab12Cd34E", "Fg56Hi78J" }));
        Assert.That(calls.Select(c => c.Type), Is.All.EqualTo("function"));
        Assert.That(calls[1].Function.Arguments, Is.EqualTo("{\"tz\": \"Europe/Paris\"}"));
        Assert.That(rebuilt.Choices[0].FinishReason, Is.EqualTo("tool_calls"));
        using var sent = JsonDocument.Parse(_fake.LastRequestBody);
        Assert.That(sent.RootElement.GetProperty("stream").GetBoolean(), Is.True);
        Assert.That(sent.RootElement.TryGetProperty("stream_options", out _), Is.False, "Mistral rejects stream_options");
    }

    [Test]
    public async Task Mistral_stream_thinking_chunks_become_reasoning_deltas()
    {
        _fake.Reply(ChatPath, 200, OwnFixtures.Text("mistral/chat-stream-thinking.sse"), "text/event-stream");
        var rebuilt = await Client().StreamCompletionAsync(Ask("magistral-medium-latest")).ToResponseAsync();
        Assert.That(rebuilt.Choices[0].Message.ReasoningContent, Is.EqualTo("Short question."));
        Assert.That(rebuilt.Content, Is.EqualTo("Yes."));
        Assert.That(rebuilt.Usage!.CompletionTokens, Is.EqualTo(21));
    }

    [Test]
    public void Mistral_stream_without_DONE_is_a_typed_connection_error()
    {
        _fake.Reply(ChatPath, 200, OwnFixtures.Text("mistral/chat-stream-truncated.sse"), "text/event-stream");
        var ex = Assert.ThrowsAsync<ApiConnectionException>(async () => await Client().StreamCompletionAsync(Ask()).ToResponseAsync());
        Assert.That(ex!.ErrorCode, Is.EqualTo("stream_truncated"));
    }

    [Test]
    public void Mistral_error_object_inside_a_200_stream_is_a_typed_error()
    {
        var body = "data: {\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n"
            + "data: " + OwnFixtures.Text("mistral/error-429-rate-limited.json").Trim() + "\n\n";
        _fake.Reply(ChatPath, 200, body, "text/event-stream");
        var ex = Assert.ThrowsAsync<RateLimitException>(async () => await Client().StreamCompletionAsync(Ask()).ToResponseAsync());
        Assert.That(ex!.ErrorCode, Is.EqualTo("1300"));
        Assert.That(ex.StatusCode, Is.Null);
    }

    [TestCase("mistral/error-401-unauthorized.json", 401, typeof(AuthenticationException), "Unauthorized")]
    [TestCase("mistral/error-422-validation.json", 422, typeof(UnprocessableEntityException), "body.messages: Field required")]
    [TestCase("mistral/error-429-rate-limited.json", 429, typeof(RateLimitException), "Rate limit exceeded")]
    public void Mistral_error_bodies_become_typed_errors(string fixture, int status, Type expected, string message)
    {
        _fake.Reply(ChatPath, status, OwnFixtures.Text(fixture));
        var ex = Assert.ThrowsAsync(Is.InstanceOf(expected), async () => await Client().CompletionAsync(Ask())) as LlmException;
        Assert.That(ex!.GetType(), Is.EqualTo(expected));
        Assert.That(ex.StatusCode, Is.EqualTo((HttpStatusCode)status));
        Assert.That(ex.Message, Does.Contain(message));
        Assert.That(ex.ToString(), Does.Not.Contain(FakeProvider.TestKey));
    }

    [Test]
    public async Task Mistral_embeddings_send_output_dimension_and_map_the_openai_shape()
    {
        _fake.Reply("/v1/embeddings", 200, OwnFixtures.Text("mistral/embeddings.response.json"));
        var response = await Client().EmbeddingAsync(new EmbeddingRequest { Model = "mistral/mistral-embed", Input = ["one", "two"], Dimensions = 3 });
        JsonAssert.AreEquivalent("""{"model":"mistral-embed","input":["one","two"],"output_dimension":3}""", _fake.LastRequestBody);
        Assert.That(response.Data, Has.Count.EqualTo(2));
        Assert.That(response.Data[0].Embedding[1], Is.EqualTo(0.0716f));
        Assert.That(response.Usage!.PromptTokens, Is.EqualTo(10));
    }

    [TestCase("mistral-small-latest")]
    [TestCase("codestral-latest")]
    [TestCase("magistral-medium-latest")]
    [TestCase("ministral-8b-latest")]
    [TestCase("open-mistral-nemo")]
    public void Mistral_bare_model_names_resolve_to_mistral(string model)
        => Assert.That(new ModelResolver(ProviderRegistry.CreateDefault()).Resolve(model).Descriptor.Name, Is.EqualTo("mistral"));
}
