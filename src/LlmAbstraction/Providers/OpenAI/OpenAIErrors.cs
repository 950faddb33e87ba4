using System.Net;
using System.Text.Json;

namespace LlmAbstraction.Providers.OpenAI;

/// <summary>Reads OpenAI's error envelope <c>{"error":{"message","type","param","code"}}</c> and the common variants of compatible hosts.</summary>
internal static class OpenAIErrors
{
    public static readonly ProviderErrorParser Parse = ParseBody;

    private static ProviderError ParseBody(HttpStatusCode? status, string body)
    {
        if (string.IsNullOrWhiteSpace(body) || body[0] is not ('{' or '[')) return new ProviderError(null, null, string.IsNullOrWhiteSpace(body) ? null : body.Trim());
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement.ValueKind == JsonValueKind.Array && doc.RootElement.GetArrayLength() > 0 ? doc.RootElement[0] : doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) return new ProviderError(null, null, body);
        if (root.TryGetProperty("error", out var error))
        {
            if (error.ValueKind == JsonValueKind.String) return new ProviderError(null, null, error.GetString());
            if (error.ValueKind == JsonValueKind.Object)
                return new ProviderError(Text(error, "type"), Text(error, "code") ?? Text(error, "status"), Text(error, "message"));
        }
        return new ProviderError(Text(root, "type"), Text(root, "code"), Text(root, "message") ?? Text(root, "detail") ?? body);
    }

    internal static string? Text(JsonElement obj, string name)
        => obj.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => v.GetRawText(),
        } : null;
}
