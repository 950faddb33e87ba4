using System.Net;
using System.Text.Json;
using LlmAbstraction.Tests.TestSupport;
using static LlmAbstraction.Tests.Providers.Gemini.GeminiTestSupport;

namespace LlmAbstraction.Tests.Providers.Gemini;

public class GeminiAdapterTests
{
    private FakeProvider _fake = null!;

    [SetUp] public void SetUp() => _fake = new FakeProvider();
    [TearDown] public void TearDown() => _fake.Dispose();

    [Test]
    public async Task Gemini_response_maps_thoughts_to_reasoning_tool_calls_with_signature_and_usage()
    {
        _fake.Reply(GeneratePath, 200, OwnFixtures.Text("gemini/generate-thoughts-tools.response.json"));
        var response = await _fake.GeminiClient().CompletionAsync(new ChatCompletionRequest { Model = "gemini/gemini-2.5-flash", Messages = [ChatMessage.User("Weather in Paris and Rome?")] });

        var choice = response.Choices.Single();
        Assert.That(choice.Message.Content!.GetText(), Is.EqualTo("Let me check both cities."), "thought parts never leak into content");
        Assert.That(choice.Message.ReasoningContent, Does.StartWith("**Planning the lookup**"));
        Assert.That(choice.FinishReason, Is.EqualTo("tool_calls"), "a functionCall part means tool_calls although Gemini says STOP");
        Assert.That(choice.ProviderFinishReason, Is.EqualTo("STOP"));
        var calls = choice.Message.ToolCalls!;
        Assert.That(calls.Select(c => c.Id), Is.EqualTo(new[] { "fc_paris01", "fc_rome002" }));
        JsonAssert.AreEquivalent("""{"city":"Paris"}""", calls[0].Function.Arguments!);
        Assert.That(calls[0].ProviderSpecificFields!["thought_signature"].GetString(), Is.EqualTo("CiQBjz1rX2lPcGFyaXNTaWduYXR1cmVUZXN0MDAx"));
        Assert.That(calls[1].ProviderSpecificFields, Is.Null);
        Assert.That(response.Id, Is.EqualTo("t3stR3sp0nse1d-gemini01"));
        Assert.That(response.Model, Is.EqualTo("gemini-2.5-flash"));
        var u = response.Usage!;
        Assert.That((u.PromptTokens, u.CompletionTokens, u.TotalTokens), Is.EqualTo((1200, 40 + 162, 1402)));
        Assert.That(u.CachedTokens, Is.EqualTo(1024), "cachedContentTokenCount is already inside promptTokenCount");
        Assert.That(u.ReasoningTokens, Is.EqualTo(162));
        Assert.That(_fake.LastRequestHeaders["x-goog-api-key"].ToString(), Is.EqualTo(FakeProvider.TestKey));
        Assert.That(_fake.LastRequestHeaders.ContainsKey("Authorization"), Is.False);
    }

