using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmAbstraction;

/// <summary>One part of a multi-part message: text, an image, audio or a file.</summary>
public sealed class ContentPart
{
    /// <summary><c>text</c>, <c>image_url</c>, <c>input_audio</c> or <c>file</c>.</summary>
    public string Type { get; set; } = "text";

    /// <summary>The text of a <c>text</c> part.</summary>
    public string? Text { get; set; }

    /// <summary>The image of an <c>image_url</c> part.</summary>
    public ImageUrl? ImageUrl { get; set; }

    /// <summary>Prompt-caching marker (Anthropic).</summary>
    public CacheControl? CacheControl { get; set; }

    /// <summary>Fields this type does not model (<c>input_audio</c>, <c>file</c>…), kept verbatim.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>A text part.</summary>
    public static ContentPart FromText(string text) => new() { Type = "text", Text = text };

    /// <summary>An image part from an https URL or a <c>data:</c> URL.</summary>
    public static ContentPart FromImageUrl(string url, string? detail = null) => new() { Type = "image_url", ImageUrl = new ImageUrl { Url = url, Detail = detail } };
}

/// <summary>An image reference: an https URL or a base64 <c>data:</c> URL.</summary>
public sealed class ImageUrl
{
    /// <summary>The URL.</summary>
    public string Url { get; set; } = "";
    /// <summary><c>auto</c>, <c>low</c> or <c>high</c>.</summary>
    public string? Detail { get; set; }
}
