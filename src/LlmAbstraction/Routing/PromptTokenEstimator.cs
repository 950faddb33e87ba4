namespace LlmAbstraction.Routing;

/// <summary>
/// A cheap ESTIMATE of a prompt's tokens for pre-call context-window checks and tpm reservations:
/// characters / 4 (rounded up) over message text, tool-call arguments and tool definitions, plus 4 per message.
/// Not a tokenizer; the reservation is reconciled with the provider's actual usage afterwards.
/// </summary>
internal static class PromptTokenEstimator
{
    public static int Estimate(ChatCompletionRequest request)
    {
        long chars = 0;
        long overhead = 0;
        foreach (var m in request.Messages)
        {
            overhead += 4;
            if (m.Content is { } content)
            {
                if (content.Text is { } text) chars += text.Length;
                else if (content.Parts is { } parts)
                    foreach (var p in parts) chars += p.Text?.Length ?? 0;
            }
            if (m.ToolCalls is { } calls)
                foreach (var c in calls) chars += (c.Function.Arguments?.Length ?? 0) + (c.Function.Name?.Length ?? 0);
        }
        if (request.Tools is { } tools)
            foreach (var t in tools) chars += (t.Function.Name?.Length ?? 0) + (t.Function.Description?.Length ?? 0) + (t.Function.Parameters?.GetRawText().Length ?? 0);
        return (int)Math.Min(int.MaxValue, (chars + 3) / 4 + overhead);
    }

    public static int Estimate(EmbeddingRequest request)
    {
        long chars = 0;
        foreach (var s in request.Input) chars += s?.Length ?? 0;
        return (int)Math.Min(int.MaxValue, (chars + 3) / 4);
    }
}
