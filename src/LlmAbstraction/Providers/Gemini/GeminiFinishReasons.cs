namespace LlmAbstraction.Providers.Gemini;

/// <summary>
/// Gemini finish reasons (names, or numbers under Vertex's <c>enum-encoding=int</c>) to OpenAI's: STOP → stop (tool_calls
/// when the candidate holds a functionCall), MAX_TOKENS → length, the safety family → content_filter, anything else → stop.
/// </summary>
internal static class GeminiFinishReasons
{
    // google.ai.generativelanguage / aiplatform Candidate.FinishReason numbering.
    private static readonly string[] ByNumber =
    [
        "FINISH_REASON_UNSPECIFIED", "STOP", "MAX_TOKENS", "SAFETY", "RECITATION", "OTHER", "BLOCKLIST",
        "PROHIBITED_CONTENT", "SPII", "MALFORMED_FUNCTION_CALL",
    ];

    /// <summary>The enum name for a reason given as a number; names pass through.</summary>
    public static string? Name(string? reason)
        => reason is { Length: > 0 } && char.IsAsciiDigit(reason[0]) && int.TryParse(reason, out var n) && n >= 0 && n < ByNumber.Length ? ByNumber[n] : reason;

    public static string? Map(string? reason, bool hasFunctionCall) => Name(reason) switch
    {
        null => null,
        "MAX_TOKENS" => FinishReasons.Length,
        "SAFETY" or "RECITATION" or "BLOCKLIST" or "PROHIBITED_CONTENT" or "SPII" or "IMAGE_SAFETY"
            or "IMAGE_PROHIBITED_CONTENT" or "IMAGE_RECITATION" or "MODEL_ARMOR" => FinishReasons.ContentFilter,
        _ when hasFunctionCall => FinishReasons.ToolCalls,
        _ => FinishReasons.Stop,
    };
}
