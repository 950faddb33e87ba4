using System.Text;

namespace LlmAbstraction;

/// <summary>
/// Rebuilds a full <see cref="ChatCompletionResponse"/> from streamed chunks: content, reasoning,
/// refusal, tool calls by index (arguments concatenated), finish reasons, usage and details.
/// </summary>
/// <remarks>Not thread-safe: feed it from one consumer.</remarks>
public sealed class ChunkAggregator
{
    private readonly SortedDictionary<int, ChoiceState> _choices = [];
    private ChatCompletionChunk? _first;
    private Usage? _usage;
    private ResponseDetails? _details;

    /// <summary>Adds one chunk.</summary>
    public void Add(ChatCompletionChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        _first ??= chunk;
        if (chunk.Usage is not null) _usage = chunk.Usage;
        if (chunk.Details is not null) _details = chunk.Details;
        foreach (var c in chunk.Choices)
        {
            if (!_choices.TryGetValue(c.Index, out var state)) _choices[c.Index] = state = new ChoiceState();
            state.Add(c);
        }
    }

    /// <summary>The response rebuilt from every chunk added so far.</summary>
    public ChatCompletionResponse Build()
    {
        var response = new ChatCompletionResponse
        {
            Id = _first?.Id ?? "",
            Created = _first?.Created ?? 0,
            Model = _first?.Model ?? "",
            SystemFingerprint = _first?.SystemFingerprint,
            ServiceTier = _first?.ServiceTier,
            Usage = _usage,
            Choices = _choices.Select(kv => kv.Value.Build(kv.Key)).ToList(),
        };
        if (_details is not null) response.Details = _details;
        return response;
    }

    /// <summary>Rebuilds a response from a finished list of chunks.</summary>
    public static ChatCompletionResponse Build(IEnumerable<ChatCompletionChunk> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var aggregator = new ChunkAggregator();
        foreach (var c in chunks) aggregator.Add(c);
        return aggregator.Build();
    }

    private sealed class ChoiceState
    {
        private readonly StringBuilder _content = new();
        private StringBuilder? _reasoning, _refusal;
        private readonly SortedDictionary<int, (string? Id, string? Name, StringBuilder Args, Dictionary<string, System.Text.Json.JsonElement>? Extra)> _tools = [];
        private List<ThinkingBlock>? _thinking;
        private bool _hasContent;
        private string? _finish, _providerFinish;

        public void Add(ChunkChoice c)
        {
            var d = c.Delta;
            if (d.Content is not null) { _content.Append(d.Content); _hasContent = true; }
            if (d.ReasoningContent is not null) (_reasoning ??= new()).Append(d.ReasoningContent);
            if (d.Refusal is not null) (_refusal ??= new()).Append(d.Refusal);
            if (d.ThinkingBlocks is not null) (_thinking ??= []).AddRange(d.ThinkingBlocks);
            if (d.ToolCalls is not null)
            {
                foreach (var t in d.ToolCalls)
                {
                    if (!_tools.TryGetValue(t.Index, out var tool)) tool = (null, null, new StringBuilder(), null);
                    tool.Id ??= t.Id;
                    tool.Name ??= t.Function?.Name;
                    tool.Args.Append(t.Function?.Arguments);
                    if (t.ProviderSpecificFields is { Count: > 0 } extra)
                        foreach (var kv in extra) (tool.Extra ??= [])[kv.Key] = kv.Value;
                    _tools[t.Index] = tool;
                }
            }
            if (c.FinishReason is not null) _finish = c.FinishReason;
            if (c.ProviderFinishReason is not null) _providerFinish = c.ProviderFinishReason;
        }

        public ChatChoice Build(int index)
        {
            var message = new ChatMessage
            {
                Role = ChatRoles.Assistant,
                Content = _hasContent && _content.Length > 0 ? _content.ToString() : null,
                ReasoningContent = _reasoning?.ToString(),
                Refusal = _refusal?.ToString(),
                ThinkingBlocks = _thinking,
            };
            if (_tools.Count > 0)
                message.ToolCalls = _tools.Values.Select(t => new ToolCall { Id = t.Id ?? "", Function = new FunctionCall { Name = t.Name, Arguments = t.Args.Length == 0 ? "{}" : t.Args.ToString() }, ProviderSpecificFields = t.Extra }).ToList();
            return new ChatChoice { Index = index, Message = message, FinishReason = _finish, ProviderFinishReason = _providerFinish };
        }
    }
}
