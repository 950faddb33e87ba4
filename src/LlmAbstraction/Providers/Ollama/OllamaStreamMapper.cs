namespace LlmAbstraction.Providers.Ollama;

/// <summary>
/// Turns Ollama's NDJSON lines into OpenAI-shaped chunks: content and <c>thinking</c> deltas (the role on the first
/// chunk), whole tool calls as single deltas with synthesized indices and ids, and at the <c>done:true</c> line a finish
/// chunk plus a usage-only chunk (empty choices). Holds the per-stream state; not thread-safe.
/// </summary>
internal sealed class OllamaStreamMapper(string model, string id, long now)
{
    private bool _started;
    private int _toolCount;
    private long? _created;
    private string? _model;

    /// <summary>True once the <c>done:true</c> line arrived.</summary>
    public bool Completed { get; private set; }

    /// <summary>Maps one line (not an error line) into zero or more chunks appended to <paramref name="output"/>.</summary>
    public void Map(OllamaResponse line, List<ChatCompletionChunk> output)
    {
        _created ??= OllamaResponseMapper.Created(line.CreatedAt) ?? now;
        _model ??= string.IsNullOrEmpty(line.Model) ? model : line.Model;
        var delta = new ChatDelta();
        var any = false;
        if (!_started)
        {
            delta.Role = ChatRoles.Assistant;
            delta.Content = "";
            _started = any = true;
        }
        if (line.Message?.Content is { Length: > 0 } content) { delta.Content = content; any = true; }
        if (line.Message?.Thinking is { Length: > 0 } thinking) { delta.ReasoningContent = thinking; any = true; }
        if (line.Message?.ToolCalls is { Count: > 0 } calls)
        {
            delta.ToolCalls = [];
            foreach (var call in calls)
            {
                var index = _toolCount++;
                delta.ToolCalls.Add(new ToolCallDelta
                {
                    Index = index,
                    Id = OllamaResponseMapper.ToolCallId(call, index),
                    Type = "function",
                    Function = new FunctionCall { Name = call.Function?.Name, Arguments = OllamaResponseMapper.Arguments(call) },
                });
            }
            any = true;
        }
        if (any) output.Add(Chunk(delta));
        if (!line.Done) return;

        Completed = true;
        var finish = Chunk(new ChatDelta());
        finish.Choices[0].FinishReason = OllamaResponseMapper.FinishReason(line.DoneReason, _toolCount > 0);
        finish.Choices[0].ProviderFinishReason = line.DoneReason;
        output.Add(finish);
        output.Add(new ChatCompletionChunk { Id = id, Created = _created.Value, Model = _model, Choices = [], Usage = OllamaResponseMapper.Usage(line) });
    }

    private ChatCompletionChunk Chunk(ChatDelta delta)
        => new() { Id = id, Created = _created ?? now, Model = _model ?? model, Choices = [new ChunkChoice { Index = 0, Delta = delta }] };
}
