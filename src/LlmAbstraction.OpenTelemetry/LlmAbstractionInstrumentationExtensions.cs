using LlmAbstraction.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace OpenTelemetry;

/// <summary>Registers LlmAbstraction's activity source and meter with OpenTelemetry.</summary>
public static class LlmAbstractionInstrumentationExtensions
{
    /// <summary>Collects the library's spans (one per logical call, one per attempt).</summary>
    public static TracerProviderBuilder AddLlmAbstractionInstrumentation(this TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSource(LlmTelemetry.SourceName);
    }

    /// <summary>Collects the library's metrics (GenAI token usage and durations, plus requests, failures, cost, cache, retries, fallbacks, overhead).</summary>
    public static MeterProviderBuilder AddLlmAbstractionInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter(LlmTelemetry.SourceName);
    }
}