    [Test]
    public async Task Gemini_request_maps_system_roles_tools_tool_results_and_generation_config()
    {
        _fake.Reply(GeneratePath, 200, OwnFixtures.Text("gemini/generate-thoughts-tools.response.json"));
        var signature = JsonDocument.Parse("\"CiQBjz1rX2lPcGFyaXNTaWduYXR1cmVUZXN0MDAx\"").RootElement;
        var request = new ChatCompletionRequest
        {
            Model = "gemini-2.5-flash",
            Messages =
            [
                ChatMessage.System("Be brief."),
                ChatMessage.User("Weather in Paris and Rome?"),
                new ChatMessage(ChatRoles.Assistant, "Checking.")
                {
                    ToolCalls =
                    [
                        new ToolCall { Id = "fc_paris01", Function = new FunctionCall { Name = "get_weather", Arguments = """{"city":"Paris"}""" }, ProviderSpecificFields = new Dictionary<string, JsonElement> { ["thought_signature"] = signature } },
                        new ToolCall { Id = "fc_rome002", Function = new FunctionCall { Name = "get_weather", Arguments = "" } },
                    ],
                },
                ChatMessage.Tool("fc_paris01", """{"temp_c":18}"""),
                ChatMessage.Tool("fc_rome002", "21C and sunny"),
                ChatMessage.User("Thanks!"),
            ],
            Tools = [ToolDefinition.ForFunction("get_weather", "Get weather", WeatherSchema), ToolDefinition.ForFunction("ping", null, JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement)],
            ToolChoice = ToolChoice.Function("get_weather"),
            MaxTokens = 256,
            Temperature = 0.2,
            TopP = 0.9,
            Stop = ["END"],
            N = 2,
            Seed = 7,
            ResponseFormat = ResponseFormat.ForJsonSchema("weather", JsonDocument.Parse("""{"type":"object","properties":{"summary":{"type":["string","null"]},"kind":{"const":"report"}},"required":["summary"],"additionalProperties":false}""").RootElement),
            AdditionalProperties = new Dictionary<string, JsonElement> { ["top_k"] = JsonDocument.Parse("40").RootElement },
        };
        await _fake.GeminiClient().CompletionAsync(request);

        JsonAssert.AreEquivalent("""
            {"systemInstruction":{"parts":[{"text":"Be brief."}]},
             "contents":[
               {"role":"user","parts":[{"text":"Weather in Paris and Rome?"}]},
               {"role":"model","parts":[{"text":"Checking."},
                  {"functionCall":{"id":"fc_paris01","name":"get_weather","args":{"city":"Paris"}},"thoughtSignature":"CiQBjz1rX2lPcGFyaXNTaWduYXR1cmVUZXN0MDAx"},
                  {"functionCall":{"id":"fc_rome002","name":"get_weather","args":{}}}]},
               {"role":"user","parts":[
                  {"functionResponse":{"id":"fc_paris01","name":"get_weather","response":{"temp_c":18}}},
                  {"functionResponse":{"id":"fc_rome002","name":"get_weather","response":{"content":"21C and sunny"}}},
                  {"text":"Thanks!"}]}],
             "tools":[{"functionDeclarations":[
                {"name":"get_weather","description":"Get weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}},
                {"name":"ping"}]}],
             "toolConfig":{"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["get_weather"]}},
             "generationConfig":{"maxOutputTokens":256,"temperature":0.2,"topP":0.9,"stopSequences":["END"],"candidateCount":2,"seed":7,"topK":40,
                "responseMimeType":"application/json",
                "responseSchema":{"type":"object","properties":{"summary":{"type":"string","nullable":true},"kind":{"enum":["report"]}},"required":["summary"]}}}
            """, _fake.LastRequestBody);
        Assert.That(_fake.LastRequestUrl(), Does.EndWith("/v1beta/models/gemini-2.5-flash:generateContent"));
    }

    [TestCase("auto", """{"mode":"AUTO"}""")]
    [TestCase("none", """{"mode":"NONE"}""")]
    [TestCase("required", """{"mode":"ANY"}""")]
    public async Task Gemini_tool_choice_modes_map_to_function_calling_config(string mode, string expected)
    {
        _fake.Reply(GeneratePath, 200, OwnFixtures.Text("gemini/generate-thoughts-tools.response.json"));
        var choice = mode switch { "auto" => ToolChoice.Auto, "none" => ToolChoice.None, _ => ToolChoice.Required };
        await _fake.GeminiClient().CompletionAsync(new ChatCompletionRequest { Model = Model, Messages = [ChatMessage.User("hi")], Tools = [ToolDefinition.ForFunction("get_weather", null, WeatherSchema)], ToolChoice = choice });
        using var sent = JsonDocument.Parse(_fake.LastRequestBody);
        JsonAssert.AreEquivalent(expected, sent.RootElement.GetProperty("toolConfig").GetProperty("functionCallingConfig").GetRawText());
    }

