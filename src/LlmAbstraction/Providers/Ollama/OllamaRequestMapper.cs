using System.Text.Json;

namespace LlmAbstraction.Providers.Ollama;

/// <summary>
/// Maps an OpenAI-shaped request to Ollama's <c>/api/chat</c>: <c>stream</c> always explicit, sampling under
/// <c>options</c> (<c>max_tokens</c> → <c>num_predict</c>, <c>stop</c>, <c>temperature</c>, <c>top_p</c>, <c>seed</c>,
/// penalties), <c>response_format</c> → <c>format</c> (<c>"json"</c> or the schema), <c>reasoning_effort</c> →
/// <c>think</c>, <c>tool_choice:"none"</c> → no tools. Extra-body fields go inline (<c>keep_alive</c>, <c>think</c>…),
/// except an <c>options</c> object and known option names (<c>top_k</c>, <c>num_ctx</c>…), which join <c>options</c>.
/// </summary>
internal static class OllamaRequestMapper
{
    private const string Provider = "ollama";

    private static readonly HashSet<string> OptionNames = new(StringComparer.Ordinal)
    {
        "top_k", "min_p", "typical_p", "num_ctx", "num_keep", "num_batch", "num_gpu", "main_gpu", "num_thread",
        "repeat_penalty", "repeat_last_n", "penalize_newline", "mirostat", "mirostat_tau", "mirostat_eta", "tfs_z",
        "use_mmap", "numa",
    };

    public static OllamaRequest Map(ProviderRequest call, bool stream)
    {
        var r = call.Request;
        var wire = new OllamaRequest
        {
            Model = call.Model,
            Messages = OllamaMessageMapper.Map(r.Messages),
            Stream = stream,
            Format = Format(r.ResponseFormat),
            Think = Think(r.ReasoningEffort),
        };
        var options = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        Add(options, "temperature", r.Temperature);
        Add(options, "top_p", r.TopP);
        Add(options, "seed", r.Seed);
        Add(options, "num_predict", r.MaxTokens ?? r.MaxCompletionTokens);
        if (r.Stop is { Count: > 0 } stop) options["stop"] = JsonSerializer.SerializeToElement(stop.ToArray(), OllamaJsonContext.Default.StringArray);
        Add(options, "frequency_penalty", r.FrequencyPenalty);
        Add(options, "presence_penalty", r.PresencePenalty);
        MapTools(call, wire);
        MapExtra(r.AdditionalProperties, wire, options);
        wire.Options = options.Count > 0 ? options : null;
        ReportUnsupported(call);
        return wire;
    }

    private static void MapTools(ProviderRequest call, OllamaRequest wire)
    {
        var r = call.Request;
        if (r.Tools is not { Count: > 0 } tools || r.ToolChoice?.Mode == "none") return;
        wire.Tools = new List<OllamaTool>(tools.Count);
        foreach (var t in tools)
        {
            if (string.IsNullOrEmpty(t.Function.Name))
                throw new BadRequestException("Every tool needs a function name.", new LlmErrorDetails { Provider = Provider, Model = call.Model });
            wire.Tools.Add(new OllamaTool { Function = new OllamaFunction { Name = t.Function.Name, Description = t.Function.Description, Parameters = t.Function.Parameters } });
        }
    }

    private static JsonElement? Format(ResponseFormat? format) => format?.Type switch
    {
        null or "text" => null,
        "json_object" => JsonSerializer.SerializeToElement("json", OllamaJsonContext.Default.String),
        "json_schema" => format.JsonSchema?.Schema ?? JsonSerializer.SerializeToElement("json", OllamaJsonContext.Default.String),
        _ => throw new BadRequestException($"Unknown response_format type '{format.Type}'. Expected text, json_object or json_schema."),
    };

    private static JsonElement? Think(string? effort) => effort switch
    {
        null => null,
        "none" or "disable" or "disabled" => JsonSerializer.SerializeToElement(false, OllamaJsonContext.Default.Boolean),
        "low" or "medium" or "high" => JsonSerializer.SerializeToElement(effort, OllamaJsonContext.Default.String),
        _ => JsonSerializer.SerializeToElement(true, OllamaJsonContext.Default.Boolean),
    };

    private static void MapExtra(IDictionary<string, JsonElement>? extra, OllamaRequest wire, Dictionary<string, JsonElement> options)
    {
        if (extra is not { Count: > 0 }) return;
        var inline = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, value) in extra)
        {
            if (name == "options" && value.ValueKind == JsonValueKind.Object)
                foreach (var option in value.EnumerateObject()) options[option.Name] = option.Value.Clone();
            else if (OptionNames.Contains(name)) options[name] = value;
            else if (name == "think") wire.Think = value;
            else if (name == "format") wire.Format = value;
            else inline[name] = value;
        }
        wire.Extra = inline.Count > 0 ? inline : null;
    }

    private static void Add(Dictionary<string, JsonElement> options, string name, double? value)
    {
        if (value is { } v) options[name] = JsonSerializer.SerializeToElement(v, OllamaJsonContext.Default.Double);
    }

    private static void Add(Dictionary<string, JsonElement> options, string name, long? value)
    {
        if (value is { } v) options[name] = JsonSerializer.SerializeToElement(v, OllamaJsonContext.Default.Int64);
    }

    private static void ReportUnsupported(ProviderRequest call)
    {
        var r = call.Request;
        if (r.N is > 1) UnsupportedParameters.Report(call, Provider, "n", "one choice per request");
        if (r.Logprobs == true || r.TopLogprobs is not null) UnsupportedParameters.Report(call, Provider, "logprobs");
        if (r.ToolChoice?.Mode is "required" or "function") UnsupportedParameters.Report(call, Provider, "tool_choice", "Ollama cannot force a tool call");
        if (r.ParallelToolCalls == false) UnsupportedParameters.Report(call, Provider, "parallel_tool_calls", "Ollama cannot disable parallel tool calls");
    }
}
