using System.Globalization;
using System.Net;
using System.Text.Json;
using LlmAbstraction.Providers.OpenAI;

namespace LlmAbstraction.Providers.Gemini;

/// <summary>
/// Reads Google's error envelope <c>{"error":{"code","message","status","details"}}</c> (also wrapped in a top-level
/// array, as Vertex AI sometimes sends it): <c>status</c> is the code (<c>RESOURCE_EXHAUSTED</c>…), an
/// <c>ErrorInfo.reason</c> is the type (<c>API_KEY_INVALID</c> becomes the code, so the key error is an authentication
/// error), and <c>RetryInfo.retryDelay</c> (<c>"34.4s"</c>) is the wait when no header gives one.
/// </summary>
internal static class GeminiErrors
{
    public static readonly ProviderErrorParser Parse = ParseBody;

    private static ProviderError ParseBody(HttpStatusCode? status, string body)
    {
        var trimmed = body.AsSpan().Trim();
        if (trimmed.IsEmpty || trimmed[0] is not ('{' or '[')) return new ProviderError(null, null, trimmed.IsEmpty ? null : trimmed.ToString());
        using var doc = JsonDocument.Parse(body);
        var root = Unwrap(doc.RootElement);
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
            return new ProviderError(null, null, body.Trim());
        return Read(error);
    }

    /// <summary>The first element of a top-level array, else the element itself.</summary>
    public static JsonElement Unwrap(JsonElement root)
        => root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0 ? root[0] : root;

    /// <summary>Reads the inner <c>error</c> object.</summary>
    public static ProviderError Read(JsonElement error)
    {
        var statusName = OpenAIErrors.Text(error, "status");
        string? reason = null;
        TimeSpan? retryAfter = null;
        if (error.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array)
        {
            foreach (var d in details.EnumerateArray())
            {
                if (d.ValueKind != JsonValueKind.Object) continue;
                var type = OpenAIErrors.Text(d, "@type") ?? "";
                if (type.EndsWith("google.rpc.ErrorInfo", StringComparison.Ordinal)) reason ??= OpenAIErrors.Text(d, "reason");
                else if (type.EndsWith("google.rpc.RetryInfo", StringComparison.Ordinal)) retryAfter ??= ParseDuration(OpenAIErrors.Text(d, "retryDelay"));
            }
        }
        var code = reason == "API_KEY_INVALID" ? reason : statusName ?? OpenAIErrors.Text(error, "code");
        return new ProviderError(reason ?? statusName, code, OpenAIErrors.Text(error, "message"), retryAfter);
    }

    /// <summary>Parses a protobuf Duration in JSON form (<c>"12s"</c>, <c>"34.4s"</c>).</summary>
    public static TimeSpan? ParseDuration(string? value)
    {
        if (value is not { Length: > 1 } || value[^1] != 's') return null;
        return double.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }
}
