namespace LlmAbstraction;

/// <summary>
/// Retries, per-attempt timeouts and fallbacks. Retries happen in exactly one layer (Polly v8), never in
/// the transport; only errors that can succeed on retry are retried; fallbacks move to other models.
/// </summary>
public sealed class ResilienceOptions
{
    /// <summary>Retries per model after the first attempt, unless the request sets <see cref="ChatCompletionRequest.NumRetries"/>.</summary>
    /// <value>Default: 2.</value>
    public int NumRetries { get; set; } = 2;

    /// <summary>The first backoff delay; later ones grow exponentially, with jitter.</summary>
    /// <value>Default: 500 ms.</value>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest computed backoff delay.</summary>
    /// <value>Default: 30 s.</value>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest provider-requested wait (<c>Retry-After</c>, <c>retry-after-ms</c>, reset headers) we honour. A longer
    /// request is not waited for: the rate-limit error surfaces at once, carrying its <see cref="LlmException.RetryAfter"/>.
    /// </summary>
    /// <value>Default: 60 s.</value>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Time allowed for one attempt (for a stream: until its first chunk). <see langword="null"/> means only the total timeout applies.</summary>
    /// <value>Default: null.</value>
    public TimeSpan? AttemptTimeout { get; set; }

    /// <summary>The bound on attempts across all models of one call (retries and fallbacks together).</summary>
    /// <value>Default: 10.</value>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The most fallback models tried for one call.</summary>
    /// <value>Default: 5.</value>
    public int MaxFallbacks { get; set; } = 5;

    /// <summary>Fallbacks per requested model (or group): tried in order on a fallback-eligible error.</summary>
    public Dictionary<string, List<string>> Fallbacks { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Fallbacks for any model that has none of its own.</summary>
    public List<string> DefaultFallbacks { get; set; } = [];

    /// <summary>Fallbacks used only when the prompt does not fit the model (<see cref="ContextWindowExceededException"/>).</summary>
    public Dictionary<string, List<string>> ContextWindowFallbacks { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Fallbacks used only on a safety refusal (<see cref="ContentPolicyViolationException"/>).</summary>
    public Dictionary<string, List<string>> ContentPolicyFallbacks { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The error kinds that move a call to its fallbacks. Authentication, permission and bad-request errors
    /// never do: another model cannot fix them (context-window and content-policy have their own lists).
    /// </summary>
    /// <value>Default: RateLimit, QuotaExceeded, Timeout, Conflict, InternalServer, Overloaded, ServiceUnavailable, ApiConnection, NoDeploymentAvailable.</value>
    public HashSet<LlmErrorKind> FallbackOn { get; set; } =
    [
        LlmErrorKind.RateLimit, LlmErrorKind.QuotaExceeded, LlmErrorKind.Timeout, LlmErrorKind.Conflict,
        LlmErrorKind.InternalServer, LlmErrorKind.Overloaded, LlmErrorKind.ServiceUnavailable,
        LlmErrorKind.ApiConnection, LlmErrorKind.NoDeploymentAvailable,
    ];

    internal IEnumerable<string> Validate()
    {
        if (NumRetries < 0) yield return $"Resilience:NumRetries must not be negative, not {NumRetries}.";
        if (RetryBaseDelay < TimeSpan.Zero) yield return "Resilience:RetryBaseDelay must not be negative.";
        if (RetryMaxDelay < RetryBaseDelay) yield return "Resilience:RetryMaxDelay must be at least RetryBaseDelay.";
        if (MaxRetryAfter < TimeSpan.Zero) yield return "Resilience:MaxRetryAfter must not be negative.";
        if (AttemptTimeout is { } t && t <= TimeSpan.Zero) yield return "Resilience:AttemptTimeout must be positive.";
        if (MaxAttempts < 1) yield return $"Resilience:MaxAttempts must be at least 1, not {MaxAttempts}.";
        if (MaxFallbacks < 0) yield return $"Resilience:MaxFallbacks must not be negative, not {MaxFallbacks}.";
        foreach (var kind in FallbackOn)
            if (kind is LlmErrorKind.Authentication or LlmErrorKind.PermissionDenied or LlmErrorKind.BadRequest)
                yield return $"Resilience:FallbackOn must not contain {kind}: another model cannot fix it.";
    }
}
