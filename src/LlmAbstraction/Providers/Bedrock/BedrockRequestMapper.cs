using System.Text.Json;

namespace LlmAbstraction.Providers.Bedrock;

/// <summary>A mapped Converse call: the body, and the name of the forced tool standing in for response_format (if any).</summary>
internal sealed record BedrockConverseCall(ConverseRequest Wire, string? JsonToolName);

/// <summary>
/// Maps an OpenAI-shaped request to a Converse request: <c>inferenceConfig</c>, <c>toolConfig</c> (also whenever the
/// history holds tool blocks), response_format as a forced tool, and the extra body as
/// <c>additionalModelRequestFields</c> (Converse's own top-level fields such as <c>guardrailConfig</c> pass through).
/// </summary>
internal static class BedrockRequestMapper
{
    /// <summary>The forced tool's name when a json_object response format carries no schema name.</summary>
    public const string DefaultJsonToolName = "json_tool_call";

    private static readonly HashSet<string> TopLevelFields = new(StringComparer.Ordinal)
    {
        "guardrailConfig", "promptVariables", "additionalModelResponseFieldPaths", "requestMetadata", "performanceConfig", "serviceTier", "outputConfig",
    };

    public static BedrockConverseCall Map(ProviderRequest call)
    {
        var r = call.Request;
        var wire = new ConverseRequest();
        BedrockMessageMapper.Map(r.Messages, wire);
        var maxTokens = r.MaxTokens ?? r.MaxCompletionTokens;
        if (maxTokens is not null || r.Temperature is not null || r.TopP is not null || r.Stop is { Count: > 0 })
            wire.InferenceConfig = new InferenceConfig { MaxTokens = maxTokens, Temperature = r.Temperature, TopP = r.TopP, StopSequences = r.Stop is { Count: > 0 } s ? [.. s] : null };
        MapExtraBody(r, wire);
        MapReasoningEffort(call, wire);
        var jsonTool = BedrockToolMapper.Map(call, wire);
        ReportUnsupported(call);
        return new BedrockConverseCall(wire, jsonTool);
    }

    private static void MapExtraBody(ChatCompletionRequest r, ConverseRequest wire)
    {
        if (r.AdditionalProperties is not { Count: > 0 } extra) return;
        foreach (var (key, value) in extra)
        {
            if (TopLevelFields.Contains(key))
                (wire.Extra ??= [])[key] = value;
            else if (key == "additionalModelRequestFields" && value.ValueKind == JsonValueKind.Object)
                foreach (var p in value.EnumerateObject()) (wire.AdditionalModelRequestFields ??= [])[p.Name] = p.Value.Clone();
            else
                (wire.AdditionalModelRequestFields ??= [])[key] = value;
        }
    }

    // LiteLLM's mapping for Claude on Bedrock: reasoning_effort → an extended-thinking budget.
    private static void MapReasoningEffort(ProviderRequest call, ConverseRequest wire)
    {
        var effort = call.Request.ReasoningEffort;
        if (effort is null or "none") return;
        int? budget = effort switch { "minimal" or "low" => 1024, "medium" => 2048, "high" => 4096, _ => null };
        if (budget is null || !call.Model.Contains("claude", StringComparison.OrdinalIgnoreCase))
        {
            UnsupportedParameters.Report(call, BedrockProvider.ProviderName, "reasoning_effort", "mapped only for Claude models; pass the model's own field in the extra body");
            return;
        }
        if (wire.AdditionalModelRequestFields?.ContainsKey("thinking") == true) return;
        using var doc = JsonDocument.Parse($$"""{"type":"enabled","budget_tokens":{{budget}}}""");
        (wire.AdditionalModelRequestFields ??= [])["thinking"] = doc.RootElement.Clone();
    }

    private static void ReportUnsupported(ProviderRequest call)
    {
        var r = call.Request;
        const string p = BedrockProvider.ProviderName;
        if (r.N is > 1) UnsupportedParameters.Report(call, p, "n", "one choice per request");
        if (r.Seed is not null) UnsupportedParameters.Report(call, p, "seed");
        if (r.PresencePenalty is not null) UnsupportedParameters.Report(call, p, "presence_penalty");
        if (r.FrequencyPenalty is not null) UnsupportedParameters.Report(call, p, "frequency_penalty");
        if (r.Logprobs is true || r.TopLogprobs is not null) UnsupportedParameters.Report(call, p, "logprobs");
        if (r.ParallelToolCalls == false) UnsupportedParameters.Report(call, p, "parallel_tool_calls", "Converse has no switch for it");
    }
}
