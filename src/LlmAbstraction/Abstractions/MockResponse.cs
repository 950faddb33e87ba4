namespace LlmAbstraction;

/// <summary>
/// A canned answer for the mock provider: text, tool calls, or an error raised as the real provider's
/// would be. Lets users test their own code through the whole pipeline without a network.
/// </summary>
public sealed class MockResponse
{
    /// <summary>The text the mock answers with.</summary>
    public string? Text { get; init; }

    /// <summary>Tool calls the mock makes instead of (or besides) text.</summary>
    public IList<ToolCall>? ToolCalls { get; init; }

    /// <summary>When set, the mock fails with the error a provider answering this HTTP status would cause.</summary>
    public int? ErrorStatusCode { get; init; }

    /// <summary>The error's message (and provider error code, e.g. <c>context_length_exceeded</c>).</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>The provider error code to classify (e.g. <c>context_length_exceeded</c>, <c>insufficient_quota</c>).</summary>
    public string? ErrorCode { get; init; }

    /// <summary>A text answer.</summary>
    public static implicit operator MockResponse(string text) => new() { Text = text };

    /// <summary>A failure with the given HTTP status.</summary>
    public static MockResponse Error(int statusCode, string message, string? code = null)
        => new() { ErrorStatusCode = statusCode, ErrorMessage = message, ErrorCode = code };
}
