using System.Text.Json;

namespace LlmAbstraction.Providers.Gemini;

/// <summary>
/// Maps an OpenAI-shaped request to Gemini's <c>GenerateContentRequest</c> (shared by the Gemini API and Vertex AI):
/// messages, tools and tool_choice, generationConfig (max_tokens, stop, n, seed, penalties, response_format,
/// reasoning), and provider-specific extras.
/// </summary>
internal static class GeminiRequestMapper
{
    public static GeminiRequest Map(ProviderRequest call, string provider)
    {
        var r = call.Request;
        var wire = new GeminiRequest();
        GeminiMessageMapper.Map(call, wire);
        MapTools(r, wire);
        var config = new GeminiGenerationConfig
        {
            MaxOutputTokens = r.MaxCompletionTokens ?? r.MaxTokens,
            Temperature = r.Temperature,
            TopP = r.TopP,
            StopSequences = r.Stop is { Count: > 0 } stop ? [.. stop] : null,
            CandidateCount = r.N,
            Seed = r.Seed,
            PresencePenalty = r.PresencePenalty,
            FrequencyPenalty = r.FrequencyPenalty,
        };
        MapResponseFormat(r.ResponseFormat, config);
        if (r.ReasoningEffort is { } effort) config.ThinkingConfig = GeminiReasoning.FromEffort(call.Model, effort);
        GeminiExtras.Apply(r.AdditionalProperties, wire, config);
        if (!config.IsEmpty) wire.GenerationConfig = config;
        ReportUnsupported(call, provider);
        return wire;
    }

    private static void MapTools(ChatCompletionRequest r, GeminiRequest wire)
    {
        if (r.Tools is { Count: > 0 } tools)
        {
            List<GeminiFunctionDeclaration>? functions = null;
            wire.Tools = [];
            foreach (var t in tools)
            {
                if (t is null) throw new BadRequestException("The request contains a null tool.");
                if (t.Type != "function")
                {
                    // Gemini built-in tools (codeExecution, googleSearch, urlContext…) travel as {"<type>":{}}.
                    wire.Tools.Add(new GeminiTool { Extra = new Dictionary<string, JsonElement> { [t.Type] = EmptyObject } });
                    continue;
                }
                if (string.IsNullOrEmpty(t.Function.Name)) throw new BadRequestException("Every tool needs a function name.");
                (functions ??= []).Add(new GeminiFunctionDeclaration
                {
                    Name = t.Function.Name,
                    Description = t.Function.Description,
                    Parameters = GeminiSchemaMapper.Convert(t.Function.Parameters, omitEmptyRootObject: true),
                });
            }
            if (functions is not null) wire.Tools.Insert(0, new GeminiTool { FunctionDeclarations = functions });
        }

        if (r.ToolChoice is { } choice)
        {
            wire.ToolConfig = new GeminiToolConfig
            {
                FunctionCallingConfig = choice.Mode switch
                {
                    "none" => new GeminiFunctionCallingConfig { Mode = "NONE" },
                    "auto" => new GeminiFunctionCallingConfig { Mode = "AUTO" },
                    "required" => new GeminiFunctionCallingConfig { Mode = "ANY" },
                    _ => new GeminiFunctionCallingConfig { Mode = "ANY", AllowedFunctionNames = [choice.FunctionName!] },
                },
            };
        }
    }

    private static void MapResponseFormat(ResponseFormat? format, GeminiGenerationConfig config)
    {
        switch (format?.Type)
        {
            case null or "text":
                return;
            case "json_object":
                config.ResponseMimeType = "application/json";
                return;
            case "json_schema":
                config.ResponseMimeType = "application/json";
                config.ResponseSchema = GeminiSchemaMapper.Convert(format.JsonSchema?.Schema, omitEmptyRootObject: false);
                return;
            default:
                throw new BadRequestException($"Unknown response_format type '{format.Type}'. Expected text, json_object or json_schema.");
        }
    }

    private static void ReportUnsupported(ProviderRequest call, string provider)
    {
        var r = call.Request;
        if (r.Logprobs is true || r.TopLogprobs is not null) UnsupportedParameters.Report(call, provider, "logprobs");
        if (r.ParallelToolCalls == false) UnsupportedParameters.Report(call, provider, "parallel_tool_calls", "Gemini cannot be told to call one tool at a time");
        if (r.User is not null) UnsupportedParameters.Report(call, provider, "user");
    }

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();
}
