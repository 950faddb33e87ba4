using System.Text.Json;

namespace LlmAbstraction.Tests.Caching;

public class CacheStreamTests
{
    private static ChatCompletionRequest Ask(string text = "Tell me a story") => new() { Model = "fake/model-a", Messages = [ChatMessage.User(text)] };

    private static async Task<List<ChatCompletionChunk>> Read(IAsyncEnumerable<ChatCompletionChunk> stream)
    {
        var chunks = new List<ChatCompletionChunk>();
        await foreach (var c in stream) chunks.Add(c);
        return chunks;
    }

    [Test]
    public async Task Completed_stream_is_stored_and_replayed_as_a_stream_with_usage_last()
    {
        var provider = new CountingProvider();
        var client = provider.Client();
        var original = await Read(client.StreamCompletionAsync(Ask()));
        var replay = await Read(client.StreamCompletionAsync(Ask()));

        Assert.That(provider.ChatCalls, Is.EqualTo(1));
        Assert.That(replay.Count, Is.GreaterThan(2));
        Assert.That(replay[^1].Usage!.PromptTokens, Is.EqualTo(1000));
        Assert.That(replay[^1].Choices, Is.Empty);
        Assert.That(replay.Take(replay.Count - 1).All(c => c.Usage is null), Is.True);
        var details = replay[^1].Details!;
        Assert.That(details.CacheHit, Is.True);
        Assert.That(details.Cost, Is.EqualTo(0m));
        Assert.That(details.TimeToFirstChunk, Is.Not.Null);
        Assert.That(ChunkAggregator.Build(replay).Content, Is.EqualTo(ChunkAggregator.Build(original).Content));
        Assert.That(ChunkAggregator.Build(replay).Choices[0].FinishReason, Is.EqualTo(FinishReasons.Stop));
    }

    [Test]
    public async Task Completion_and_stream_share_entries_both_ways()
    {
        var provider = new CountingProvider();
        var client = provider.Client();
        var completion = await client.CompletionAsync(Ask());
        var replay = await Read(client.StreamCompletionAsync(Ask()));
        Assert.That(ChunkAggregator.Build(replay).Content, Is.EqualTo(completion.Content));

        var streamed = await Read(client.StreamCompletionAsync(Ask("another")));
        var hit = await client.CompletionAsync(Ask("another"));
        Assert.That(hit.Details.CacheHit, Is.True);
        Assert.That(hit.Content, Is.EqualTo(ChunkAggregator.Build(streamed).Content));
        Assert.That(provider.ChatCalls, Is.EqualTo(2));
    }

    [Test]
    public async Task Replay_rebuilds_long_text_tool_calls_reasoning_and_extras_exactly()
    {
        var response = new ChatCompletionResponse
        {
            Id = "chatcmpl-x",
            Created = 42,
            Model = "m",
            SystemFingerprint = "fp",
            Choices =
            [
                new ChatChoice
                {
                    Index = 0,
                    FinishReason = FinishReasons.ToolCalls,
                    Message = new ChatMessage(ChatRoles.Assistant, new string('x', 300) + " end")
                    {
                        ReasoningContent = "thinking…",
                        ToolCalls = [new ToolCall { Id = "call_1", Function = new FunctionCall { Name = "get_weather", Arguments = """{"city":"Paris"}""" } }],
                    },
                },
            ],
            Usage = new Usage { PromptTokens = 5, CompletionTokens = 7, TotalTokens = 12 },
        };
        var chunks = LlmAbstraction.Caching.StreamReplay.Chunks(response, new ResponseDetails()).ToList();
        var rebuilt = ChunkAggregator.Build(chunks);
        Assert.That(chunks.Count(c => c.Choices.Any(ch => ch.Delta.Content is not null)), Is.EqualTo(3), "304 characters in pieces of 128");
        Assert.That(JsonSerializer.Serialize(rebuilt, LlmJsonContext.Default.ChatCompletionResponse),
            Is.EqualTo(JsonSerializer.Serialize(response, LlmJsonContext.Default.ChatCompletionResponse)));
    }

    [Test]
    public async Task Stream_that_fails_midway_is_not_stored()
    {
        var provider = new CountingProvider { FailStreamsMidway = true };
        var client = provider.Client();
        Assert.ThrowsAsync<ApiConnectionException>(() => Read(client.StreamCompletionAsync(Ask())));
        provider.FailStreamsMidway = false;
        var next = await Read(client.StreamCompletionAsync(Ask()));
        Assert.That(next[^1].Details!.CacheHit, Is.False);
        Assert.That(provider.ChatCalls, Is.EqualTo(2));
    }

    [Test]
    public async Task Stream_the_caller_abandons_is_not_stored()
    {
        var provider = new CountingProvider();
        var client = provider.Client();
        await foreach (var _ in client.StreamCompletionAsync(Ask())) break;
        var next = await client.CompletionAsync(Ask());
        Assert.That(next.Details.CacheHit, Is.False);
        Assert.That(provider.ChatCalls, Is.EqualTo(2));
    }

    [Test]
    public async Task Streams_are_not_cached_when_the_call_type_is_excluded()
    {
        var provider = new CountingProvider();
        var client = provider.Client(c => c.CallTypes = CacheCallTypes.Completion);
        await Read(client.StreamCompletionAsync(Ask()));
        await Read(client.StreamCompletionAsync(Ask()));
        Assert.That(provider.ChatCalls, Is.EqualTo(2));
    }
}
