namespace LlmAbstraction.Callbacks;

/// <summary>
/// Receives one event per logical call (success or failure), and optionally one per attempt. Events are delivered
/// exactly once, off the call path, through a bounded queue; an exception thrown here is logged and never reaches the caller.
/// </summary>
/// <remarks>Events are delivered one at a time, in the order the calls finished.</remarks>
public interface ILlmCallback
{
    /// <summary>A logical call succeeded.</summary>
    ValueTask OnSuccessAsync(LlmCallEvent callEvent, CancellationToken cancellationToken);

    /// <summary>A logical call failed (or the caller cancelled it: see <see cref="LlmCallEvent.Status"/>).</summary>
    ValueTask OnFailureAsync(LlmCallEvent callEvent, CancellationToken cancellationToken);

    /// <summary>One attempt of a call (a retry, a fallback, or the only attempt) finished. Default: ignored.</summary>
    ValueTask OnAttemptAsync(LlmCallEvent callEvent, AttemptRecord attempt, CancellationToken cancellationToken) => default;
}

/// <summary>How a logical call ended.</summary>
public enum LlmCallStatus
{
    /// <summary>It answered.</summary>
    Success,
    /// <summary>It failed with an <see cref="LlmException"/> (or another exception).</summary>
    Failure,
    /// <summary>The caller cancelled it or stopped reading the stream.</summary>
    Cancelled,
}

/// <summary>The standard payload of a call event: who asked what, who answered, tokens by bucket, cost, timing, outcome.</summary>
/// <remarks>Never contains API keys; message content is not included.</remarks>
public sealed record LlmCallEvent
{
    /// <summary>A unique id for the logical call.</summary>
    public required string CallId { get; init; }
    /// <summary><c>chat</c> or <c>embeddings</c>.</summary>
    public required string Operation { get; init; }
    /// <summary>How the call ended.</summary>
    public required LlmCallStatus Status { get; init; }
    /// <summary>Whether it streamed.</summary>
    public bool IsStreaming { get; init; }
    /// <summary>The model the caller asked for.</summary>
    public required string RequestedModel { get; init; }
    /// <summary>The model that answered, as the provider named it.</summary>
    public string? Model { get; init; }
    /// <summary>The provider that answered (or last failed).</summary>
    public string? Provider { get; init; }
    /// <summary>The deployment that answered, when routed.</summary>
    public string? Deployment { get; init; }
    /// <summary>The request's end-user id.</summary>
    public string? User { get; init; }
    /// <summary>The request's metadata (team, tags, …).</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
    /// <summary>All input tokens (cache reads and writes included).</summary>
    public int PromptTokens { get; init; }
    /// <summary>All output tokens (reasoning included).</summary>
    public int CompletionTokens { get; init; }
    /// <summary>Input tokens read from the cache.</summary>
    public int CachedTokens { get; init; }
    /// <summary>Input tokens written to the cache.</summary>
    public int CacheWriteTokens { get; init; }
    /// <summary>Reasoning tokens.</summary>
    public int ReasoningTokens { get; init; }
    /// <summary>Cost in USD, when known.</summary>
    public decimal? Cost { get; init; }
    /// <summary>When the call started.</summary>
    public DateTimeOffset StartTime { get; init; }
    /// <summary>Total duration.</summary>
    public TimeSpan Latency { get; init; }
    /// <summary>For streams: time to the first chunk.</summary>
    public TimeSpan? TimeToFirstChunk { get; init; }
    /// <summary>Whether the answer came from the cache.</summary>
    public bool CacheHit { get; init; }
    /// <summary>Every attempt, in order.</summary>
    public IReadOnlyList<AttemptRecord> Attempts { get; init; } = [];
    /// <summary>The error kind, on failure.</summary>
    public LlmErrorKind? ErrorKind { get; init; }
    /// <summary>The error message (redacted), on failure.</summary>
    public string? ErrorMessage { get; init; }
}
