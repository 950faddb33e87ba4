using System.Text.Json;
using LlmAbstraction.Tests.TestSupport;
using static LlmAbstraction.Tests.Providers.Bedrock.BedrockTestSupport;

namespace LlmAbstraction.Tests.Providers.Bedrock;

/// <summary>Converse request and response mapping on own fixtures.</summary>
public class BedrockConverseTests
{
    private const string Haiku = "anthropic.claude-3-haiku-20240307-v1:0";
    private FakeProvider _fake = null!;

    [SetUp] public void SetUp() => _fake = new FakeProvider();
    [TearDown] public void TearDown() => _fake.Dispose();

    private static readonly JsonElement WeatherSchema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement;

    private void ReplyToolUse(string model = Haiku)
        => _fake.Reply(ModelPath(model, "converse"), 200, OwnFixtures.Text("bedrock/converse-tool-use.response.json"),
            headers: new Dictionary<string, string> { ["x-amzn-RequestId"] = "a0d610ed-fef1-41e8-b6c0-99c0cd96af0f" });

    [Test]
    public async Task Bedrock_converse_response_maps_reasoning_text_tool_use_finish_reason_and_cache_usage()
    {
        ReplyToolUse();
        var response = await Client(_fake).CompletionAsync(new ChatCompletionRequest { Model = "bedrock/" + Haiku, Messages = [ChatMessage.User("Weather in Paris?")] });

        var message = response.Choices[0].Message;
        Assert.That(response.Content, Is.EqualTo("Let me look that up."));
        Assert.That(message.ReasoningContent, Is.EqualTo("The user wants the weather in Paris, so I call get_weather."));
        Assert.That(message.ThinkingBlocks!.Single().Signature, Does.StartWith("EqoBCkgIBxABGAIiQLAtest"));
        var call = message.ToolCalls!.Single();
        Assert.That(call.Id, Is.EqualTo("tooluse_LAtest0000000000000001"));
        Assert.That(call.Function.Name, Is.EqualTo("get_weather"));
        JsonAssert.AreEquivalent("""{"city":"Paris","units":"celsius"}""", call.Function.Arguments!);
        Assert.That(response.Choices[0].FinishReason, Is.EqualTo("tool_calls"));
        Assert.That(response.Choices[0].ProviderFinishReason, Is.EqualTo("tool_use"));
        Assert.That(response.Usage!.PromptTokens, Is.EqualTo(12 + 1000 + 300));
        Assert.That(response.Usage.CompletionTokens, Is.EqualTo(40));
        Assert.That(response.Usage.TotalTokens, Is.EqualTo(1352));
        Assert.That(response.Usage.CachedTokens, Is.EqualTo(1000));
        Assert.That(response.Usage.CacheWriteTokens, Is.EqualTo(300));
        Assert.That(response.Id, Is.EqualTo("chatcmpl-a0d610ed-fef1-41e8-b6c0-99c0cd96af0f"));
        Assert.That(response.Created, Is.EqualTo(Now.ToUnixTimeSeconds()));
        Assert.That(response.Model, Is.EqualTo(Haiku));
        Assert.That(response.Details.Provider, Is.EqualTo("bedrock"));
        Assert.That(response.Details.ProviderRequestId, Is.EqualTo("a0d610ed-fef1-41e8-b6c0-99c0cd96af0f"));
    }

