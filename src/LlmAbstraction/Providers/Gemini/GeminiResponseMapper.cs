using System.Text;
using System.Text.Json;

namespace LlmAbstraction.Providers.Gemini;

/// <summary>
/// Maps a <c>GenerateContentResponse</c> to the OpenAI shape: one choice per candidate, non-thought text as content,
/// thought parts as reasoning, functionCall parts as tool calls (thought signatures kept for the next turn), code
/// execution parts as fenced blocks in the content. A prompt blocked before generation is a content-policy error.
/// </summary>
internal static class GeminiResponseMapper
{
    public static ChatCompletionResponse Map(GeminiResponse r, string provider, string model, long created)
    {
        ThrowIfBlocked(r, provider, model);
        var choices = new List<ChatChoice>();
        var position = 0;
        foreach (var candidate in r.Candidates ?? [])
        {
            var message = new ChatMessage { Role = ChatRoles.Assistant };
            StringBuilder? text = null, reasoning = null;
            string? textSignature = null;
            foreach (var part in candidate.Content?.Parts ?? [])
            {
                if (part.FunctionCall is { } fc)
                {
                    (message.ToolCalls ??= []).Add(ToToolCall(fc, part.ThoughtSignature));
                    continue;
                }
                if (part.Thought == true)
                {
                    (reasoning ??= new StringBuilder()).Append(part.Text);
                    continue;
                }
                if (part.ThoughtSignature is not null) textSignature = part.ThoughtSignature;
                AppendContent(ref text, part);
            }
            message.Content = text?.ToString();
            message.ReasoningContent = reasoning?.ToString();
            if (reasoning is not null || textSignature is not null)
                message.ThinkingBlocks = [new ThinkingBlock { Type = "thinking", Thinking = message.ReasoningContent, Signature = textSignature }];
            var reason = GeminiFinishReasons.Name(candidate.FinishReason);
            choices.Add(new ChatChoice
            {
                Index = candidate.Index ?? position,
                Message = message,
                FinishReason = GeminiFinishReasons.Map(reason, message.ToolCalls is { Count: > 0 }),
                ProviderFinishReason = reason,
            });
            position++;
        }
        return new ChatCompletionResponse
        {
            Id = r.ResponseId ?? "",
            Created = created,
            Model = r.ModelVersion ?? model,
            Choices = choices,
            Usage = GeminiUsageMapper.Map(r.UsageMetadata),
        };
    }

    /// <summary>Appends a text or code-execution part to the content.</summary>
    public static void AppendContent(ref StringBuilder? text, GeminiPart part)
    {
        if (part.Text is { } t) (text ??= new StringBuilder()).Append(t);
        else if (part.ExecutableCode is { } code)
            (text ??= new StringBuilder()).Append("\n```").Append(code.Language?.ToLowerInvariant()).Append('\n').Append(code.Code).Append("\n```\n");
        else if (part.CodeExecutionResult is { } result)
            (text ??= new StringBuilder()).Append("\n```output\n").Append(result.Output).Append("\n```\n");
    }

    public static ToolCall ToToolCall(GeminiFunctionCall fc, string? signature) => new()
    {
        Id = string.IsNullOrEmpty(fc.Id) ? NewCallId() : fc.Id,
        Function = new FunctionCall { Name = fc.Name, Arguments = fc.Args is { ValueKind: JsonValueKind.Object } args ? args.GetRawText() : "{}" },
        ProviderSpecificFields = SignatureFields(signature),
    };

    public static Dictionary<string, JsonElement>? SignatureFields(string? signature)
    {
        if (signature is null) return null;
        using var doc = JsonDocument.Parse("\"" + JsonEncodedText.Encode(signature).ToString() + "\"");
        return new Dictionary<string, JsonElement> { [GeminiMessageMapper.ThoughtSignatureKey] = doc.RootElement.Clone() };
    }

    public static string NewCallId() => "call_" + Guid.NewGuid().ToString("N")[..24];

    /// <summary>A prompt blocked before generation (HTTP 200, no candidates, <c>promptFeedback.blockReason</c>).</summary>
    public static void ThrowIfBlocked(GeminiResponse r, string provider, string model)
    {
        if (r.Candidates is { Count: > 0 } || r.PromptFeedback?.BlockReason is not { } reason) return;
        var why = r.PromptFeedback.BlockReasonMessage is { Length: > 0 } m ? $": {m}" : ".";
        throw new ContentPolicyViolationException($"{provider} blocked the prompt (blockReason {reason}){why}",
            new LlmErrorDetails { Provider = provider, Model = model, ErrorCode = reason, ProviderMessage = r.PromptFeedback.BlockReasonMessage });
    }
}
