using System.Text.Json;

namespace LlmAbstraction.Providers.Anthropic;

/// <summary>Maps an OpenAI-shaped request to Anthropic's Messages request.</summary>
internal static class AnthropicRequestMapper
{
    public const int FallbackMaxTokens = 4096;

    /// <param name="call">The call.</param>
    /// <param name="knownMaxOutputTokens">The model's output limit, the default for max_tokens.</param>
    /// <param name="stream">Whether to ask for SSE.</param>
    /// <param name="bodyAnthropicVersion">
    /// For hosts that carry the model in the URL and the version in the body (Vertex AI rawPredict:
    /// <c>vertex-2023-10-16</c>): set, the body gets <c>anthropic_version</c> and no <c>model</c>.
    /// </param>
    public static AnthropicRequest Map(ProviderRequest call, int? knownMaxOutputTokens, bool stream, string? bodyAnthropicVersion = null)
    {
        var r = call.Request;
        var wire = new AnthropicRequest
        {
            Model = bodyAnthropicVersion is null ? call.Model : null,
            AnthropicVersion = bodyAnthropicVersion,
            MaxTokens = r.MaxTokens ?? r.MaxCompletionTokens ?? knownMaxOutputTokens ?? FallbackMaxTokens,
            Temperature = r.Temperature,
            TopP = r.TopP,
            StopSequences = r.Stop is { Count: > 0 } stop ? [.. stop] : null,
            Stream = stream ? true : null,
            Metadata = r.User is null ? null : new AnthropicMetadata { UserId = r.User },
            Extra = r.AdditionalProperties is { Count: > 0 } extra ? extra : null,
        };
        AnthropicMessageMapper.Map(r.Messages, wire);
        MapTools(r, wire);
        ReportUnsupported(call);
        return wire;
    }

    private static void MapTools(ChatCompletionRequest r, AnthropicRequest wire)
    {
        if (r.Tools is { Count: > 0 } tools)
        {
            wire.Tools = new List<AnthropicTool>(tools.Count);
            foreach (var t in tools)
            {
                if (string.IsNullOrEmpty(t.Function.Name))
                    throw new BadRequestException("Every tool needs a function name.", new LlmErrorDetails { Provider = "anthropic", Model = r.Model });
                wire.Tools.Add(new AnthropicTool
                {
                    Name = t.Function.Name,
                    Description = t.Function.Description,
                    InputSchema = t.Function.Parameters ?? EmptySchema,
                    CacheControl = t.CacheControl,
                });
            }
        }

        AnthropicToolChoice? choice = r.ToolChoice?.Mode switch
        {
            null => null,
            "auto" => new AnthropicToolChoice { Type = "auto" },
            "required" => new AnthropicToolChoice { Type = "any" },
            "none" => new AnthropicToolChoice { Type = "none" },
            _ => new AnthropicToolChoice { Type = "tool", Name = r.ToolChoice.FunctionName },
        };
        if (r.ParallelToolCalls == false && wire.Tools is not null)
        {
            choice ??= new AnthropicToolChoice { Type = "auto" };
            if (choice.Type != "none") choice.DisableParallelToolUse = true;
        }
        wire.ToolChoice = choice;
    }

    private static void ReportUnsupported(ProviderRequest call)
    {
        var r = call.Request;
        if (r.N is > 1) UnsupportedParameters.Report(call, "anthropic", "n", "one choice per request");
        if (r.Seed is not null) UnsupportedParameters.Report(call, "anthropic", "seed");
        if (r.PresencePenalty is not null) UnsupportedParameters.Report(call, "anthropic", "presence_penalty");
        if (r.FrequencyPenalty is not null) UnsupportedParameters.Report(call, "anthropic", "frequency_penalty");
        if (r.Logprobs is not null || r.TopLogprobs is not null) UnsupportedParameters.Report(call, "anthropic", "logprobs");
        if (r.ResponseFormat is { Type: not "text" }) UnsupportedParameters.Report(call, "anthropic", "response_format", "use a tool with the schema instead");
    }

    private static readonly JsonElement EmptySchema = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone();
}
