using System.Text;

namespace LlmAbstraction.Providers.Gemini;

/// <summary>
/// Turns the sequence of streamed <c>GenerateContentResponse</c>s (each holding only new parts) into OpenAI chunks:
/// one chunk per candidate per event (role on the first), tool calls indexed per candidate (arguments streamed as
/// <c>partialArgs</c> rebuilt and sent when the call ends), the finish reason on the event that carries it, and, at
/// the end, a usage-only chunk from the last (cumulative) usageMetadata. Holds per-stream state; not thread-safe.
/// </summary>
internal sealed class GeminiStreamMapper(string provider, string model, long created)
{
    private readonly Dictionary<int, CandidateState> _candidates = [];
    private string? _id;
    private string? _model;
    private GeminiUsage? _usage;

    /// <summary>True once a candidate reported a finish reason (Gemini's only end-of-stream marker).</summary>
    public bool Finished { get; private set; }

    public IEnumerable<ChatCompletionChunk> Map(GeminiResponse r)
    {
        GeminiResponseMapper.ThrowIfBlocked(r, provider, model);
        _id ??= r.ResponseId;
        _model ??= r.ModelVersion;
        if (r.UsageMetadata is not null) _usage = r.UsageMetadata;
        var position = 0;
        foreach (var candidate in r.Candidates ?? [])
        {
            var index = candidate.Index ?? position++;
            if (!_candidates.TryGetValue(index, out var state)) _candidates[index] = state = new CandidateState();
            if (MapCandidate(candidate, state) is { } choice)
            {
                choice.Index = index;
                yield return Chunk([choice]);
            }
        }
    }

    /// <summary>The closing usage-only chunk (empty choices).</summary>
    public ChatCompletionChunk UsageChunk()
    {
        var chunk = Chunk([]);
        chunk.Usage = GeminiUsageMapper.Map(_usage);
        return chunk;
    }

    private ChunkChoice? MapCandidate(GeminiCandidate candidate, CandidateState state)
    {
        var delta = new ChatDelta();
        StringBuilder? text = null, reasoning = null;
        string? signature = null;
        List<ToolCallDelta>? tools = null;
        foreach (var part in candidate.Content?.Parts ?? [])
        {
            if (part.FunctionCall is { } fc) { FunctionCall(fc, part.ThoughtSignature, state, ref tools); continue; }
            if (part.Thought == true) { (reasoning ??= new StringBuilder()).Append(part.Text); continue; }
            if (part.ThoughtSignature is not null) signature = part.ThoughtSignature;
            GeminiResponseMapper.AppendContent(ref text, part);
        }
        var reason = GeminiFinishReasons.Name(candidate.FinishReason);
        if (reason is not null && state.Pending is not null) tools = [.. tools ?? [], Close(state)];

        if (!state.RoleSent) { delta.Role = ChatRoles.Assistant; state.RoleSent = true; }
        if (text is { Length: > 0 }) delta.Content = text.ToString();
        if (reasoning is { Length: > 0 }) delta.ReasoningContent = reasoning.ToString();
        if (signature is not null) delta.ThinkingBlocks = [new ThinkingBlock { Type = "thinking", Signature = signature }];
        delta.ToolCalls = tools;
        var choice = new ChunkChoice { Delta = delta };
        if (reason is not null)
        {
            Finished = true;
            choice.FinishReason = GeminiFinishReasons.Map(reason, state.ToolCount > 0);
            choice.ProviderFinishReason = reason;
        }
        var empty = delta.Role is null && delta.Content is null && delta.ReasoningContent is null && delta.ThinkingBlocks is null && delta.ToolCalls is null;
        return empty && reason is null ? null : choice;
    }

    private static void FunctionCall(GeminiFunctionCall fc, string? signature, CandidateState state, ref List<ToolCallDelta>? tools)
    {
        if (fc.Name is not null)
        {
            if (state.Pending is not null) (tools ??= []).Add(Close(state));
            var call = GeminiResponseMapper.ToToolCall(fc, signature);
            var streamed = fc.WillContinue == true;
            (tools ??= []).Add(new ToolCallDelta
            {
                Index = state.ToolCount,
                Id = call.Id,
                Type = "function",
                Function = new FunctionCall { Name = call.Function.Name, Arguments = streamed ? "" : call.Function.Arguments },
                ProviderSpecificFields = call.ProviderSpecificFields,
            });
            if (streamed) state.Pending = (state.ToolCount, new GeminiPartialArgs());
            state.ToolCount++;
            return;
        }
        if (state.Pending is not { } pending) return;
        foreach (var arg in fc.PartialArgs ?? []) pending.Args.Apply(arg);
        if (fc.WillContinue != true && fc.PartialArgs is null) (tools ??= []).Add(Close(state));
    }

    private static ToolCallDelta Close(CandidateState state)
    {
        var (index, args) = state.Pending!.Value;
        state.Pending = null;
        return new ToolCallDelta { Index = index, Function = new FunctionCall { Arguments = args.ToJson() } };
    }

    private ChatCompletionChunk Chunk(List<ChunkChoice> choices)
        => new() { Id = _id ?? "", Created = created, Model = _model ?? model, Choices = choices };

    private sealed class CandidateState
    {
        public bool RoleSent { get; set; }
        public int ToolCount { get; set; }
        public (int Index, GeminiPartialArgs Args)? Pending { get; set; }
    }
}
