using System.Text.Json;

namespace LlmAbstraction.Providers.Gemini;

/// <summary>
/// Maps OpenAI-shaped messages to Gemini contents: system/developer text to <c>systemInstruction</c>, roles
/// user/model, tool calls to <c>functionCall</c> parts (with their <c>thoughtSignature</c> restored), tool results to
/// <c>functionResponse</c> parts named after the call they answer, consecutive same-role turns merged.
/// </summary>
internal static class GeminiMessageMapper
{
    /// <summary>The key under <see cref="ToolCall.ProviderSpecificFields"/> that carries Gemini's thought signature.</summary>
    public const string ThoughtSignatureKey = "thought_signature";

    /// <summary>Gemini 3's documented placeholder for a function call replayed without its signature.</summary>
    public const string SkipSignatureSentinel = "skip_thought_signature_validator";

    public static void Map(ProviderRequest call, GeminiRequest wire)
    {
        var namesById = new Dictionary<string, string>(StringComparer.Ordinal);
        List<GeminiPart>? system = null;
        var requireSignatures = call.Model.StartsWith("gemini-3", StringComparison.OrdinalIgnoreCase);
        foreach (var m in call.Request.Messages)
        {
            if (m is null) throw new BadRequestException("The request contains a null message.");
            switch (m.Role)
            {
                case ChatRoles.System or ChatRoles.Developer:
                    var text = m.Content?.GetText();
                    if (!string.IsNullOrEmpty(text)) (system ??= []).Add(new GeminiPart { Text = text });
                    break;
                case ChatRoles.User:
                    Append(wire.Contents, "user", GeminiPartMapper.UserParts(m.Content));
                    break;
                case ChatRoles.Assistant:
                    Append(wire.Contents, "model", ModelParts(call, m, namesById, requireSignatures));
                    break;
                case ChatRoles.Tool:
                    Append(wire.Contents, "user", [FunctionResponse(m, namesById)]);
                    break;
                default:
                    throw new BadRequestException($"Unknown message role '{m.Role}'. Expected system, developer, user, assistant or tool.");
            }
        }
        if (system is { Count: > 0 }) wire.SystemInstruction = new GeminiContent { Parts = system };
        if (wire.Contents.Count == 0)
            throw new BadRequestException("Gemini needs at least one user or assistant message besides system instructions.");
    }

    private static void Append(List<GeminiContent> turns, string role, List<GeminiPart> parts)
    {
        if (parts.Count == 0) return;
        if (turns.Count > 0 && turns[^1].Role == role) turns[^1].Parts.AddRange(parts);
        else turns.Add(new GeminiContent { Role = role, Parts = parts });
    }

    private static List<GeminiPart> ModelParts(ProviderRequest call, ChatMessage m, Dictionary<string, string> namesById, bool requireSignatures)
    {
        var parts = new List<GeminiPart>();
        var text = m.Content?.GetText();
        var textSignature = m.ThinkingBlocks?.LastOrDefault(b => b.Signature is not null)?.Signature;
        if (!string.IsNullOrEmpty(text) || (textSignature is not null && m.ToolCalls is not { Count: > 0 }))
            parts.Add(new GeminiPart { Text = text ?? "", ThoughtSignature = textSignature });
        if (m.ToolCalls is not { Count: > 0 } calls) return parts;
        for (var i = 0; i < calls.Count; i++)
        {
            var tc = calls[i] ?? throw new BadRequestException("An assistant message contains a null tool call.");
            if (string.IsNullOrEmpty(tc.Function.Name)) throw new BadRequestException($"Tool call '{tc.Id}' has no function name; Gemini requires it.");
            if (!string.IsNullOrEmpty(tc.Id)) namesById[tc.Id] = tc.Function.Name;
            var signature = Signature(tc);
            if (signature is null && i == 0 && requireSignatures)
            {
                signature = SkipSignatureSentinel;
                call.Warnings.Add($"Tool call '{tc.Id}' was replayed to {call.Model} without its thought signature; sent Gemini's '{SkipSignatureSentinel}' placeholder. Keep ToolCall.ProviderSpecificFields when storing messages.");
            }
            parts.Add(new GeminiPart
            {
                FunctionCall = new GeminiFunctionCall { Id = string.IsNullOrEmpty(tc.Id) ? null : tc.Id, Name = tc.Function.Name, Args = GeminiPartMapper.ParseArguments(tc) },
                ThoughtSignature = signature,
            });
        }
        return parts;
    }

    private static string? Signature(ToolCall tc)
        => tc.ProviderSpecificFields?.TryGetValue(ThoughtSignatureKey, out var s) == true && s.ValueKind == JsonValueKind.String ? s.GetString() : null;

    private static GeminiPart FunctionResponse(ChatMessage m, Dictionary<string, string> namesById)
    {
        if (string.IsNullOrEmpty(m.ToolCallId)) throw new BadRequestException("A tool message needs the tool_call_id of the call it answers.");
        var name = namesById.GetValueOrDefault(m.ToolCallId) ?? m.Name
            ?? throw new BadRequestException($"Tool message '{m.ToolCallId}' answers no earlier assistant tool call, so its function name is unknown; Gemini requires it (set Name on the tool message).");
        return new GeminiPart { FunctionResponse = new GeminiFunctionResponse { Id = m.ToolCallId, Name = name, Response = GeminiPartMapper.ToolResult(m.Content) } };
    }
}
