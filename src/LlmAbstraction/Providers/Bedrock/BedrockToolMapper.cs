using System.Text.Json;

namespace LlmAbstraction.Providers.Bedrock;

/// <summary>
/// Builds <c>toolConfig</c>: tools as <c>toolSpec</c>s, tool_choice auto/required/named as auto/any/tool (Converse has
/// no "none": the tools are then left out), response_format json_schema / json_object as one forced tool, and, when
/// the history holds toolUse/toolResult blocks but the request brings no tools, stand-in specs for the tools the
/// history used (Bedrock rejects such a history without a toolConfig).
/// </summary>
internal static class BedrockToolMapper
{
    /// <summary>Fills <c>wire.ToolConfig</c>; returns the forced JSON tool's name when response_format asked for JSON.</summary>
    public static string? Map(ProviderRequest call, ConverseRequest wire)
    {
        var r = call.Request;
        var none = r.ToolChoice?.Mode == "none";
        var tools = new List<ConverseTool>();
        if (r.Tools is { Count: > 0 } defined && !none)
        {
            foreach (var t in defined)
            {
                if (string.IsNullOrEmpty(t.Function.Name))
                    throw new BadRequestException("Every tool needs a function name.", new LlmErrorDetails { Provider = BedrockProvider.ProviderName, Model = call.Model });
                tools.Add(new ConverseTool { ToolSpec = Spec(t.Function.Name, t.Function.Description, t.Function.Parameters) });
                if (t.CacheControl is { } cache) tools.Add(new ConverseTool { CachePoint = BedrockMessageMapper.CachePointOf(cache) });
            }
        }

        ConverseToolChoice? choice = tools.Count == 0 ? null : r.ToolChoice?.Mode switch
        {
            "auto" => new ConverseToolChoice { Auto = EmptyObject },
            "required" => new ConverseToolChoice { Any = EmptyObject },
            "function" => new ConverseToolChoice { Tool = new NamedTool { Name = r.ToolChoice.FunctionName! } },
            _ => null,
        };

        var jsonTool = JsonTool(r);
        if (jsonTool is not null)
        {
            tools.Add(new ConverseTool { ToolSpec = jsonTool });
            if (r.Tools is not { Count: > 0 } || none) choice = new ConverseToolChoice { Tool = new NamedTool { Name = jsonTool.Name } };
        }

        if (tools.Count == 0 && BedrockMessageMapper.HasToolBlocks(wire)) tools.AddRange(HistoryTools(wire));
        if (tools.Count > 0) wire.ToolConfig = new ToolConfig { Tools = tools, ToolChoice = choice };
        return jsonTool?.Name;
    }

    private static ToolSpec? JsonTool(ChatCompletionRequest r) => r.ResponseFormat?.Type switch
    {
        "json_schema" => Spec(
            string.IsNullOrEmpty(r.ResponseFormat.JsonSchema?.Name) ? BedrockRequestMapper.DefaultJsonToolName : r.ResponseFormat.JsonSchema.Name,
            r.ResponseFormat.JsonSchema?.Description ?? "Respond with a JSON object matching this schema.",
            r.ResponseFormat.JsonSchema?.Schema),
        "json_object" => Spec(BedrockRequestMapper.DefaultJsonToolName, "Respond with a JSON object.", null),
        _ => null,
    };

    private static IEnumerable<ConverseTool> HistoryTools(ConverseRequest wire)
    {
        var names = wire.Messages.SelectMany(m => m.Content).Select(b => b.ToolUse?.Name).Where(n => !string.IsNullOrEmpty(n)).Distinct(StringComparer.Ordinal);
        foreach (var name in names)
            yield return new ConverseTool { ToolSpec = Spec(name!, null, null) };
    }

    private static ToolSpec Spec(string name, string? description, JsonElement? schema)
        => new() { Name = name, Description = description, InputSchema = new ToolInputSchema { Json = schema ?? EmptySchema } };

    private static readonly JsonElement EmptyObject = BedrockMessageMapper.EmptyObject;
    private static readonly JsonElement EmptySchema = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone();
}
