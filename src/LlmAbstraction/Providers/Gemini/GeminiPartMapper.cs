using System.Text.Json;

namespace LlmAbstraction.Providers.Gemini;

/// <summary>Maps content parts: text, images (data URLs → <c>inlineData</c>, URLs → <c>fileData</c>), tool arguments and results.</summary>
internal static class GeminiPartMapper
{
    private static readonly Dictionary<string, string> MimeByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png", [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".webp"] = "image/webp",
        [".gif"] = "image/gif", [".heic"] = "image/heic", [".heif"] = "image/heif", [".pdf"] = "application/pdf",
        [".mp3"] = "audio/mp3", [".wav"] = "audio/wav", [".flac"] = "audio/flac", [".ogg"] = "audio/ogg",
        [".mp4"] = "video/mp4", [".mov"] = "video/mov", [".webm"] = "video/webm", [".txt"] = "text/plain",
    };

    public static List<GeminiPart> UserParts(MessageContent? content)
    {
        if (content is null) return [];
        if (content.Text is not null) return [new GeminiPart { Text = content.Text }];
        var parts = new List<GeminiPart>(content.Parts!.Count);
        foreach (var part in content.Parts!)
        {
            parts.Add(part?.Type switch
            {
                "text" => new GeminiPart { Text = part.Text ?? "" },
                "image_url" => Image(part.ImageUrl?.Url),
                _ => throw new UnsupportedParamsException($"Gemini adapter does not accept '{part?.Type}' content parts; use text or image_url.",
                    new LlmErrorDetails { Provider = "gemini", ErrorCode = "unsupported_content" }),
            });
        }
        return parts;
    }

    private static GeminiPart Image(string? url)
    {
        if (string.IsNullOrEmpty(url)) throw new BadRequestException("An image_url part has no url.");
        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            var comma = url.IndexOf(',', StringComparison.Ordinal);
            var semi = url.IndexOf(';', StringComparison.Ordinal);
            if (comma < 0 || semi < 0 || semi > comma || !url.AsSpan(semi, comma - semi).Contains("base64", StringComparison.OrdinalIgnoreCase))
                throw new BadRequestException("An image data URL must look like 'data:image/png;base64,…'.");
            return new GeminiPart { InlineData = new GeminiBlob { MimeType = url[5..semi], Data = url[(comma + 1)..] } };
        }
        return new GeminiPart { FileData = new GeminiFileData { MimeType = GuessMimeType(url), FileUri = url } };
    }

    /// <summary>The media type implied by the URL's file extension (query and fragment ignored).</summary>
    public static string GuessMimeType(string url)
    {
        var path = url;
        var cut = path.IndexOfAny(['?', '#']);
        if (cut >= 0) path = path[..cut];
        var dot = path.LastIndexOf('.');
        var slash = path.LastIndexOf('/');
        if (dot > slash && MimeByExtension.TryGetValue(path[dot..], out var mime)) return mime;
        throw new BadRequestException($"Cannot tell the media type of '{url}' from its extension, and Gemini's fileData requires one. Use a URL ending in .png/.jpg/.webp/.pdf… or a data: URL.");
    }

    public static JsonElement ParseArguments(ToolCall call)
    {
        var args = call.Function.Arguments;
        if (string.IsNullOrWhiteSpace(args)) return EmptyObject;
        try
        {
            using var doc = JsonDocument.Parse(args);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new BadRequestException($"The arguments of tool call '{call.Id}' must be a JSON object for Gemini.");
            return doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new BadRequestException($"The arguments of tool call '{call.Id}' are not valid JSON.", new LlmErrorDetails { Provider = "gemini" }, ex);
        }
    }

    /// <summary>A tool result as Gemini's <c>response</c> object: a JSON object result as is, anything else wrapped as <c>{"content": …}</c>.</summary>
    public static JsonElement ToolResult(MessageContent? content)
    {
        var text = content?.GetText() ?? "";
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.Length > 0 && trimmed[0] is '{' or '[' or '"' or 't' or 'f' or 'n' or '-' or (>= '0' and <= '9'))
        {
            try
            {
                using var doc = JsonDocument.Parse(text);
                if (doc.RootElement.ValueKind == JsonValueKind.Object) return doc.RootElement.Clone();
                return Wrap(doc.RootElement);
            }
            catch (JsonException)
            {
                // plain text that merely looks like JSON: wrap it as a string below
            }
        }
        using var str = JsonDocument.Parse(JsonEncodedString(text));
        return Wrap(str.RootElement);
    }

    private static JsonElement Wrap(JsonElement value)
    {
        using var doc = JsonDocument.Parse("{\"content\":" + value.GetRawText() + "}");
        return doc.RootElement.Clone();
    }

    private static string JsonEncodedString(string text) => "\"" + JsonEncodedText.Encode(text, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();
}
