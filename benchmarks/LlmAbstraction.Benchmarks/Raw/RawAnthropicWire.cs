namespace LlmAbstraction.Benchmarks.Raw;

// The smallest honest hand-written Messages API client types.

public sealed class RawMessagesRequest
{
    public required string Model { get; set; }
    public int MaxTokens { get; set; }
    public string? System { get; set; }
    public required List<RawMessage> Messages { get; set; }
    public double? Temperature { get; set; }
    public bool? Stream { get; set; }
}

public sealed class RawMessagesResponse
{
    public string? Id { get; set; }
    public string? Model { get; set; }
    public List<RawContentBlock>? Content { get; set; }
    public string? StopReason { get; set; }
    public RawAnthropicUsage? Usage { get; set; }
}

public sealed class RawContentBlock
{
    public string? Type { get; set; }
    public string? Text { get; set; }
    public string? StopReason { get; set; }
}

public sealed class RawAnthropicUsage
{
    public int InputTokens { get; set; }
    public int OutputTokens { get; set; }
    public int? CacheCreationInputTokens { get; set; }
    public int? CacheReadInputTokens { get; set; }
}

public sealed class RawStreamEvent
{
    public string? Type { get; set; }
    public int? Index { get; set; }
    public RawMessagesResponse? Message { get; set; }
    public RawContentBlock? Delta { get; set; }
    public RawAnthropicUsage? Usage { get; set; }
}
