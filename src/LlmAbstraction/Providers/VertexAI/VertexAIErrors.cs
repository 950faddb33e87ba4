using System.Net;
using System.Text.Json;
using LlmAbstraction.Providers.Anthropic;
using LlmAbstraction.Providers.Gemini;

namespace LlmAbstraction.Providers.VertexAI;

/// <summary>
/// Vertex AI error bodies: Google's envelope (sometimes wrapped in a top-level JSON array) from Vertex itself, or,
/// for Anthropic models, Anthropic's own <c>{"type":"error","error":{"type","message"}}</c> from the model.
/// </summary>
internal static class VertexAIErrors
{
    public static readonly ProviderErrorParser Parse = ParseBody;

    private static ProviderError ParseBody(HttpStatusCode? status, string body)
    {
        var trimmed = body.AsSpan().Trim();
        if (trimmed.IsEmpty || trimmed[0] is not ('{' or '[')) return new ProviderError(null, null, trimmed.IsEmpty ? null : trimmed.ToString());
        using var doc = JsonDocument.Parse(body);
        var root = GeminiErrors.Unwrap(doc.RootElement);
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
            && (error.TryGetProperty("status", out _) || error.TryGetProperty("code", out _)))
            return GeminiErrors.Read(error);
        return root.ValueKind == JsonValueKind.Object ? AnthropicErrors.Parse(status, root.GetRawText()) : new ProviderError(null, null, body.Trim());
    }
}