    [Test]
    public async Task Gemini_json_object_reasoning_effort_and_images_are_mapped()
    {
        _fake.Reply(GeneratePath, 200, OwnFixtures.Text("gemini/generate-thoughts-tools.response.json"));
        await _fake.GeminiClient().CompletionAsync(new ChatCompletionRequest
        {
            Model = Model,
            ResponseFormat = ResponseFormat.JsonObject,
            ReasoningEffort = "low",
            MaxCompletionTokens = 100,
            Messages = [ChatMessage.User(ContentPart.FromText("What is this?"), ContentPart.FromImageUrl("data:image/png;base64,iVBORw0KGgo="), ContentPart.FromImageUrl("https://example.com/cat.JPG?size=large"), ContentPart.FromImageUrl("gs://bucket/report.pdf"))],
        });
        JsonAssert.AreEquivalent("""
            {"contents":[{"role":"user","parts":[{"text":"What is this?"},
               {"inlineData":{"mimeType":"image/png","data":"iVBORw0KGgo="}},
               {"fileData":{"mimeType":"image/jpeg","fileUri":"https://example.com/cat.JPG?size=large"}},
               {"fileData":{"mimeType":"application/pdf","fileUri":"gs://bucket/report.pdf"}}]}],
             "generationConfig":{"maxOutputTokens":100,"responseMimeType":"application/json","thinkingConfig":{"thinkingBudget":1024,"includeThoughts":true}}}
            """, _fake.LastRequestBody);
    }

    [Test]
    public void Gemini_image_url_without_a_known_extension_is_a_clear_bad_request()
    {
        var ex = Assert.ThrowsAsync<BadRequestException>(async () => await _fake.GeminiClient().CompletionAsync(new ChatCompletionRequest
        {
            Model = Model,
            Messages = [ChatMessage.User(ContentPart.FromImageUrl("https://example.com/image"))],
        }));
        Assert.That(ex!.Message, Does.Contain("media type"));
        Assert.That(_fake.RequestCount, Is.EqualTo(0));
    }

    [Test]
    public void Gemini_tool_result_whose_call_is_unknown_names_the_missing_function_name()
    {
        var ex = Assert.ThrowsAsync<BadRequestException>(async () => await _fake.GeminiClient().CompletionAsync(new ChatCompletionRequest
        {
            Model = Model,
            Messages = [ChatMessage.User("hi"), ChatMessage.Tool("call_unknown", "42")],
        }));
        Assert.That(ex!.Message, Does.Contain("call_unknown").And.Contain("function name"));
    }

    [Test]
    public async Task Gemini_3_call_replayed_without_signature_gets_the_documented_sentinel_and_a_warning()
    {
        _fake.Reply("/v1beta/models/gemini-3-pro-preview:generateContent", 200, OwnFixtures.Text("gemini/generate-thoughts-tools.response.json"));
        var response = await _fake.GeminiClient().CompletionAsync(new ChatCompletionRequest
        {
            Model = "gemini-3-pro-preview",
            Messages =
            [
                ChatMessage.User("Weather?"),
                new ChatMessage(ChatRoles.Assistant, null) { ToolCalls = [new ToolCall { Id = "c1", Function = new FunctionCall { Name = "get_weather", Arguments = """{"city":"Oslo"}""" } }] },
                ChatMessage.Tool("c1", "cold"),
            ],
        });
        using var sent = JsonDocument.Parse(_fake.LastRequestBody);
        Assert.That(sent.RootElement.GetProperty("contents")[1].GetProperty("parts")[0].GetProperty("thoughtSignature").GetString(), Is.EqualTo("skip_thought_signature_validator"));
        Assert.That(response.Details.Warnings, Has.Some.Contains("thought signature"));
    }

    [Test]
    public async Task Gemini_text_signature_round_trips_through_thinking_blocks()
    {
        _fake.Reply(GeneratePath, 200, """{"candidates":[{"content":{"parts":[{"text":"Hi there","thoughtSignature":"U2lnT25UZXh0"}],"role":"model"},"finishReason":"STOP","index":0}],"modelVersion":"gemini-2.5-flash","responseId":"r1"}""");
        var client = _fake.GeminiClient();
        var first = await client.CompletionAsync(new ChatCompletionRequest { Model = Model, Messages = [ChatMessage.User("Hello")] });
        Assert.That(first.Choices[0].Message.ThinkingBlocks!.Single().Signature, Is.EqualTo("U2lnT25UZXh0"));

        await client.CompletionAsync(new ChatCompletionRequest { Model = Model, Messages = [ChatMessage.User("Hello"), first.Choices[0].Message, ChatMessage.User("Again")] });
        using var sent = JsonDocument.Parse(_fake.LastRequestBody);
        JsonAssert.AreEquivalent("""{"role":"model","parts":[{"text":"Hi there","thoughtSignature":"U2lnT25UZXh0"}]}""", sent.RootElement.GetProperty("contents")[1].GetRawText());
    }

