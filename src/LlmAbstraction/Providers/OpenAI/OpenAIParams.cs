namespace LlmAbstraction.Providers.OpenAI;

/// <summary>Drops request fields a particular OpenAI-wire host rejects, by wire name.</summary>
internal static class OpenAIParams
{
    private static readonly Dictionary<string, (Func<ChatCompletionRequest, bool> IsSet, Action<ChatCompletionRequest> Clear)> Fields = new(StringComparer.Ordinal)
    {
        ["temperature"] = (static r => r.Temperature is not null, static r => r.Temperature = null),
        ["top_p"] = (static r => r.TopP is not null, static r => r.TopP = null),
        ["seed"] = (static r => r.Seed is not null, static r => r.Seed = null),
        ["n"] = (static r => r.N is not null, static r => r.N = null),
        ["stop"] = (static r => r.Stop is not null, static r => r.Stop = null),
        ["user"] = (static r => r.User is not null, static r => r.User = null),
        ["presence_penalty"] = (static r => r.PresencePenalty is not null, static r => r.PresencePenalty = null),
        ["frequency_penalty"] = (static r => r.FrequencyPenalty is not null, static r => r.FrequencyPenalty = null),
        ["logprobs"] = (static r => r.Logprobs is not null, static r => r.Logprobs = null),
        ["top_logprobs"] = (static r => r.TopLogprobs is not null, static r => r.TopLogprobs = null),
        ["parallel_tool_calls"] = (static r => r.ParallelToolCalls is not null, static r => r.ParallelToolCalls = null),
        ["response_format"] = (static r => r.ResponseFormat is not null, static r => r.ResponseFormat = null),
        ["reasoning_effort"] = (static r => r.ReasoningEffort is not null, static r => r.ReasoningEffort = null),
        ["max_completion_tokens"] = (static r => r.MaxCompletionTokens is not null, static r => r.MaxCompletionTokens = null),
        ["tools"] = (static r => r.Tools is not null, static r => r.Tools = null),
        ["tool_choice"] = (static r => r.ToolChoice is not null, static r => r.ToolChoice = null),
    };

    /// <summary>Whether <paramref name="name"/> is a field this table can drop.</summary>
    public static bool IsKnown(string name) => name == "stream_options" || Fields.ContainsKey(name);

    /// <summary>Every droppable field name, for error messages.</summary>
    public static IEnumerable<string> KnownNames => Fields.Keys.Append("stream_options").Order(StringComparer.Ordinal);

    /// <summary>When <paramref name="name"/> is set on <paramref name="wire"/>, reports it (throws unless dropping) and clears it.</summary>
    public static void DropIfSet(ChatCompletionRequest wire, string name, ProviderRequest call, string provider)
    {
        if (name == "stream_options") { wire.StreamOptions = null; return; }
        if (!Fields.TryGetValue(name, out var field) || !field.IsSet(wire)) return;
        UnsupportedParameters.Report(call, provider, name);
        field.Clear(wire);
    }
}
