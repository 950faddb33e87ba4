namespace LlmAbstraction.Providers.Bedrock;

/// <summary>
/// Maps an <c>image_url</c> part to a Converse <c>image</c> block: a base64 data URL becomes <c>source.bytes</c>,
/// an <c>s3://</c> URL becomes <c>source.s3Location</c>. Bedrock cannot fetch http(s) URLs and the adapter does not
/// download them, so those are refused with a clear error.
/// </summary>
internal static class BedrockImages
{
    public static ImageBlock Map(ContentPart part)
    {
        var url = part.ImageUrl?.Url;
        if (string.IsNullOrEmpty(url)) throw new BadRequestException("An image_url part has no url.", Details());
        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            var comma = url.IndexOf(',', StringComparison.Ordinal);
            var semi = url.IndexOf(';', StringComparison.Ordinal);
            if (comma < 0 || semi < 0 || semi > comma || !url.AsSpan(semi, comma - semi).Contains("base64", StringComparison.OrdinalIgnoreCase))
                throw new BadRequestException("An image data URL must look like 'data:image/png;base64,…'.", Details());
            return new ImageBlock { Format = Format(url[5..semi]), Source = new ImageSource { Bytes = url[(comma + 1)..] } };
        }
        if (url.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            var extension = Path.GetExtension(url).TrimStart('.');
            return new ImageBlock { Format = Format("image/" + extension), Source = new ImageSource { S3Location = new S3Location { Uri = url } } };
        }
        throw new UnsupportedParamsException(
            "Bedrock accepts images as base64 data URLs ('data:image/png;base64,…') or s3:// URLs, not http(s) URLs.",
            new LlmErrorDetails { Provider = BedrockProvider.ProviderName, ErrorCode = "unsupported_content" });
    }

    private static string Format(string mediaType) => mediaType.ToLowerInvariant() switch
    {
        "image/png" => "png",
        "image/jpeg" or "image/jpg" => "jpeg",
        "image/gif" => "gif",
        "image/webp" => "webp",
        _ => throw new UnsupportedParamsException($"Bedrock accepts png, jpeg, gif and webp images, not '{mediaType}'.",
            new LlmErrorDetails { Provider = BedrockProvider.ProviderName, ErrorCode = "unsupported_content" }),
    };

    private static LlmErrorDetails Details() => new() { Provider = BedrockProvider.ProviderName };
}