    [Test]
    public async Task Gemini_safety_and_max_tokens_finish_reasons_map_per_candidate()
    {
        _fake.Reply("/v1beta/models/gemini-2.0-flash:generateContent", 200, OwnFixtures.Text("gemini/safety-finish.response.json"));
        var response = await _fake.GeminiClient().CompletionAsync(new ChatCompletionRequest { Model = "gemini-2.0-flash", N = 2, Messages = [ChatMessage.User("story")] });
        Assert.That(response.Choices.Select(c => c.FinishReason), Is.EqualTo(new[] { "content_filter", "length" }));
        Assert.That(response.Choices.Select(c => c.Index), Is.EqualTo(new[] { 0, 1 }));
    }

    [Test]
    public void Gemini_blocked_prompt_is_a_content_policy_error()
    {
        _fake.Reply(GeneratePath, 200, OwnFixtures.Text("gemini/blocked-prompt.response.json"));
        var ex = Assert.ThrowsAsync<ContentPolicyViolationException>(async () => await _fake.GeminiClient().CompletionAsync(new ChatCompletionRequest { Model = Model, Messages = [ChatMessage.User("bad")] }));
        Assert.That(ex!.ErrorCode, Is.EqualTo("PROHIBITED_CONTENT"));
        Assert.That(ex.Provider, Is.EqualTo("gemini"));
    }

    [Test]
    public void Gemini_unsupported_parameter_is_refused_or_dropped_with_a_warning()
    {
        _fake.Reply(GeneratePath, 200, OwnFixtures.Text("gemini/generate-thoughts-tools.response.json"));
        var request = new ChatCompletionRequest { Model = Model, Messages = [ChatMessage.User("hi")], Logprobs = true };
        var ex = Assert.ThrowsAsync<UnsupportedParamsException>(async () => await _fake.GeminiClient().CompletionAsync(request));
        Assert.That(ex!.Message, Does.Contain("logprobs"));
        Assert.That(_fake.RequestCount, Is.EqualTo(0));

        request.DropParams = true;
        var response = _fake.GeminiClient().CompletionAsync(request).GetAwaiter().GetResult();
        Assert.That(response.Details.Warnings, Has.Some.Contains("logprobs"));
        Assert.That(_fake.LastRequestBody, Does.Not.Contain("ogprobs"));
    }

    [TestCase("gemini/error-429-retry-info.json", 429, typeof(RateLimitException), "RESOURCE_EXHAUSTED")]
    [TestCase("gemini/error-400-api-key-invalid.json", 400, typeof(AuthenticationException), "API_KEY_INVALID")]
    [TestCase("gemini/error-404-model.json", 404, typeof(NotFoundException), "NOT_FOUND")]
    [TestCase("gemini/error-503-unavailable.json", 503, typeof(ServiceUnavailableException), "UNAVAILABLE")]
    public void Gemini_error_bodies_become_typed_errors(string fixture, int status, Type expected, string code)
    {
        _fake.Reply(GeneratePath, status, OwnFixtures.Text(fixture));
        var ex = Assert.ThrowsAsync(Is.InstanceOf(expected), async () =>
            await _fake.GeminiClient().CompletionAsync(new ChatCompletionRequest { Model = Model, Messages = [ChatMessage.User("hi")] })) as LlmException;
        Assert.That(ex!.GetType(), Is.EqualTo(expected));
        Assert.That(ex.StatusCode, Is.EqualTo((HttpStatusCode)status));
        Assert.That(ex.ErrorCode, Is.EqualTo(code));
        Assert.That(ex.Message + ex.Details.RawBody, Does.Not.Contain(FakeProvider.TestKey));
    }

