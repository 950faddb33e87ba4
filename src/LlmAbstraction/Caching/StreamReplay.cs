namespace LlmAbstraction.Caching;

/// <summary>
/// Replays a cached response as a stream shaped like a provider's: per choice a role chunk (with reasoning), the text
/// in pieces, the tool calls, a finish chunk; then one final chunk with the usage and the details.
/// <see cref="ChunkAggregator"/> rebuilds the cached response from it.
/// </summary>
internal static class StreamReplay
{
    internal const int PieceLength = 128;

    public static IEnumerable<ChatCompletionChunk> Chunks(ChatCompletionResponse response, ResponseDetails details)
    {
        foreach (var choice in response.Choices)
        {
            var m = choice.Message;
            yield return Chunk(response, choice.Index, new ChatDelta { Role = ChatRoles.Assistant, ReasoningContent = m.ReasoningContent, ThinkingBlocks = m.ThinkingBlocks, Refusal = m.Refusal });
            var text = m.Content?.GetText();
            for (var at = 0; !string.IsNullOrEmpty(text) && at < text.Length; at += PieceLength)
                yield return Chunk(response, choice.Index, new ChatDelta { Content = text.Substring(at, Math.Min(PieceLength, text.Length - at)) });
            if (m.ToolCalls is { Count: > 0 } calls)
            {
                var deltas = new List<ToolCallDelta>(calls.Count);
                for (var i = 0; i < calls.Count; i++)
                    deltas.Add(new ToolCallDelta
                    {
                        Index = i,
                        Id = calls[i].Id,
                        Type = calls[i].Type,
                        Function = new FunctionCall { Name = calls[i].Function.Name, Arguments = calls[i].Function.Arguments },
                        ProviderSpecificFields = calls[i].ProviderSpecificFields,
                    });
                yield return Chunk(response, choice.Index, new ChatDelta { ToolCalls = deltas });
            }
            var finish = Chunk(response, choice.Index, new ChatDelta());
            finish.Choices[0].FinishReason = choice.FinishReason;
            finish.Choices[0].Logprobs = choice.Logprobs;
            finish.Choices[0].AdditionalProperties = choice.AdditionalProperties;
            yield return finish;
        }
        var last = Chunk(response, -1, null);
        last.Usage = response.Usage;
        last.Details = details;
        yield return last;
    }

    private static ChatCompletionChunk Chunk(ChatCompletionResponse r, int index, ChatDelta? delta) => new()
    {
        Id = r.Id,
        Created = r.Created,
        Model = r.Model,
        SystemFingerprint = r.SystemFingerprint,
        ServiceTier = r.ServiceTier,
        Choices = delta is null ? [] : [new ChunkChoice { Index = index, Delta = delta }],
    };
}
