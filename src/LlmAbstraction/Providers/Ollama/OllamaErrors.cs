using System.Net;
using System.Text.Json;
using LlmAbstraction.Providers.OpenAI;

namespace LlmAbstraction.Providers.Ollama;

/// <summary>
/// Reads Ollama's error body <c>{"error":"…"}</c> (also the shape of an error line inside a 200 stream). Ollama sends
/// no codes, so classification rests on the status (404 = model not found) and the message.
/// </summary>
internal static class OllamaErrors
{
    public static readonly ProviderErrorParser Parse = ParseBody;

    /// <summary>
    /// For an <c>{"error":"…"}</c> line inside a 200 stream: the model failed while running, a server-side failure,
    /// unless the message itself says what it is (e.g. a context-length message).
    /// </summary>
    public static readonly ProviderErrorParser ParseStreamError = static (status, body) =>
    {
        var parsed = ParseBody(status, body);
        return ErrorClassifier.Classify(null, null, null, parsed.Message) == LlmErrorKind.Unknown ? parsed with { Code = "internal_error" } : parsed;
    };

    private static ProviderError ParseBody(HttpStatusCode? status, string body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] != '{') return new ProviderError(null, null, string.IsNullOrWhiteSpace(body) ? null : body.Trim());
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        return new ProviderError(null, null, OpenAIErrors.Text(root, "error") ?? OpenAIErrors.Text(root, "message") ?? body);
    }
}
