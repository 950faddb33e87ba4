namespace LlmAbstraction.Providers.Mistral;

/// <summary>
/// Maps Mistral stream chunks to OpenAI-shaped chunks. Per stream (not thread-safe): whole tool calls
/// without <c>index</c> get a running index per choice; a chunk carrying both a finish reason and usage
/// is split so that usage arrives last, on a chunk with no choices.
/// </summary>
internal sealed class MistralStreamMapper
{
    private readonly Dictionary<int, int> _nextToolIndex = [];
    private readonly TimeProvider _time;
    private readonly IList<string> _warnings;
    private long _created;

    public MistralStreamMapper(TimeProvider time, IList<string> warnings)
    {
        _time = time;
        _warnings = warnings;
    }

    public IEnumerable<ChatCompletionChunk> Map(MistralResponse wire)
    {
        if (_created == 0) _created = wire.Created != 0 ? wire.Created : _time.GetUtcNow().ToUnixTimeSeconds();
        var choices = new List<ChunkChoice>();
        foreach (var c in wire.Choices ?? [])
        {
            var (text, reasoning) = MistralContent.Split(c.Delta?.Content);
            choices.Add(new ChunkChoice
            {
                Index = c.Index,
                Delta = new ChatDelta
                {
                    Role = c.Delta?.Role,
                    Content = text,
                    ReasoningContent = reasoning,
                    ToolCalls = MapToolCalls(c.Index, c.Delta?.ToolCalls),
                },
                FinishReason = MistralResponseMapper.MapFinishReason(c.FinishReason, _warnings),
                ProviderFinishReason = c.FinishReason,
                Logprobs = c.Logprobs,
            });
        }
        var usage = MistralResponseMapper.MapUsage(wire.Usage);
        if (choices.Count > 0) yield return Chunk(wire, choices, null);
        if (usage is not null) yield return Chunk(wire, [], usage);
    }

    private ChatCompletionChunk Chunk(MistralResponse wire, List<ChunkChoice> choices, Usage? usage) => new()
    {
        Id = wire.Id ?? "",
        Created = _created,
        Model = wire.Model ?? "",
        Choices = choices,
        Usage = usage,
    };

    private List<ToolCallDelta>? MapToolCalls(int choice, List<MistralToolCall>? calls)
    {
        if (calls is not { Count: > 0 }) return null;
        var result = new List<ToolCallDelta>(calls.Count);
        foreach (var t in calls)
        {
            var next = _nextToolIndex.GetValueOrDefault(choice);
            int index;
            if (t.Index is { } given) index = given;
            else if (t.Id is not null) index = next;
            else index = Math.Max(0, next - 1); // a continuation fragment of the last call
            _nextToolIndex[choice] = Math.Max(next, index + 1);
            result.Add(new ToolCallDelta
            {
                Index = index,
                Id = t.Id,
                Type = t.Id is null ? null : t.Type ?? "function",
                Function = new FunctionCall { Name = t.Function?.Name, Arguments = MistralContent.Arguments(t.Function?.Arguments) },
            });
        }
        return result;
    }
}
