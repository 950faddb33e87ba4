using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace LlmAbstraction.Telemetry;

/// <summary>
/// The library's <see cref="System.Diagnostics.ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/>, both
/// named <see cref="SourceName"/>. Nothing is created or recorded unless something listens.
/// </summary>
public static class LlmTelemetry
{
    /// <summary>The name of the activity source and of the meter: add it to your tracer and meter providers.</summary>
    public const string SourceName = "LlmAbstraction";

    private static readonly string? LibraryVersion = typeof(LlmTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    /// <summary>The activity source: one span per logical call, one child span per attempt.</summary>
    public static ActivitySource ActivitySource { get; } = new(SourceName, LibraryVersion);

    /// <summary>The meter.</summary>
    public static Meter Meter { get; } = new(SourceName, LibraryVersion);

    internal static readonly Histogram<int> TokenUsage = Meter.CreateHistogram(GenAiSemConv.TokenUsageMetric, "{token}", "Tokens used per call, by gen_ai.token.type.",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = GenAiSemConv.TokenBuckets.Select(b => (int)Math.Min(b, int.MaxValue)).ToArray() });

    internal static readonly Histogram<double> OperationDuration = Meter.CreateHistogram(GenAiSemConv.OperationDurationMetric, "s", "Duration of a logical call, retries and fallbacks included.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = GenAiSemConv.DurationBuckets });

    internal static readonly Histogram<double> TimeToFirstChunk = Meter.CreateHistogram(GenAiSemConv.TimeToFirstChunkMetric, "s", "Time from the call's start to its first streamed chunk.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = GenAiSemConv.DurationBuckets });

    internal static readonly Counter<long> Requests = Meter.CreateCounter<long>("llmabstraction.requests", "{request}", "Logical calls.");
    internal static readonly Counter<long> Failures = Meter.CreateCounter<long>("llmabstraction.failures", "{request}", "Logical calls that failed, by error.type.");
    internal static readonly Counter<double> Cost = Meter.CreateCounter<double>("llmabstraction.cost", "USD", "Cost of successful calls.");
    internal static readonly Counter<long> CacheHits = Meter.CreateCounter<long>("llmabstraction.cache.hits", "{request}", "Calls answered from the cache.");
    internal static readonly Counter<long> CacheMisses = Meter.CreateCounter<long>("llmabstraction.cache.misses", "{request}", "Calls the cache could not answer.");
    internal static readonly Counter<long> CacheErrors = Meter.CreateCounter<long>("llmabstraction.cache.errors", "{error}", "Cache reads and writes that failed (the call went on without the cache), by operation and error.type.");
    internal static readonly Counter<long> Retries = Meter.CreateCounter<long>("llmabstraction.retries", "{attempt}", "Attempts that were retries of the same model.");
    internal static readonly Counter<long> Fallbacks = Meter.CreateCounter<long>("llmabstraction.fallbacks", "{attempt}", "Attempts on a fallback model.");
    internal static readonly Counter<long> Cooldowns = Meter.CreateCounter<long>("llmabstraction.cooldowns", "{deployment}", "Deployments put into cooldown.");
    internal static readonly Gauge<long> RemainingRequests = Meter.CreateGauge<long>("llmabstraction.deployment.remaining_requests", "{request}", "Requests left in the current minute for a deployment with an rpm limit, as of its last pick.");
    internal static readonly Gauge<long> RemainingTokens = Meter.CreateGauge<long>("llmabstraction.deployment.remaining_tokens", "{token}", "Tokens left in the current minute for a deployment with a tpm limit, as of its last pick.");
    internal static readonly Histogram<double> Overhead = Meter.CreateHistogram("llmabstraction.overhead", "s", "Time of a call not spent in provider attempts.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.00001, 0.00005, 0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1] });
}
