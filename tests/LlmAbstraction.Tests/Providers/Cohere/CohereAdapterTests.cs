using System.Net;
using System.Text.Json;
using LlmAbstraction.Tests.TestSupport;

namespace LlmAbstraction.Tests.Providers.Cohere;

public class CohereAdapterTests
{
    private FakeProvider _fake = null!;

    [SetUp] public void SetUp() => _fake = new FakeProvider();
    [TearDown] public void TearDown() => _fake.Dispose();

    private static readonly JsonElement WeatherSchema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement;

    private ILlmClient Client() => CohereClient(_fake);

    internal static ILlmClient CohereClient(FakeProvider fake)
        => fake.Client(b => b.Configure(o => o.Providers["cohere"] = new ProviderSettings { ApiBase = fake.Url, ApiKey = FakeProvider.TestKey }));

    [Test]
    public async Task Cohere_request_maps_roles_sampling_names_tools_tool_choice_and_json_schema()
    {
        _fake.Reply("/v2/chat", 200, OwnFixtures.Text("cohere/chat-tool-call.response.json"));
        var request = new ChatCompletionRequest
        {
            Model = "command-a-03-2025",
            Messages =
            [
                ChatMessage.System("Be brief."),
                new ChatMessage(ChatRoles.Developer, "Use metric units."),
                ChatMessage.User(ContentPart.FromText("Weather here?"), ContentPart.FromImageUrl("https://example.com/sky.jpg", "auto")),
                new ChatMessage(ChatRoles.Assistant, null)
                {
                    ReasoningContent = "I will call get_weather.",
                    ToolCalls = [new ToolCall { Id = "get_weather_1", Function = new FunctionCall { Name = "get_weather", Arguments = """{"city":"Paris"}""" } }],
                },
                ChatMessage.Tool("get_weather_1", """{"temp":18}"""),
            ],
            Temperature = 0.3,
            TopP = 0.9,
            MaxTokens = 512,
            Stop = ["END"],
            Seed = 7,
            FrequencyPenalty = 0.1,
            PresencePenalty = 0.2,
            Tools = [ToolDefinition.ForFunction("get_weather", "Get weather", WeatherSchema, strict: true)],
            ToolChoice = ToolChoice.Required,
            ResponseFormat = ResponseFormat.ForJsonSchema("weather", WeatherSchema),
            AdditionalProperties = new Dictionary<string, JsonElement> { ["top_k"] = JsonDocument.Parse("40").RootElement, ["safety_mode"] = JsonDocument.Parse("\"OFF\"").RootElement },
        };
        await Client().CompletionAsync(request);

        JsonAssert.AreEquivalent("""
            {"model":"command-a-03-2025","stream":false,
             "messages":[
               {"role":"system","content":"Be brief."},
               {"role":"system","content":"Use metric units."},
               {"role":"user","content":[{"type":"text","text":"Weather here?"},{"type":"image_url","image_url":{"url":"https://example.com/sky.jpg","detail":"auto"}}]},
               {"role":"assistant","tool_plan":"I will call get_weather.","tool_calls":[{"id":"get_weather_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},
               {"role":"tool","tool_call_id":"get_weather_1","content":"{\"temp\":18}"}],
             "temperature":0.3,"p":0.9,"k":40,"max_tokens":512,"stop_sequences":["END"],"seed":7,
             "frequency_penalty":0.1,"presence_penalty":0.2,
             "tools":[{"type":"function","function":{"name":"get_weather","description":"Get weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}],
             "strict_tools":true,"tool_choice":"REQUIRED",
             "response_format":{"type":"json_object","json_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}},
             "safety_mode":"OFF"}
            """, _fake.LastRequestBody);
        Assert.That(_fake.LastRequestHeaders["Authorization"].ToString(), Is.EqualTo("Bearer " + FakeProvider.TestKey));
    }

    [TestCase("auto", null)]
    [TestCase("none", "NONE")]
    public async Task Cohere_tool_choice_auto_is_omitted_and_none_is_upper_case(string mode, string? expected)
    {
        _fake.Reply("/v2/chat", 200, OwnFixtures.Text("cohere/chat-tool-call.response.json"));
        await Client().CompletionAsync(new ChatCompletionRequest
        {
            Model = "cohere/command-r-plus",
            Messages = [ChatMessage.User("hi")],
            Tools = [ToolDefinition.ForFunction("get_weather", null, WeatherSchema)],
            ToolChoice = mode == "auto" ? ToolChoice.Auto : ToolChoice.None,
        });
        using var sent = JsonDocument.Parse(_fake.LastRequestBody);
        Assert.That(sent.RootElement.TryGetProperty("tool_choice", out var choice) ? choice.GetString() : null, Is.EqualTo(expected));
    }

