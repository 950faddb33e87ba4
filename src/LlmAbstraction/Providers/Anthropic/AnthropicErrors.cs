using System.Net;
using System.Text.Json;
using LlmAbstraction.Providers.OpenAI;

namespace LlmAbstraction.Providers.Anthropic;

/// <summary>Reads Anthropic's error envelope <c>{"type":"error","error":{"type","message"},"request_id"}</c>.</summary>
internal static class AnthropicErrors
{
    public static readonly ProviderErrorParser Parse = ParseBody;

    private static ProviderError ParseBody(HttpStatusCode? status, string body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] != '{') return new ProviderError(null, null, string.IsNullOrWhiteSpace(body) ? null : body.Trim());
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            return new ProviderError(OpenAIErrors.Text(error, "type"), null, OpenAIErrors.Text(error, "message"));
        return new ProviderError(OpenAIErrors.Text(root, "type"), null, OpenAIErrors.Text(root, "message") ?? body);
    }
}
