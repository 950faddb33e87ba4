using System.Net;
using System.Text;
using System.Text.Json;
using LlmAbstraction.Providers.OpenAI;

namespace LlmAbstraction.Providers.Mistral;

/// <summary>
/// Reads Mistral's several error shapes: <c>{"object":"error","message","type","code"}</c>,
/// <c>{"message":"Unauthorized"}</c>, <c>{"detail":"Unauthorized"}</c> and FastAPI's 422 <c>{"detail":[{msg,loc}…]}</c>.
/// </summary>
internal static class MistralErrors
{
    public static readonly ProviderErrorParser Parse = ParseBody;

    private static ProviderError ParseBody(HttpStatusCode? status, string body)
    {
        if (!string.IsNullOrWhiteSpace(body) && body.TrimStart().StartsWith('{'))
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.Array)
                return new ProviderError("validation_error", null, ValidationMessage(detail));
        }
        return OpenAIErrors.Parse(status, body);
    }

    private static string ValidationMessage(JsonElement detail)
    {
        var sb = new StringBuilder();
        foreach (var item in detail.EnumerateArray())
        {
            if (sb.Length > 0) sb.Append("; ");
            if (item.ValueKind != JsonValueKind.Object) { sb.Append(item.GetRawText()); continue; }
            if (item.TryGetProperty("loc", out var loc) && loc.ValueKind == JsonValueKind.Array)
                sb.Append(string.Join('.', loc.EnumerateArray().Select(l => l.ValueKind == JsonValueKind.String ? l.GetString() : l.GetRawText()))).Append(": ");
            sb.Append(OpenAIErrors.Text(item, "msg") ?? item.GetRawText());
        }
        return sb.ToString();
    }
}