    [Test]
    public async Task Bedrock_request_moves_system_merges_turns_maps_tools_results_images_reasoning_and_inference_config()
    {
        ReplyToolUse();
        var request = new ChatCompletionRequest
        {
            Model = "bedrock/" + Haiku,
            Messages =
            [
                ChatMessage.System("Be brief."),
                new ChatMessage(ChatRoles.Developer, "Use metric units.") { CacheControl = new CacheControl() },
                ChatMessage.User("Weather in Paris and Rome?"),
                ChatMessage.User(ContentPart.FromText("And this picture?"), ContentPart.FromImageUrl("data:image/jpeg;base64,/9j/4AAQSkZJRg==")),
                new ChatMessage(ChatRoles.Assistant, "")
                {
                    ThinkingBlocks = [new ThinkingBlock { Thinking = "Two cities.", Signature = "sig-1" }, new ThinkingBlock { Type = "redacted_thinking", Data = "cmVkYWN0ZWQ=" }],
                    ToolCalls =
                    [
                        new ToolCall { Id = "tooluse_1", Function = new FunctionCall { Name = "get_weather", Arguments = """{"city":"Paris"}""" } },
                        new ToolCall { Id = "tooluse_2", Function = new FunctionCall { Name = "get_weather", Arguments = "" } },
                    ],
                },
                ChatMessage.Tool("tooluse_1", "18C"),
                new ChatMessage(ChatRoles.Tool, "city not found") { ToolCallId = "tooluse_2", AdditionalProperties = new Dictionary<string, JsonElement> { ["is_error"] = JsonDocument.Parse("true").RootElement } },
                ChatMessage.User("Thanks, and tomorrow?"),
            ],
            MaxTokens = 512,
            Temperature = 0.5,
            TopP = 0.9,
            Stop = ["\n\nHuman:"],
            Tools = [ToolDefinition.ForFunction("get_weather", "Get weather", WeatherSchema)],
            ToolChoice = ToolChoice.Required,
        };
        var recorder = new UriRecorder();
        await Client(_fake, recorder: recorder).CompletionAsync(request);

        JsonAssert.AreEquivalent("""
            {"system":[{"text":"Be brief."},{"text":"Use metric units."},{"cachePoint":{"type":"default"}}],
             "messages":[
               {"role":"user","content":[{"text":"Weather in Paris and Rome?"},{"text":"And this picture?"},{"image":{"format":"jpeg","source":{"bytes":"/9j/4AAQSkZJRg=="}}}]},
               {"role":"assistant","content":[
                 {"reasoningContent":{"reasoningText":{"text":"Two cities.","signature":"sig-1"}}},
                 {"reasoningContent":{"redactedContent":"cmVkYWN0ZWQ="}},
                 {"toolUse":{"toolUseId":"tooluse_1","name":"get_weather","input":{"city":"Paris"}}},
                 {"toolUse":{"toolUseId":"tooluse_2","name":"get_weather","input":{}}}]},
               {"role":"user","content":[
                 {"toolResult":{"toolUseId":"tooluse_1","content":[{"text":"18C"}]}},
                 {"toolResult":{"toolUseId":"tooluse_2","content":[{"text":"city not found"}],"status":"error"}},
                 {"text":"Thanks, and tomorrow?"}]}],
             "inferenceConfig":{"maxTokens":512,"temperature":0.5,"topP":0.9,"stopSequences":["\n\nHuman:"]},
             "toolConfig":{"tools":[{"toolSpec":{"name":"get_weather","description":"Get weather","inputSchema":{"json":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}}],
                           "toolChoice":{"any":{}}}}
            """, _fake.LastRequestBody);
        Assert.That(Header(_fake, "Content-Type"), Does.StartWith("application/json"));
        Assert.That(recorder.LastPath, Is.EqualTo("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse"));
    }

    [Test]
    public async Task Bedrock_history_with_tool_use_gets_a_tool_config_even_without_tools_in_the_request()
    {
        ReplyToolUse();
        await Client(_fake).CompletionAsync(new ChatCompletionRequest
        {
            Model = "bedrock/" + Haiku,
            Messages =
            [
                ChatMessage.User("Weather?"),
                new ChatMessage(ChatRoles.Assistant, null) { ToolCalls = [new ToolCall { Id = "t1", Function = new FunctionCall { Name = "get_weather", Arguments = "{}" } }] },
                ChatMessage.Tool("t1", "18C"),
            ],
        });
        using var sent = JsonDocument.Parse(_fake.LastRequestBody);
        JsonAssert.AreEquivalent("""{"tools":[{"toolSpec":{"name":"get_weather","inputSchema":{"json":{"type":"object","properties":{}}}}}]}""",
            sent.RootElement.GetProperty("toolConfig").GetRawText());
    }

    [TestCase("auto", """{"auto":{}}""")]
    [TestCase("function", """{"tool":{"name":"get_weather"}}""")]
    [TestCase("none", null)]
    public async Task Bedrock_tool_choice_maps_to_auto_tool_or_leaves_the_tools_out(string mode, string? expected)
    {
        ReplyToolUse();
        var choice = mode switch { "auto" => ToolChoice.Auto, "function" => ToolChoice.Function("get_weather"), _ => ToolChoice.None };
        await Client(_fake).CompletionAsync(new ChatCompletionRequest
        {
            Model = "bedrock/" + Haiku, Messages = [ChatMessage.User("Weather?")],
            Tools = [ToolDefinition.ForFunction("get_weather", null, WeatherSchema)], ToolChoice = choice,
        });
        using var sent = JsonDocument.Parse(_fake.LastRequestBody);
        if (expected is null)
            Assert.That(sent.RootElement.TryGetProperty("toolConfig", out _), Is.False);
        else
            JsonAssert.AreEquivalent(expected, sent.RootElement.GetProperty("toolConfig").GetProperty("toolChoice").GetRawText());
    }

