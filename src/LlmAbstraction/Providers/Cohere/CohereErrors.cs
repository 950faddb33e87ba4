using System.Net;
using System.Text.Json;
using LlmAbstraction.Providers.OpenAI;

namespace LlmAbstraction.Providers.Cohere;

/// <summary>
/// Reads Cohere's error body <c>{"id":"…","message":"…"}</c> (the <c>id</c> is optional). Cohere sends no type or code,
/// so classification rests on the status and the message (e.g. a 400 "too many tokens…" is a context-window error).
/// </summary>
internal static class CohereErrors
{
    public static readonly ProviderErrorParser Parse = ParseBody;

    private static ProviderError ParseBody(HttpStatusCode? status, string body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] != '{') return new ProviderError(null, null, string.IsNullOrWhiteSpace(body) ? null : body.Trim());
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        return new ProviderError(null, null, OpenAIErrors.Text(root, "message") ?? OpenAIErrors.Text(root, "error") ?? body);
    }

    /// <summary>The typed error for a generation that ended with <c>finish_reason</c> ERROR or TIMEOUT.</summary>
    public static LlmException FinishedWithError(LlmHttpTransport transport, ProviderCallInfo call, string reason, string code)
        => transport.CreateError(null, "{\"message\":\"The generation ended with finish_reason " + reason + ".\"}", null, call,
            (_, body) => new ProviderError(null, code, $"Cohere ended the generation with finish_reason {reason}."));
}
