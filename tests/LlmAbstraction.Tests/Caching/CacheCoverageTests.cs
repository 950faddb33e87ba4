using System.Reflection;
using System.Text.Json;
using LlmAbstraction.Caching;

namespace LlmAbstraction.Tests.Caching;

/// <summary>
/// Guards the hand-written parts of the cache against new fields: the key builder must decide about every request field,
/// and the in-memory cloner must copy every response field. Adding a property fails here until it is handled.
/// </summary>
public class CacheCoverageTests
{
    private static string[] Properties<T>() => typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).Order().ToArray();

    [Test]
    public void Key_builder_decides_about_every_chat_request_field()
    {
        string[] hashed = ["Messages", "Temperature", "TopP", "MaxTokens", "MaxCompletionTokens", "Stop", "Seed", "N", "PresencePenalty", "FrequencyPenalty",
            "Logprobs", "TopLogprobs", "ReasoningEffort", "Tools", "ToolChoice", "ParallelToolCalls", "ResponseFormat", "AdditionalProperties",
            "Model", "User", "ApiKey", "ApiBase", "MockResponse"];
        string[] excluded = ["Stream", "StreamOptions", "ApiVersion", "Timeout", "Metadata", "ExtraHeaders", "NumRetries", "Fallbacks", "DropParams", "Cache"];
        Assert.That(Properties<ChatCompletionRequest>(), Is.EquivalentTo(hashed.Concat(excluded)));
    }

    [Test]
    public void Key_builder_decides_about_every_message_and_embedding_field()
    {
        string[] message = ["Role", "Content", "Name", "ToolCalls", "ToolCallId", "Refusal", "ReasoningContent", "ThinkingBlocks", "AdditionalProperties", /* excluded: */ "CacheControl"];
        Assert.That(Properties<ChatMessage>(), Is.EquivalentTo(message));
        string[] embedding = ["Model", "Input", "Dimensions", "EncodingFormat", "User", "AdditionalProperties", "ApiBase", "ApiKey", /* excluded: */ "ApiVersion", "Timeout", "Metadata", "Cache"];
        Assert.That(Properties<EmbeddingRequest>(), Is.EquivalentTo(embedding));
    }

    [Test]
    public void Cloner_copies_every_response_field()
    {
        Assert.That(Properties<ChatCompletionResponse>(), Is.EquivalentTo(new[] { "Id", "Object", "Created", "Model", "Choices", "Usage", "SystemFingerprint", "ServiceTier", "AdditionalProperties", "Details", "Content" }));
        Assert.That(Properties<ChatChoice>(), Is.EquivalentTo(new[] { "Index", "Message", "FinishReason", "Logprobs", "ProviderFinishReason", "AdditionalProperties" }));
        Assert.That(Properties<ToolCall>(), Is.EquivalentTo(new[] { "Id", "Type", "Function", "ProviderSpecificFields" }));
        Assert.That(Properties<ThinkingBlock>(), Is.EquivalentTo(new[] { "Type", "Thinking", "Signature", "Data" }));
        Assert.That(Properties<Usage>(), Is.EquivalentTo(new[] { "PromptTokens", "CompletionTokens", "TotalTokens", "PromptTokensDetails", "CompletionTokensDetails", "AdditionalProperties", "CachedTokens", "CacheWriteTokens", "ReasoningTokens" }));
        Assert.That(Properties<PromptTokensDetails>(), Is.EquivalentTo(new[] { "CachedTokens", "CacheWriteTokens", "CacheWrite1hTokens", "AudioTokens", "AdditionalProperties" }));
        Assert.That(Properties<CompletionTokensDetails>(), Is.EquivalentTo(new[] { "ReasoningTokens", "AudioTokens", "AcceptedPredictionTokens", "RejectedPredictionTokens", "AdditionalProperties" }));
    }

    [Test]
    public void Cloned_rich_response_serializes_exactly_like_the_original_and_shares_nothing_mutable()
    {
        var extra = new Dictionary<string, JsonElement> { ["x"] = JsonDocument.Parse("{\"a\":1}").RootElement.Clone() };
        var original = new ChatCompletionResponse
        {
            Id = "id", Created = 7, Model = "m", SystemFingerprint = "fp", ServiceTier = "default", AdditionalProperties = extra,
            Choices =
            [
                new ChatChoice
                {
                    Index = 0, FinishReason = "tool_calls", Logprobs = JsonDocument.Parse("{\"content\":[]}").RootElement.Clone(), AdditionalProperties = extra,
                    Message = new ChatMessage(ChatRoles.Assistant, "hi")
                    {
                        Name = "n", Refusal = "r", ReasoningContent = "think", AdditionalProperties = extra,
                        ThinkingBlocks = [new ThinkingBlock { Thinking = "t", Signature = "s" }],
                        ToolCalls = [new ToolCall { Id = "c1", Function = new FunctionCall { Name = "f", Arguments = "{}" }, ProviderSpecificFields = extra }],
                    },
                },
            ],
            Usage = new Usage
            {
                PromptTokens = 1, CompletionTokens = 2, TotalTokens = 3, AdditionalProperties = extra,
                PromptTokensDetails = new PromptTokensDetails { CachedTokens = 1, CacheWriteTokens = 0, CacheWrite1hTokens = 0, AudioTokens = 0, AdditionalProperties = extra },
                CompletionTokensDetails = new CompletionTokensDetails { ReasoningTokens = 1, AudioTokens = 0, AcceptedPredictionTokens = 0, RejectedPredictionTokens = 0, AdditionalProperties = extra },
            },
        };
        var clone = EntryCloner.Clone(new CachedEntry { Response = original }).Response!;
        Assert.That(JsonSerializer.Serialize(clone, LlmJsonContext.Default.ChatCompletionResponse), Is.EqualTo(JsonSerializer.Serialize(original, LlmJsonContext.Default.ChatCompletionResponse)));
        Assert.That(clone.Choices[0].Message.ToolCalls![0], Is.Not.SameAs(original.Choices[0].Message.ToolCalls![0]));
        Assert.That(clone.Usage, Is.Not.SameAs(original.Usage));
        Assert.That(clone.Choices[0].Message.AdditionalProperties, Is.Not.SameAs(extra));
    }
}
