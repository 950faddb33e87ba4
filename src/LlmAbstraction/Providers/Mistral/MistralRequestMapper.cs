using System.Text.Json;

namespace LlmAbstraction.Providers.Mistral;

/// <summary>
/// Maps an OpenAI-shaped request to Mistral's chat request: <c>seed</c> → <c>random_seed</c>,
/// <c>max_completion_tokens</c> → <c>max_tokens</c>, <c>tool_choice:"required"</c> → <c>"any"</c>, tool-call
/// ids rewritten to 9 alphanumerics, reasoning sent back as a thinking chunk, no <c>stream_options</c>;
/// <c>user</c>, <c>logprobs</c> and <c>top_logprobs</c> are not supported.
/// </summary>
internal static class MistralRequestMapper
{
    public static ChatCompletionRequest Map(ProviderRequest call, string provider, bool stream)
    {
        var wire = call.Request.Clone();
        wire.Model = call.Model;
        wire.Stream = stream ? true : null;
        wire.StreamOptions = null;
        var extra = wire.AdditionalProperties is null
            ? new Dictionary<string, JsonElement>(StringComparer.Ordinal)
            : new Dictionary<string, JsonElement>(wire.AdditionalProperties, StringComparer.Ordinal);

        if (wire.Seed is { } seed)
        {
            extra.TryAdd("random_seed", JsonSerializer.SerializeToElement(seed, MistralScalarContext.Default.Int64));
            wire.Seed = null;
        }
        if (wire.MaxCompletionTokens is { } max)
        {
            wire.MaxTokens ??= max;
            wire.MaxCompletionTokens = null;
        }
        if (ReferenceEquals(wire.ToolChoice, ToolChoice.Required))
        {
            extra["tool_choice"] = JsonSerializer.SerializeToElement("any", MistralScalarContext.Default.String);
            wire.ToolChoice = null;
        }
        if (wire.User is not null) { UnsupportedParameters.Report(call, provider, "user"); wire.User = null; }
        if (wire.Logprobs is not null) { UnsupportedParameters.Report(call, provider, "logprobs"); wire.Logprobs = null; }
        if (wire.TopLogprobs is not null) { UnsupportedParameters.Report(call, provider, "top_logprobs"); wire.TopLogprobs = null; }

        wire.AdditionalProperties = extra.Count == 0 ? null : extra;
        wire.Messages = wire.Messages.Select(MistralMessageMapper.Map).ToList();
        if (wire.Tools is { } tools)
            wire.Tools = tools.Select(t => t.CacheControl is null ? t : new ToolDefinition { Type = t.Type, Function = t.Function }).ToList();
        return wire;
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(long))]
[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class MistralScalarContext : System.Text.Json.Serialization.JsonSerializerContext;
