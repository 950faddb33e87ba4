using System.Text.Json;
using LlmAbstraction.Tests.TestSupport;

namespace LlmAbstraction.Tests.Core;

public class SerializationTests
{
    [Test]
    public void Request_serializes_as_openai_snake_case_without_nulls()
    {
        var request = new ChatCompletionRequest
        {
            Model = "gpt-4o",
            Messages = [ChatMessage.System("s"), ChatMessage.User(ContentPart.FromText("t"), ContentPart.FromImageUrl("https://x/y.png", "low"))],
            MaxTokens = 5,
            TopP = 0.5,
            ParallelToolCalls = false,
            ResponseFormat = ResponseFormat.ForJsonSchema("loc", JsonDocument.Parse("""{"type":"object"}""").RootElement),
            StreamOptions = new StreamOptions { IncludeUsage = true },
            ApiKey = "secret-never-serialized",
        };
        var json = JsonSerializer.Serialize(request, LlmJsonContext.Default.ChatCompletionRequest);
        JsonAssert.AreEquivalent("""
            {"model":"gpt-4o","messages":[{"role":"system","content":"s"},{"role":"user","content":[{"type":"text","text":"t"},{"type":"image_url","image_url":{"url":"https://x/y.png","detail":"low"}}]}],
             "max_tokens":5,"top_p":0.5,"parallel_tool_calls":false,
             "response_format":{"type":"json_schema","json_schema":{"name":"loc","schema":{"type":"object"},"strict":true}},
             "stream_options":{"include_usage":true}}
            """, json);
        Assert.That(json, Does.Not.Contain("secret"));
        Assert.That(json, Does.Not.Contain("null"));
    }

    [Test]
    public void Request_accepts_stop_as_string_and_tool_choice_as_string_or_object_and_keeps_extra_body()
    {
        var r = JsonSerializer.Deserialize("""{"model":"m","messages":[],"stop":"x","tool_choice":"required","top_k":5}""", LlmJsonContext.Default.ChatCompletionRequest)!;
        Assert.That(r.Stop, Is.EqualTo(new[] { "x" }));
        Assert.That(r.ToolChoice, Is.SameAs(ToolChoice.Required));
        Assert.That(r.AdditionalProperties!["top_k"].GetInt32(), Is.EqualTo(5));
        var f = JsonSerializer.Deserialize("""{"model":"m","messages":[],"tool_choice":{"type":"function","function":{"name":"f"}}}""", LlmJsonContext.Default.ChatCompletionRequest)!;
        Assert.That(f.ToolChoice!.FunctionName, Is.EqualTo("f"));
        var extra = JsonSerializer.Serialize(r, LlmJsonContext.Default.ChatCompletionRequest);
        Assert.That(extra, Does.Contain("\"top_k\":5"));
    }

    [Test]
    public void Bad_tool_choice_is_a_clear_json_error()
        => Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"model":"m","messages":[],"tool_choice":"sometimes"}""", LlmJsonContext.Default.ChatCompletionRequest));

    [Test]
    public void Own_response_fixture_round_trips_losslessly()
    {
        var json = OwnFixtures.Text("openai/chat-text.response.json");
        var response = JsonSerializer.Deserialize(json, LlmJsonContext.Default.ChatCompletionResponse)!;
        JsonAssert.AreEquivalent(json, JsonSerializer.Serialize(response, LlmJsonContext.Default.ChatCompletionResponse));
    }

    [Test]
    public void Usage_details_use_openai_names_and_ours_for_one_hour_writes()
    {
        var usage = new Usage { PromptTokens = 10, PromptTokensDetails = new PromptTokensDetails { CachedTokens = 1, CacheWriteTokens = 2, CacheWrite1hTokens = 1 }, CompletionTokensDetails = new CompletionTokensDetails { ReasoningTokens = 3 } };
        var response = new ChatCompletionResponse { Usage = usage };
        var json = JsonSerializer.Serialize(response, LlmJsonContext.Default.ChatCompletionResponse);
        Assert.That(json, Does.Contain("\"cached_tokens\":1").And.Contain("\"cache_write_tokens\":2").And.Contain("\"cache_write_1h_tokens\":1").And.Contain("\"reasoning_tokens\":3"));
    }
}