    [Test]
    public async Task Cohere_named_tool_choice_keeps_only_that_tool_and_requires_it()
    {
        _fake.Reply("/v2/chat", 200, OwnFixtures.Text("cohere/chat-tool-call.response.json"));
        await Client().CompletionAsync(new ChatCompletionRequest
        {
            Model = "cohere/command-r-plus",
            Messages = [ChatMessage.User("hi")],
            Tools = [ToolDefinition.ForFunction("get_weather", null, WeatherSchema), ToolDefinition.ForFunction("get_time", null, null)],
            ToolChoice = ToolChoice.Function("get_time"),
        });
        using var sent = JsonDocument.Parse(_fake.LastRequestBody);
        Assert.That(sent.RootElement.GetProperty("tool_choice").GetString(), Is.EqualTo("REQUIRED"));
        Assert.That(sent.RootElement.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString()), Is.EqualTo(new[] { "get_time" }));
    }

    [Test]
    public async Task Cohere_response_maps_tool_plan_to_reasoning_null_arguments_to_empty_object_and_tokens_usage()
    {
        _fake.Reply("/v2/chat", 200, OwnFixtures.Text("cohere/chat-tool-call.response.json"), headers: new Dictionary<string, string> { ["x-request-id"] = "req_co" });
        var response = await Client().CompletionAsync(new ChatCompletionRequest { Model = "cohere/command-a-03-2025", Messages = [ChatMessage.User("Weather in Paris? And the time?")] });

        var choice = response.Choices[0];
        Assert.That(choice.Message.Content, Is.Null, "tool_plan is not content");
        Assert.That(choice.Message.ReasoningContent, Is.EqualTo("I will look up the weather in Paris."));
        Assert.That(choice.Message.ToolCalls!.Select(c => c.Id), Is.EqualTo(new[] { "get_weather_k3v9x2m1p0qa", "current_time_q8w7e6r5t4y3" }));
        Assert.That(choice.Message.ToolCalls![0].Function.Arguments, Is.EqualTo("""{"city":"Paris"}"""));
        Assert.That(choice.Message.ToolCalls![1].Function.Arguments, Is.EqualTo("{}"));
        Assert.That(choice.FinishReason, Is.EqualTo("tool_calls"));
        Assert.That(choice.ProviderFinishReason, Is.EqualTo("TOOL_CALL"));
        Assert.That(response.Id, Is.EqualTo("0a6e2c1f-3b7d-4c1e-9f4a-5d2b8e7c6a01"));
        Assert.That(response.Model, Is.EqualTo("command-a-03-2025"));
        Assert.That(response.Usage!.PromptTokens, Is.EqualTo(1210));
        Assert.That(response.Usage.CompletionTokens, Is.EqualTo(58));
        Assert.That(response.Usage.TotalTokens, Is.EqualTo(1268));
        Assert.That(response.Usage.CachedTokens, Is.EqualTo(1024));
        Assert.That(response.Usage.AdditionalProperties!["billed_units"].GetProperty("input_tokens").GetInt32(), Is.EqualTo(31));
        Assert.That(response.Details.Provider, Is.EqualTo("cohere"));
        Assert.That(response.Details.ProviderRequestId, Is.EqualTo("req_co"));
    }

    [Test]
    public async Task Cohere_thinking_items_are_reasoning_text_items_are_content_and_citations_are_kept()
    {
        _fake.Reply("/v2/chat", 200, OwnFixtures.Text("cohere/chat-thinking-citations.response.json"));
        var response = await Client().CompletionAsync(new ChatCompletionRequest { Model = "cohere/command-a-reasoning-08-2025", Messages = [ChatMessage.User("When is the meeting?")] });

        Assert.That(response.Content, Is.EqualTo("The meeting is on Tuesday."));
        Assert.That(response.Choices[0].Message.ReasoningContent, Is.EqualTo("The document says the meeting is on Tuesday."));
        Assert.That(response.Choices[0].FinishReason, Is.EqualTo("length"));
        var citations = response.Choices[0].Message.AdditionalProperties!["citations"];
        Assert.That(citations[0].GetProperty("text").GetString(), Is.EqualTo("Tuesday"));
        Assert.That(response.Usage!.CachedTokens, Is.EqualTo(0));
    }

    [Test]
    public void Cohere_finish_reason_error_is_a_typed_server_error()
    {
        _fake.Reply("/v2/chat", 200, OwnFixtures.Text("cohere/chat-finish-error.response.json"));
        var ex = Assert.ThrowsAsync<InternalServerException>(async () =>
            await Client().CompletionAsync(new ChatCompletionRequest { Model = "cohere/command-r", Messages = [ChatMessage.User("hi")], NumRetries = 0 }));
        Assert.That(ex!.Message, Does.Contain("ERROR"));
    }

    [Test]
    public async Task Cohere_stream_maps_tool_plan_tool_call_deltas_by_index_and_ends_at_message_end_with_usage()
    {
        _fake.Reply("/v2/chat", 200, OwnFixtures.Text("cohere/chat-stream-tool-call.sse"), "text/event-stream");
        var chunks = new List<ChatCompletionChunk>();
        await foreach (var c in Client().StreamCompletionAsync(new ChatCompletionRequest { Model = "command-a-03-2025", Messages = [ChatMessage.User("Weather and time?")] }))
            chunks.Add(c);

        Assert.That(chunks[0].Choices[0].Delta.Role, Is.EqualTo("assistant"));
        Assert.That(chunks.Select(c => c.Id).Distinct().Single(), Is.EqualTo("5f0c3a9e-7d21-4b8e-a6f3-1c2d3e4f5a6b"));
        Assert.That(chunks[^1].Choices, Is.Empty);
        Assert.That(chunks[^1].Usage!.PromptTokens, Is.EqualTo(1302));
        Assert.That(chunks[^1].Usage!.CompletionTokens, Is.EqualTo(47));
        Assert.That(chunks[^1].Usage!.CachedTokens, Is.EqualTo(1280));
        Assert.That(chunks[^1].Details, Is.Not.Null);

        var rebuilt = ChunkAggregator.Build(chunks);
        Assert.That(rebuilt.Content, Is.Null, "tool_plan deltas are not content");
        Assert.That(rebuilt.Choices[0].Message.ReasoningContent, Is.EqualTo("I will check the weather."));
        var calls = rebuilt.Choices[0].Message.ToolCalls!;
        Assert.That(calls.Select(c => c.Id), Is.EqualTo(new[] { "get_weather_a1b2c3d4e5f6", "current_time_f6e5d4c3b2a1" }));
        Assert.That(calls[0].Function.Arguments, Is.EqualTo("""{"city": "Paris"}"""));
        Assert.That(calls[1].Function.Arguments, Is.EqualTo("{}"), "a call with no argument deltas yields {}");
        Assert.That(rebuilt.Choices[0].FinishReason, Is.EqualTo("tool_calls"));
        using var sent = JsonDocument.Parse(_fake.LastRequestBody);
        Assert.That(sent.RootElement.GetProperty("stream").GetBoolean(), Is.True);
    }

    [Test]
    public void Cohere_stream_without_message_end_is_a_truncation_error()
    {
        _fake.Reply("/v2/chat", 200, OwnFixtures.Text("cohere/chat-stream-truncated.sse"), "text/event-stream");
        var ex = Assert.ThrowsAsync<ApiConnectionException>(async () =>
            await Client().StreamCompletionAsync(new ChatCompletionRequest { Model = "cohere/command-r", Messages = [ChatMessage.User("hi")], NumRetries = 0 }).ToResponseAsync());
        Assert.That(ex!.ErrorCode, Is.EqualTo("stream_truncated"));
    }

    [Test]
    public void Cohere_stream_ending_with_finish_reason_error_is_a_typed_error_after_the_text_so_far()
    {
        _fake.Reply("/v2/chat", 200, OwnFixtures.Text("cohere/chat-stream-finish-error.sse"), "text/event-stream");
        var text = "";
        Assert.ThrowsAsync<InternalServerException>(async () =>
        {
            await foreach (var c in Client().StreamCompletionAsync(new ChatCompletionRequest { Model = "cohere/command-r", Messages = [ChatMessage.User("hi")], NumRetries = 0 }))
                text += c.Choices.FirstOrDefault()?.Delta.Content;
        });
        Assert.That(text, Is.EqualTo("Partial"));
    }

    [TestCase("cohere/error-400-too-many-tokens.json", 400, typeof(ContextWindowExceededException))]
    [TestCase("cohere/error-401-invalid-api-token.json", 401, typeof(AuthenticationException))]
    [TestCase("cohere/error-429-trial-rate-limit.json", 429, typeof(RateLimitException))]
    public void Cohere_error_bodies_become_typed_errors(string fixture, int status, Type expected)
    {
        _fake.Reply("/v2/chat", status, OwnFixtures.Text(fixture), headers: new Dictionary<string, string> { ["x-request-id"] = "req_err" });
        var ex = Assert.ThrowsAsync(Is.InstanceOf(expected), async () =>
            await Client().CompletionAsync(new ChatCompletionRequest { Model = "cohere/command-r", Messages = [ChatMessage.User("hi")], NumRetries = 0 })) as LlmException;
        Assert.That(ex!.GetType(), Is.EqualTo(expected));
        Assert.That(ex.StatusCode, Is.EqualTo((HttpStatusCode)status));
        Assert.That(ex.Details.ProviderMessage, Is.EqualTo(JsonDocument.Parse(OwnFixtures.Text(fixture)).RootElement.GetProperty("message").GetString()));
        Assert.That(ex.ProviderRequestId, Is.EqualTo("req_err"));
        Assert.That(ex.Message, Does.Not.Contain(FakeProvider.TestKey));
    }

    [Test]
    public void Cohere_unsupported_parameters_are_refused_or_dropped_with_a_warning()
    {
        _fake.Reply("/v2/chat", 200, OwnFixtures.Text("cohere/chat-tool-call.response.json"));
        var request = new ChatCompletionRequest { Model = "cohere/command-r", Messages = [ChatMessage.User("hi")], N = 2 };
        var ex = Assert.ThrowsAsync<UnsupportedParamsException>(async () => await Client().CompletionAsync(request));
        Assert.That(ex!.Message, Does.Contain("'n'"));
        Assert.That(_fake.RequestCount, Is.EqualTo(0));

        request.DropParams = true;
        var response = Client().CompletionAsync(request).GetAwaiter().GetResult();
        Assert.That(response.Details.Warnings, Has.Some.Contains("'n'"));
        Assert.That(_fake.LastRequestBody, Does.Not.Contain("\"n\""));
    }

    [Test]
    public async Task Cohere_embeddings_send_texts_input_type_and_float_type_and_map_vectors_and_billed_tokens()
    {
        _fake.Reply("/v2/embed", 200, OwnFixtures.Text("cohere/embed.response.json"));
        var response = await Client().EmbeddingAsync(new EmbeddingRequest { Model = "cohere/embed-v4.0", Input = ["hello world", "goodbye"], Dimensions = 256 });

        JsonAssert.AreEquivalent("""
            {"model":"embed-v4.0","texts":["hello world","goodbye"],"input_type":"search_document","embedding_types":["float"],"output_dimension":256}
            """, _fake.LastRequestBody);
        Assert.That(response.Data.Select(d => d.Index), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(response.Data[1].Embedding, Is.EqualTo(new[] { -0.0311279f, 0.0072632f, 0.0544434f }));
        Assert.That(response.Usage!.PromptTokens, Is.EqualTo(4));
        Assert.That(response.Model, Is.EqualTo("embed-v4.0"));
    }

    [Test]
    public async Task Cohere_embedding_input_type_comes_from_the_extra_body()
    {
        _fake.Reply("/v2/embed", 200, OwnFixtures.Text("cohere/embed.response.json"));
        await Client().EmbeddingAsync(new EmbeddingRequest
        {
            Model = "cohere/embed-english-v3.0",
            Input = ["a", "b"],
            AdditionalProperties = new Dictionary<string, JsonElement> { ["input_type"] = JsonDocument.Parse("\"search_query\"").RootElement },
        });
        using var sent = JsonDocument.Parse(_fake.LastRequestBody);
        Assert.That(sent.RootElement.GetProperty("input_type").GetString(), Is.EqualTo("search_query"));
    }

    [Test]
    public void Cohere_is_registered_with_its_key_variables_and_bare_command_models()
    {
        var registry = LlmAbstraction.Providers.ProviderRegistry.CreateDefault();
        Assert.That(registry.TryGet("cohere", out var d), Is.True);
        Assert.That(d!.ApiKeyEnvironmentVariables, Is.EqualTo(new[] { "COHERE_API_KEY", "CO_API_KEY" }));
        Assert.That(registry.InferFromBareName("command-r-plus")?.Name, Is.EqualTo("cohere"));
        Assert.That(d.DefaultApiBase, Is.EqualTo("https://api.cohere.com"));
    }
}
