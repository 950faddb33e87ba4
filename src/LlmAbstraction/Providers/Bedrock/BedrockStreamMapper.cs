using System.Text;

namespace LlmAbstraction.Providers.Bedrock;

/// <summary>
/// Turns ConverseStream events into OpenAI-shaped chunks: the role on the first chunk, text / tool-input / reasoning
/// deltas keyed by <c>contentBlockIndex</c> (text blocks get no <c>contentBlockStart</c>; tool blocks do), the finish
/// reason at <c>messageStop</c>, and a usage-only chunk (empty choices) once both <c>messageStop</c> and
/// <c>metadata</c> arrived, in either order. Holds per-stream state; not thread-safe.
/// </summary>
internal sealed class BedrockStreamMapper(string id, long created, string model, string? jsonToolName)
{
    private readonly Dictionary<int, BlockState> _blocks = [];
    private bool _roleSent;
    private bool _forcedJson;
    private int _toolCount;
    private ConverseUsage? _usage;

    /// <summary>True once <c>messageStop</c> arrived.</summary>
    public bool StopSeen { get; private set; }

    /// <summary>True once both <c>messageStop</c> and <c>metadata</c> arrived: nothing else is expected.</summary>
    public bool Completed => StopSeen && _metadataSeen;

    private bool _metadataSeen;

    /// <summary>Maps one event to zero or more chunks.</summary>
    public IEnumerable<ChatCompletionChunk> Map(string? eventType, ConverseStreamEvent e)
    {
        switch (eventType)
        {
            case "messageStart":
                if (!_roleSent) yield return Chunk(new ChatDelta { Content = "" });
                break;
            case "contentBlockStart":
                if (BlockStart(e) is { } started) yield return started;
                break;
            case "contentBlockDelta":
                if (BlockDelta(e) is { } delta) yield return delta;
                break;
            case "contentBlockStop":
                if (BlockStop(e.ContentBlockIndex ?? 0) is { } stopped) yield return stopped;
                break;
            case "messageStop":
                StopSeen = true;
                var finish = BedrockResponseMapper.FinishReason(e.StopReason);
                if (_forcedJson && _toolCount == 0 && finish == FinishReasons.ToolCalls) finish = FinishReasons.Stop;
                var chunk = Chunk(new ChatDelta());
                chunk.Choices[0].FinishReason = finish;
                chunk.Choices[0].ProviderFinishReason = e.StopReason;
                yield return chunk;
                if (_metadataSeen) yield return UsageChunk();
                break;
            case "metadata":
                _metadataSeen = true;
                _usage = e.Usage ?? _usage;
                if (StopSeen) yield return UsageChunk();
                break;
        }
    }

    private ChatCompletionChunk UsageChunk() => new() { Id = id, Created = created, Model = model, Choices = [], Usage = BedrockResponseMapper.Usage(_usage) };

    private ChatCompletionChunk? BlockStart(ConverseStreamEvent e)
    {
        if (e.Start?.ToolUse is not { } use) return null;
        var index = e.ContentBlockIndex ?? 0;
        if (jsonToolName is not null && use.Name == jsonToolName)
        {
            _blocks[index] = new BlockState(BlockKind.JsonAnswer);
            _forcedJson = true;
            return null;
        }
        var state = _blocks[index] = new BlockState(BlockKind.Tool) { ToolIndex = _toolCount++ };
        return Chunk(new ChatDelta
        {
            ToolCalls = [new ToolCallDelta { Index = state.ToolIndex, Id = use.ToolUseId, Type = "function", Function = new FunctionCall { Name = use.Name, Arguments = "" } }],
        });
    }

    private ChatCompletionChunk? BlockDelta(ConverseStreamEvent e)
    {
        var index = e.ContentBlockIndex ?? 0;
        var d = e.Delta;
        if (d is null) return null;
        if (d.Text is { } text)
            return text.Length == 0 ? null : Chunk(new ChatDelta { Content = text });
        if (d.ToolUse is { } tool)
        {
            if (!_blocks.TryGetValue(index, out var state))
                state = _blocks[index] = new BlockState(BlockKind.Tool) { ToolIndex = _toolCount++ };
            if (string.IsNullOrEmpty(tool.Input)) return null;
            state.HasArguments = true;
            return state.Kind == BlockKind.JsonAnswer
                ? Chunk(new ChatDelta { Content = tool.Input })
                : Chunk(new ChatDelta { ToolCalls = [new ToolCallDelta { Index = state.ToolIndex, Function = new FunctionCall { Arguments = tool.Input } }] });
        }
        if (d.ReasoningContent is { } reasoning)
        {
            if (!_blocks.TryGetValue(index, out var state)) state = _blocks[index] = new BlockState(BlockKind.Reasoning);
            if (reasoning.RedactedContent is { } redacted)
                return Chunk(new ChatDelta { ThinkingBlocks = [new ThinkingBlock { Type = "redacted_thinking", Data = redacted }] });
            if (reasoning.Signature is { } signature) state.Signature = signature;
            if (string.IsNullOrEmpty(reasoning.Text)) return null;
            state.Thinking.Append(reasoning.Text);
            return Chunk(new ChatDelta { ReasoningContent = reasoning.Text });
        }
        return null;
    }

    private ChatCompletionChunk? BlockStop(int index)
    {
        if (!_blocks.TryGetValue(index, out var state)) return null;
        if (state.Kind == BlockKind.Tool && !state.HasArguments)
            return Chunk(new ChatDelta { ToolCalls = [new ToolCallDelta { Index = state.ToolIndex, Function = new FunctionCall { Arguments = "{}" } }] });
        if (state.Kind == BlockKind.JsonAnswer && !state.HasArguments)
            return Chunk(new ChatDelta { Content = "{}" });
        if (state.Kind == BlockKind.Reasoning && (state.Thinking.Length > 0 || state.Signature is not null))
            return Chunk(new ChatDelta { ThinkingBlocks = [new ThinkingBlock { Type = "thinking", Thinking = state.Thinking.ToString(), Signature = state.Signature }] });
        return null;
    }

    private ChatCompletionChunk Chunk(ChatDelta delta)
    {
        if (!_roleSent)
        {
            delta.Role = ChatRoles.Assistant;
            _roleSent = true;
        }
        return new() { Id = id, Created = created, Model = model, Choices = [new ChunkChoice { Index = 0, Delta = delta }] };
    }

    private enum BlockKind { Tool, JsonAnswer, Reasoning }

    private sealed class BlockState(BlockKind kind)
    {
        public BlockKind Kind { get; } = kind;
        public int ToolIndex { get; init; }
        public bool HasArguments { get; set; }
        public StringBuilder Thinking { get; } = new();
        public string? Signature { get; set; }
    }
}
