using System.Text.Json;
using LlmAbstraction.Providers.OpenAI;

namespace LlmAbstraction.Providers.Bedrock;

/// <summary>
/// Reads Bedrock's error body <c>{"message":"..."}</c> (also <c>Message</c>, and the AWS JSON <c>__type</c> code as a
/// fallback). The error code of an HTTP error is the <c>x-amzn-ErrorType</c> header, which the shared transport reads;
/// the code of an in-stream exception is its <c>:exception-type</c> header, passed in by <see cref="ForException"/>.
/// </summary>
internal static class BedrockErrors
{
    public static readonly ProviderErrorParser Parse = (status, body) => ParseBody(body, null);

    /// <summary>A parser for an exception message inside a ConverseStream, whose type comes from its headers.</summary>
    public static ProviderErrorParser ForException(string? exceptionType) => (status, body) => ParseBody(body, exceptionType);

    private static ProviderError ParseBody(string body, string? type)
    {
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] != '{') return new ProviderError(type, null, string.IsNullOrWhiteSpace(body) ? null : body.Trim());
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        var message = OpenAIErrors.Text(root, "message") ?? OpenAIErrors.Text(root, "Message") ?? body;
        if (type is null && OpenAIErrors.Text(root, "__type") is { } awsType)
            type = awsType[(awsType.LastIndexOf('#') + 1)..];
        return new ProviderError(type, null, message);
    }
}
