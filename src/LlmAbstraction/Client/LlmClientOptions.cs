namespace LlmAbstraction;

/// <summary>
/// Options for an <see cref="ILlmClient"/>. Bound from configuration (section <c>LlmAbstraction</c> by
/// convention) and validated when the client is built; immutable in practice once the client exists.
/// </summary>
public sealed class LlmClientOptions
{
    /// <summary>The conventional configuration section name.</summary>
    public const string SectionName = "LlmAbstraction";

    /// <summary>Per-provider settings, keyed by provider name (e.g. <c>openai</c>, <c>anthropic</c>).</summary>
    public Dictionary<string, ProviderSettings> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Model aliases: a name callers use mapped to a model string (e.g. <c>fast</c> → <c>anthropic/claude-haiku-4-5</c>).</summary>
    public Dictionary<string, string> Aliases { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Total time allowed for one logical call (retries and fallbacks included).</summary>
    /// <value>Default: 10 minutes.</value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Drop parameters a provider cannot honour (with a warning on the response) instead of failing.</summary>
    /// <value>Default: false.</value>
    public bool DropParams { get; set; }

    /// <summary>Retries, per-attempt timeouts and fallbacks.</summary>
    public ResilienceOptions Resilience { get; set; } = new();

    /// <summary>The response cache (exact and semantic). Off by default.</summary>
    public CacheOptions Cache { get; set; } = new();

    /// <summary>Tracing, metrics and callbacks.</summary>
    public LlmTelemetryOptions Telemetry { get; set; } = new();

    /// <summary>For OpenAI-style streams: ask for the final usage chunk (<c>stream_options.include_usage</c>) unless the caller set it.</summary>
    /// <value>Default: true.</value>
    public bool IncludeStreamUsage { get; set; } = true;
}

/// <summary>Settings for one provider.</summary>
/// <remarks><see cref="ToString"/> never shows the key.</remarks>
public sealed class ProviderSettings
{
    /// <summary>The API key, or an <c>os.environ/NAME</c> reference.</summary>
    public string? ApiKey { get; set; }
    /// <summary>The base URL, or an <c>os.environ/NAME</c> reference.</summary>
    public string? ApiBase { get; set; }
    /// <summary>The API version.</summary>
    public string? ApiVersion { get; set; }
    /// <summary>Extra headers sent with every call to this provider.</summary>
    public Dictionary<string, string>? Headers { get; set; }
    /// <summary>Provider-specific settings (region, project, location…).</summary>
    public Dictionary<string, string>? Settings { get; set; }

    /// <inheritdoc/>
    public override string ToString() => $"ApiBase={ApiBase ?? "(default)"}, ApiKey={(ApiKey is null ? "(env)" : SecretRedactor.Mask)}";
}
