namespace LlmAbstraction.Pipeline;

/// <summary>
/// Per-call state shared by the pipeline's stages: what was asked, when it started, what happened
/// (attempts, warnings), and a bag for stages' own data.
/// </summary>
/// <remarks>One instance per logical call. Stages of one call run sequentially, so it needs no locking.</remarks>
public sealed class LlmCallContext
{
    private Dictionary<string, object?>? _items;

    /// <summary>Creates the context for a call.</summary>
    public LlmCallContext(string operation, string requestedModel, bool isStreaming, TimeProvider timeProvider)
    {
        Operation = operation;
        RequestedModel = requestedModel;
        IsStreaming = isStreaming;
        TimeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        StartTimestamp = timeProvider.GetTimestamp();
        StartTime = timeProvider.GetUtcNow();
        Details = new ResponseDetails { RequestedModel = requestedModel };
    }

    /// <summary><c>chat</c> or <c>embeddings</c>.</summary>
    public string Operation { get; }

    /// <summary>The model the caller asked for.</summary>
    public string RequestedModel { get; }

    /// <summary>Whether the call streams.</summary>
    public bool IsStreaming { get; }

    /// <summary>The clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>When the call started (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    public long StartTimestamp { get; }

    /// <summary>When the call started (wall clock).</summary>
    public DateTimeOffset StartTime { get; }

    /// <summary>A unique id for the logical call (for callbacks and logs).</summary>
    public string CallId => _callId ??= Guid.NewGuid().ToString("N");

    private string? _callId;

    /// <summary>The details being gathered for the response.</summary>
    public ResponseDetails Details { get; }

    /// <summary>The deployment a router picked for the current attempt, if any.</summary>
    public string? Deployment { get; set; }

    /// <summary>Why the current attempt runs on a fallback model (e.g. <c>RateLimit</c>), or null.</summary>
    public string? FallbackReason { get; set; }

    /// <summary>The wait the retry layer observed before the next attempt; recorded on that attempt.</summary>
    public TimeSpan? PendingRetryDelay { get; set; }

    /// <summary>
    /// Set by the router when an attempt failed and another healthy deployment of the group can take the retry:
    /// the retry layer then retries at once instead of backing off (and clears the flag).
    /// </summary>
    public bool RetryImmediately { get; set; }

    /// <summary>True once a stream delivered its first chunk to the caller: from then on nothing is retried or replaced.</summary>
    public bool ChunksDelivered { get; set; }

    /// <summary>Every attempt's error, oldest first.</summary>
    public IList<LlmException> Errors => _errors ??= [];

    private List<LlmException>? _errors;

    /// <summary>Time since the call started.</summary>
    public TimeSpan Elapsed => TimeProvider.GetElapsedTime(StartTimestamp);

    /// <summary>Stage-specific data.</summary>
    public IDictionary<string, object?> Items => _items ??= new Dictionary<string, object?>(StringComparer.Ordinal);
}
