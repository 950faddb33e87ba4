namespace LlmAbstraction.Providers.Anthropic;

/// <summary>
/// Turns Anthropic's SSE event sequence into OpenAI-shaped chunks: one role chunk at message_start,
/// text / tool-argument / reasoning deltas, a finish chunk at message_delta, and a usage-only chunk
/// (empty choices) at message_stop. Holds the per-stream state; not thread-safe.
/// </summary>
internal sealed class AnthropicStreamMapper(long created)
{
    private readonly Dictionary<int, BlockState> _blocks = [];
    private string _id = "";
    private string _model = "";
    private int _toolCount;
    private AnthropicUsage? _usage;

    /// <summary>True once message_stop arrived.</summary>
    public bool Completed { get; private set; }

    /// <summary>Maps one event; returns null when the event yields no chunk.</summary>
    public ChatCompletionChunk? Map(AnthropicStreamEvent e)
    {
        switch (e.Type)
        {
            case "message_start":
                _id = e.Message?.Id ?? "";
                _model = e.Message?.Model ?? "";
                _usage = e.Message?.Usage;
                return Chunk(new ChatDelta { Role = ChatRoles.Assistant, Content = "" });
            case "content_block_start":
                return BlockStart(e.Index, e.ContentBlock);
            case "content_block_delta":
                return BlockDelta(e.Index, e.Delta);
            case "content_block_stop":
                return BlockStop(e.Index);
            case "message_delta":
                _usage = AnthropicResponseMapper.Merge(_usage, e.Usage);
                var reason = e.Delta?.StopReason;
                var chunk = Chunk(new ChatDelta());
                chunk.Choices[0].FinishReason = AnthropicResponseMapper.FinishReason(reason);
                chunk.Choices[0].ProviderFinishReason = reason;
                return chunk;
            case "message_stop":
                Completed = true;
                return new ChatCompletionChunk { Id = _id, Created = created, Model = _model, Choices = [], Usage = AnthropicResponseMapper.Usage(_usage) };
            default:
                return null; // ping and future event types
        }
    }

    private ChatCompletionChunk? BlockStart(int index, AnthropicBlock? block)
    {
        if (block is null) return null;
        var state = new BlockState(block.Type);
        _blocks[index] = state;
        if (block.Type is "tool_use" or "server_tool_use")
        {
            state.ToolIndex = _toolCount++;
            return Chunk(new ChatDelta
            {
                ToolCalls = [new ToolCallDelta { Index = state.ToolIndex, Id = block.Id, Type = "function", Function = new FunctionCall { Name = block.Name, Arguments = "" } }],
            });
        }
        if (block.Type == "text" && !string.IsNullOrEmpty(block.Text)) return Chunk(new ChatDelta { Content = block.Text });
        if (block.Type == "redacted_thinking")
            return Chunk(new ChatDelta { ThinkingBlocks = [new ThinkingBlock { Type = "redacted_thinking", Data = block.Data }] });
        return null;
    }

    private ChatCompletionChunk? BlockDelta(int index, AnthropicDelta? delta)
    {
        if (delta is null || !_blocks.TryGetValue(index, out var state)) return null;
        switch (delta.Type)
        {
            case "text_delta":
                return string.IsNullOrEmpty(delta.Text) ? null : Chunk(new ChatDelta { Content = delta.Text });
            case "input_json_delta":
                if (string.IsNullOrEmpty(delta.PartialJson)) return null;
                state.HasArguments = true;
                return Chunk(new ChatDelta { ToolCalls = [new ToolCallDelta { Index = state.ToolIndex, Function = new FunctionCall { Arguments = delta.PartialJson } }] });
            case "thinking_delta":
                state.Thinking.Append(delta.Thinking);
                return string.IsNullOrEmpty(delta.Thinking) ? null : Chunk(new ChatDelta { ReasoningContent = delta.Thinking });
            case "signature_delta":
                state.Signature = delta.Signature;
                return null;
            default:
                return null;
        }
    }

    private ChatCompletionChunk? BlockStop(int index)
    {
        if (!_blocks.TryGetValue(index, out var state)) return null;
        if (state.Type is "tool_use" or "server_tool_use" && !state.HasArguments)
            return Chunk(new ChatDelta { ToolCalls = [new ToolCallDelta { Index = state.ToolIndex, Function = new FunctionCall { Arguments = "{}" } }] });
        if (state.Type == "thinking")
            return Chunk(new ChatDelta { ThinkingBlocks = [new ThinkingBlock { Type = "thinking", Thinking = state.Thinking.ToString(), Signature = state.Signature }] });
        return null;
    }

    private ChatCompletionChunk Chunk(ChatDelta delta)
        => new() { Id = _id, Created = created, Model = _model, Choices = [new ChunkChoice { Index = 0, Delta = delta }] };

    private sealed class BlockState(string type)
    {
        public string Type { get; } = type;
        public int ToolIndex { get; set; }
        public bool HasArguments { get; set; }
        public System.Text.StringBuilder Thinking { get; } = new();
        public string? Signature { get; set; }
    }
}