    [Test]
    public void Gemini_retry_delay_in_the_body_becomes_retry_after_unless_a_header_says_otherwise()
    {
        _fake.Reply(GeneratePath, 429, OwnFixtures.Text("gemini/error-429-retry-info.json"));
        var ex = Assert.ThrowsAsync<RateLimitException>(async () => await _fake.GeminiClient().CompletionAsync(new ChatCompletionRequest { Model = Model, Messages = [ChatMessage.User("hi")] }));
        Assert.That(ex!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(12)));

        _fake.Server.Reset();
        _fake.Reply(GeneratePath, 429, OwnFixtures.Text("gemini/error-429-retry-info.json"), headers: new Dictionary<string, string> { ["retry-after"] = "3" });
        ex = Assert.ThrowsAsync<RateLimitException>(async () => await _fake.GeminiClient().CompletionAsync(new ChatCompletionRequest { Model = Model, Messages = [ChatMessage.User("hi")] }));
        Assert.That(ex!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public async Task Gemini_embeddings_use_batch_embed_contents_with_dimensions_and_task_type()
    {
        _fake.Reply("/v1beta/models/gemini-embedding-001:batchEmbedContents", 200, OwnFixtures.Text("gemini/batch-embed.response.json"));
        var response = await _fake.GeminiClient().EmbeddingAsync(new EmbeddingRequest
        {
            Model = "gemini/gemini-embedding-001",
            Input = ["first", "second"],
            Dimensions = 3,
            AdditionalProperties = new Dictionary<string, JsonElement> { ["task_type"] = JsonDocument.Parse("\"RETRIEVAL_QUERY\"").RootElement },
        });
        Assert.That(response.Data.Select(d => d.Index), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(response.Data[1].Embedding, Is.EqualTo(new[] { -0.078f, 0.09f, 0.011f }));
        JsonAssert.AreEquivalent("""
            {"requests":[
              {"model":"models/gemini-embedding-001","content":{"parts":[{"text":"first"}]},"taskType":"RETRIEVAL_QUERY","outputDimensionality":3},
              {"model":"models/gemini-embedding-001","content":{"parts":[{"text":"second"}]},"taskType":"RETRIEVAL_QUERY","outputDimensionality":3}]}
            """, _fake.LastRequestBody);
        Assert.That(_fake.LastRequestHeaders["x-goog-api-key"].ToString(), Is.EqualTo(FakeProvider.TestKey));
    }

    [Test]
    public async Task Gemini_embeddings_split_more_than_100_inputs_into_several_batches()
    {
        _fake.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/v1beta/models/gemini-embedding-001:batchEmbedContents").UsingPost())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithCallback(req =>
            {
                var count = JsonDocument.Parse(req.Body!).RootElement.GetProperty("requests").GetArrayLength();
                return new WireMock.ResponseMessage { StatusCode = 200, BodyData = new WireMock.Util.BodyData { BodyAsString = "{\"embeddings\":[" + string.Join(",", Enumerable.Repeat("{\"values\":[0.5]}", count)) + "]}", DetectedBodyType = WireMock.Types.BodyType.String } };
            }));
        var response = await _fake.GeminiClient().EmbeddingAsync(new EmbeddingRequest { Model = "gemini/gemini-embedding-001", Input = Enumerable.Range(0, 150).Select(i => $"text {i}").ToList() });
        Assert.That(response.Data, Has.Count.EqualTo(150));
        Assert.That(response.Data[149].Index, Is.EqualTo(149));
        Assert.That(_fake.RequestCount, Is.EqualTo(2));
    }

    [Test]
    public void Gemini_is_inferred_from_bare_gemini_names_and_its_descriptor_is_honest()
    {
        var registry = LlmAbstraction.Providers.ProviderRegistry.CreateDefault();
        var resolved = new LlmAbstraction.Providers.ModelResolver(registry).Resolve("gemini-2.5-pro");
        Assert.That(resolved.Descriptor.Name, Is.EqualTo("gemini"));
        Assert.That(resolved.ProviderModel, Is.EqualTo("gemini-2.5-pro"));
        Assert.That(LlmAbstraction.Providers.Gemini.GeminiProvider.Descriptor.ApiKeyEnvironmentVariables, Is.EqualTo(new[] { "GEMINI_API_KEY", "GOOGLE_API_KEY" }));
    }
}
