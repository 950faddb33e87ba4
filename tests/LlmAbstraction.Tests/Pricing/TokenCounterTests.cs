using System.Text.Json;
using LlmAbstraction.Pricing;

namespace LlmAbstraction.Tests.Pricing;

public class TokenCounterTests
{
    [Test]
    public void Counts_a_real_openai_request_as_the_api_did()
    {
        // openai-python's recorded test_parse_nothing: this request to gpt-4o-2024-08-06 reported prompt_tokens 14.
        var count = TokenCounter.CountMessages("gpt-4o-2024-08-06", [ChatMessage.User("What's the weather like in SF?")]);
        Assert.That(count, Is.EqualTo(new TokenCount(14, false, "tiktoken:gpt-4o-2024-08-06")));
    }

    [Test]
    public void Uses_cl100k_for_older_openai_models_and_o200k_for_newer()
    {
        const string text = "Tokenization differs between encodings: 東京 ¿qué?";
        var older = TokenCounter.CountText("gpt-4", text);
        var newer = TokenCounter.CountText("openai/gpt-4o", text);
        Assert.That(older.IsEstimate, Is.False);
        Assert.That(newer.IsEstimate, Is.False);
        Assert.That(older.Tokens, Is.Not.EqualTo(newer.Tokens));
    }

    [Test]
    public void Other_models_get_a_labelled_estimate()
    {
        var count = TokenCounter.CountText("anthropic/claude-sonnet-4-5", "hello world");
        Assert.That(count, Is.EqualTo(new TokenCount(2, true, "o200k_base (estimate)")));
    }

    [Test]
    public void Names_tool_calls_and_tools_add_tokens_and_tools_are_estimates()
    {
        var messages = new List<ChatMessage> { new(ChatRoles.User, "hi") { Name = "bob" } };
        var plain = TokenCounter.CountMessages("gpt-4o", [ChatMessage.User("hi")]);
        var named = TokenCounter.CountMessages("gpt-4o", messages);
        var tool = ToolDefinition.ForFunction("get_weather", "Get the weather.", JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string","description":"The city"},"unit":{"type":"string","enum":["c","f"]}}}""").RootElement);
        var withTools = TokenCounter.CountMessages("gpt-4o", [ChatMessage.User("hi")], [tool]);

        Assert.That(named.Tokens, Is.EqualTo(plain.Tokens + 1 + 1)); // tokens_per_name + "bob"
        Assert.That(withTools.Tokens, Is.GreaterThan(plain.Tokens + 20));
        Assert.That(withTools.IsEstimate, Is.True);
        Assert.That(plain.IsEstimate, Is.False);
    }

    [Test]
    public void Null_arguments_are_ArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => TokenCounter.CountText("gpt-4o", null!));
        Assert.Throws<ArgumentNullException>(() => TokenCounter.CountMessages("gpt-4o", null!));
        Assert.Throws<ArgumentNullException>(() => TokenCounter.CountMessages("gpt-4o", [null!]));
    }
}