    [Test]
    public async Task Bedrock_json_schema_response_format_is_a_forced_tool_whose_input_becomes_the_content()
    {
        _fake.Reply(ModelPath(Haiku, "converse"), 200, """
            {"metrics":{"latencyMs":900},"output":{"message":{"content":[{"toolUse":{"input":{"city":"Paris","temp":18},"name":"weather_report","toolUseId":"tooluse_json1"}}],"role":"assistant"}},"stopReason":"tool_use","usage":{"inputTokens":50,"outputTokens":20,"totalTokens":70}}
            """);
        var response = await Client(_fake).CompletionAsync(new ChatCompletionRequest
        {
            Model = "bedrock/" + Haiku, Messages = [ChatMessage.User("Weather in Paris as JSON")],
            ResponseFormat = ResponseFormat.ForJsonSchema("weather_report", WeatherSchema),
        });

        JsonAssert.AreEquivalent("""
            {"messages":[{"role":"user","content":[{"text":"Weather in Paris as JSON"}]}],
             "toolConfig":{"tools":[{"toolSpec":{"name":"weather_report","description":"Respond with a JSON object matching this schema.","inputSchema":{"json":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}}],
                           "toolChoice":{"tool":{"name":"weather_report"}}}}
            """, _fake.LastRequestBody);
        JsonAssert.AreEquivalent("""{"city":"Paris","temp":18}""", response.Content!);
        Assert.That(response.Choices[0].Message.ToolCalls, Is.Null);
        Assert.That(response.Choices[0].FinishReason, Is.EqualTo("stop"));
    }

    [Test]
    public async Task Bedrock_extra_body_goes_to_additional_model_request_fields_and_converse_fields_stay_top_level()
    {
        ReplyToolUse();
        var request = new ChatCompletionRequest
        {
            Model = "bedrock/" + Haiku, Messages = [ChatMessage.User("hi")], ReasoningEffort = "low",
            AdditionalProperties = new Dictionary<string, JsonElement>
            {
                ["top_k"] = JsonDocument.Parse("200").RootElement,
                ["guardrailConfig"] = JsonDocument.Parse("""{"guardrailIdentifier":"gr-1","guardrailVersion":"1"}""").RootElement,
                ["additionalModelRequestFields"] = JsonDocument.Parse("""{"anthropic_beta":["token-efficient-tools-2025-02-19"]}""").RootElement,
            },
        };
        await Client(_fake).CompletionAsync(request);
        JsonAssert.AreEquivalent("""
            {"messages":[{"role":"user","content":[{"text":"hi"}]}],
             "guardrailConfig":{"guardrailIdentifier":"gr-1","guardrailVersion":"1"},
             "additionalModelRequestFields":{"top_k":200,"anthropic_beta":["token-efficient-tools-2025-02-19"],"thinking":{"type":"enabled","budget_tokens":1024}}}
            """, _fake.LastRequestBody);
    }

    [Test]
    public void Bedrock_unsupported_parameter_is_refused_or_dropped_with_a_warning()
    {
        ReplyToolUse();
        var request = new ChatCompletionRequest { Model = "bedrock/" + Haiku, Messages = [ChatMessage.User("hi")], Seed = 7, PresencePenalty = 0.1 };
        var ex = Assert.ThrowsAsync<UnsupportedParamsException>(async () => await Client(_fake).CompletionAsync(request));
        Assert.That(ex!.Message, Does.Contain("seed"));
        Assert.That(_fake.RequestCount, Is.EqualTo(0));

        request.DropParams = true;
        var response = Client(_fake).CompletionAsync(request).GetAwaiter().GetResult();
        Assert.That(response.Details.Warnings, Has.Some.Contains("seed").And.Some.Contains("presence_penalty"));
        Assert.That(_fake.LastRequestBody, Does.Not.Contain("seed"));
    }

    [Test]
    public void Bedrock_http_image_urls_are_refused_with_a_typed_error()
    {
        var request = new ChatCompletionRequest { Model = "bedrock/" + Haiku, Messages = [ChatMessage.User(ContentPart.FromImageUrl("https://example.com/a.png"))] };
        var ex = Assert.ThrowsAsync<UnsupportedParamsException>(async () => await Client(_fake).CompletionAsync(request));
        Assert.That(ex!.Message, Does.Contain("data URL"));
    }

    [TestCase("us.anthropic.claude-3-5-sonnet-20241022-v2:0", "/model/us.anthropic.claude-3-5-sonnet-20241022-v2%3A0/converse")]
    [TestCase("arn:aws:bedrock:us-west-2:123456789012:application-inference-profile/a1b2c3d4e5f6",
        "/model/arn%3Aaws%3Abedrock%3Aus-west-2%3A123456789012%3Aapplication-inference-profile%2Fa1b2c3d4e5f6/converse")]
    [TestCase("converse/meta.llama3-8b-instruct-v1:0", "/model/meta.llama3-8b-instruct-v1%3A0/converse")]
    public async Task Bedrock_model_ids_profiles_and_arns_are_one_encoded_path_segment_and_signed_as_such(string model, string path)
    {
        var modelId = model.StartsWith("converse/", StringComparison.Ordinal) ? model["converse/".Length..] : model;
        ReplyToolUse(modelId);
        var recorder = new UriRecorder();
        await Client(_fake, recorder: recorder).CompletionAsync(new ChatCompletionRequest { Model = "bedrock/" + model, Messages = [ChatMessage.User("hi")] });
        Assert.That(recorder.LastPath, Is.EqualTo(path));
        var signature = Header(_fake, "Authorization").Split("Signature=")[1];
        Assert.That(signature, Is.EqualTo(RecomputeSignature(_fake, modelId, "converse", Secret, Region)));
    }
}
