namespace LlmAbstraction.Benchmarks.Raw;

// The smallest honest hand-written Chat Completions client types: what an application would write without any library.

public sealed class RawChatRequest
{
    public required string Model { get; set; }
    public required List<RawMessage> Messages { get; set; }
    public int? MaxTokens { get; set; }
    public double? Temperature { get; set; }
    public bool? Stream { get; set; }
    public RawStreamOptions? StreamOptions { get; set; }
}

public sealed class RawStreamOptions
{
    public bool IncludeUsage { get; set; }
}

public sealed class RawMessage
{
    public string? Role { get; set; }
    public string? Content { get; set; }
}

public sealed class RawChatResponse
{
    public string? Id { get; set; }
    public string? Model { get; set; }
    public long Created { get; set; }
    public List<RawChoice>? Choices { get; set; }
    public RawUsage? Usage { get; set; }
    public string? SystemFingerprint { get; set; }
}

public sealed class RawChoice
{
    public int Index { get; set; }
    public RawMessage? Message { get; set; }
    public RawMessage? Delta { get; set; }
    public string? FinishReason { get; set; }
}

public sealed class RawUsage
{
    public int PromptTokens { get; set; }
    public int CompletionTokens { get; set; }
    public int TotalTokens { get; set; }
}
