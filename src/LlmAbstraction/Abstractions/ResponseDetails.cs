namespace LlmAbstraction;

/// <summary>
/// What the gateway knows about one logical call: who answered, what it cost, how many attempts it
/// took, whether it came from the cache, and any warnings. Attached to every response.
/// </summary>
public sealed class ResponseDetails
{
    /// <summary>The model string the caller asked for.</summary>
    public string? RequestedModel { get; set; }
    /// <summary>The provider that answered (registry name, e.g. <c>anthropic</c>).</summary>
    public string? Provider { get; set; }
    /// <summary>The model the provider ran, as it reported it.</summary>
    public string? Model { get; set; }
    /// <summary>The deployment that answered, when a router picked one.</summary>
    public string? Deployment { get; set; }
    /// <summary>The cost in USD, when the price is known.</summary>
    public decimal? Cost { get; set; }
    /// <summary>True when the response came from the cache.</summary>
    public bool CacheHit { get; set; }
    /// <summary>The response cache key of this call (a hash; never contains secrets), when the cache is on.</summary>
    public string? CacheKey { get; set; }
    /// <summary>On a semantic cache hit: the cosine similarity between this prompt and the cached one.</summary>
    public double? CacheSimilarity { get; set; }
    /// <summary>Every attempt made, in order (retries and fallbacks included).</summary>
    public IList<AttemptRecord> Attempts { get => _attempts ??= new List<AttemptRecord>(1); set => _attempts = value; }
    private IList<AttemptRecord>? _attempts;
    /// <summary>Warnings (e.g. parameters dropped because the provider cannot honour them).</summary>
    public IList<string> Warnings { get => _warnings ??= new List<string>(); set => _warnings = value; }
    private IList<string>? _warnings;
    /// <summary>The provider's request id, for support tickets.</summary>
    public string? ProviderRequestId { get; set; }
    /// <summary>Total wall time of the call.</summary>
    public TimeSpan Latency { get; set; }
    /// <summary>For streams: time from the call's start to the first chunk.</summary>
    public TimeSpan? TimeToFirstChunk { get; set; }
    /// <summary>Deployments the router skipped before calling (e.g. a context window too small for the prompt), with the reason.</summary>
    public IList<SkippedDeployment> SkippedDeployments { get => _skipped ??= new List<SkippedDeployment>(); set => _skipped = value; }
    private IList<SkippedDeployment>? _skipped;

    // The lists are created on first use: most calls have no warnings and skip no deployment. These peek without creating.
    internal IList<string>? WarningsOrNull => _warnings;
    internal IList<SkippedDeployment>? SkippedDeploymentsOrNull => _skipped;
}

/// <summary>A deployment the router did not try, and why.</summary>
public sealed class SkippedDeployment
{
    /// <summary>The deployment id.</summary>
    public required string Deployment { get; init; }
    /// <summary>The model group it belongs to.</summary>
    public required string ModelGroup { get; init; }
    /// <summary>A short machine-readable reason, e.g. <c>context_window</c>.</summary>
    public required string Code { get; init; }
    /// <summary>The reason in words.</summary>
    public required string Reason { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{ModelGroup}/{Deployment}: {Reason}";
}

/// <summary>One attempt of a call against one model/deployment.</summary>
public sealed class AttemptRecord
{
    /// <summary>The model string tried.</summary>
    public required string Model { get; init; }
    /// <summary>The provider tried.</summary>
    public required string Provider { get; init; }
    /// <summary>The deployment tried, when routed.</summary>
    public string? Deployment { get; init; }
    /// <summary>True when this attempt produced the answer.</summary>
    public bool Succeeded { get; init; }
    /// <summary>The error kind when it failed.</summary>
    public LlmErrorKind? ErrorKind { get; init; }
    /// <summary>The error message when it failed (secrets redacted).</summary>
    public string? ErrorMessage { get; init; }
    /// <summary>How long the attempt took.</summary>
    public TimeSpan Latency { get; init; }
    /// <summary>The wait before this attempt (a retry's backoff or the provider's Retry-After), if any.</summary>
    public TimeSpan? DelayBefore { get; init; }
    /// <summary>Why this attempt ran on a fallback model (the error kind that moved the call), if it did.</summary>
    public string? FallbackReason { get; init; }
}

/// <summary>A fallback: another model, optionally with its own endpoint overrides.</summary>
public sealed class FallbackTarget
{
    /// <summary>The model (or group) to fall back to.</summary>
    public required string Model { get; init; }
    /// <summary>Overrides the API base for this fallback.</summary>
    public string? ApiBase { get; init; }
    /// <summary>Overrides the API key for this fallback.</summary>
    public string? ApiKey { get; init; }
    /// <summary>Overrides the API version for this fallback.</summary>
    public string? ApiVersion { get; init; }

    /// <summary>A fallback to a model name.</summary>
    public static implicit operator FallbackTarget(string model) => new() { Model = model };

    /// <inheritdoc/>
    public override string ToString() => Model;
}
