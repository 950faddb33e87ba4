using System.Text.Json;

namespace LlmAbstraction.Providers.Cohere;

/// <summary>
/// Maps an OpenAI-shaped request to Cohere's v2 chat request: <c>top_p</c> → <c>p</c>, <c>stop</c> →
/// <c>stop_sequences</c>, <c>tool_choice</c> → <c>REQUIRED</c>/<c>NONE</c> (auto is the default, so it is omitted;
/// a named function keeps only that tool and requires it), <c>response_format</c> → <c>{type:"json_object", json_schema}</c>,
/// <c>reasoning_effort</c> → <c>thinking</c>. Extra-body fields are written inline (<c>top_k</c> is renamed <c>k</c>).
/// </summary>
internal static class CohereRequestMapper
{
    private const string Provider = "cohere";

    public static CohereRequest Map(ProviderRequest call, bool stream)
    {
        var r = call.Request;
        var wire = new CohereRequest
        {
            Model = call.Model,
            Messages = CohereMessageMapper.Map(r.Messages),
            Stream = stream,
            MaxTokens = r.MaxTokens ?? r.MaxCompletionTokens,
            StopSequences = r.Stop is { Count: > 0 } stop ? [.. stop] : null,
            Temperature = r.Temperature,
            Seed = r.Seed,
            FrequencyPenalty = r.FrequencyPenalty,
            PresencePenalty = r.PresencePenalty,
            P = r.TopP,
            ResponseFormat = ResponseFormat(r.ResponseFormat),
            Thinking = Thinking(r.ReasoningEffort),
        };
        MapTools(call, wire);
        MapExtra(r.AdditionalProperties, wire);
        ReportUnsupported(call);
        return wire;
    }

    private static void MapTools(ProviderRequest call, CohereRequest wire)
    {
        var r = call.Request;
        if (r.Tools is { Count: > 0 } tools)
        {
            wire.Tools = new List<CohereTool>(tools.Count);
            foreach (var t in tools)
            {
                if (string.IsNullOrEmpty(t.Function.Name))
                    throw new BadRequestException("Every tool needs a function name.", new LlmErrorDetails { Provider = Provider, Model = call.Model });
                wire.Tools.Add(new CohereTool { Function = new CohereFunction { Name = t.Function.Name, Description = t.Function.Description, Parameters = t.Function.Parameters } });
            }
            if (tools.Any(t => t.Function.Strict == true)) wire.StrictTools = true;
        }

        switch (r.ToolChoice?.Mode)
        {
            case null or "auto":
                break;
            case "required":
                wire.ToolChoice = "REQUIRED";
                break;
            case "none":
                wire.ToolChoice = "NONE";
                break;
            default:
                var name = r.ToolChoice.FunctionName;
                var forced = wire.Tools?.Where(t => t.Function.Name == name).ToList();
                if (forced is not { Count: > 0 })
                    throw new BadRequestException($"tool_choice names the function '{name}', which is not among the request's tools.", new LlmErrorDetails { Provider = Provider, Model = call.Model });
                wire.Tools = forced;
                wire.ToolChoice = "REQUIRED";
                break;
        }
    }

    private static CohereResponseFormat? ResponseFormat(ResponseFormat? format) => format?.Type switch
    {
        null or "text" => null,
        "json_object" => new CohereResponseFormat { Type = "json_object" },
        "json_schema" => new CohereResponseFormat { Type = "json_object", JsonSchema = format.JsonSchema?.Schema },
        _ => throw new BadRequestException($"Unknown response_format type '{format.Type}'. Expected text, json_object or json_schema."),
    };

    private static CohereThinking? Thinking(string? effort) => effort switch
    {
        null => null,
        "none" or "disable" or "disabled" => new CohereThinking { Type = "disabled" },
        _ => new CohereThinking { Type = "enabled" },
    };

    private static void MapExtra(IDictionary<string, JsonElement>? extra, CohereRequest wire)
    {
        if (extra is not { Count: > 0 }) return;
        var copy = new Dictionary<string, JsonElement>(extra, StringComparer.Ordinal);
        foreach (var name in (string[])["top_k", "k"])
        {
            if (copy.Remove(name, out var k) && k.ValueKind == JsonValueKind.Number) wire.K = k.GetDouble();
        }
        if (copy.Remove("thinking", out var thinking) && thinking.ValueKind == JsonValueKind.Object)
        {
            wire.Thinking = null;
            copy["thinking"] = thinking;
        }
        wire.Extra = copy.Count > 0 ? copy : null;
    }

    private static void ReportUnsupported(ProviderRequest call)
    {
        var r = call.Request;
        if (r.N is > 1) UnsupportedParameters.Report(call, Provider, "n", "one choice per request");
        if (r.Logprobs == true || r.TopLogprobs is not null) UnsupportedParameters.Report(call, Provider, "logprobs");
        if (r.ParallelToolCalls == false) UnsupportedParameters.Report(call, Provider, "parallel_tool_calls", "Cohere cannot disable parallel tool calls");
    }
}
