namespace LlmAbstraction;

/// <summary>Tracing, metrics and callback settings.</summary>
public sealed class LlmTelemetryOptions
{
    /// <summary>
    /// Record message content (<c>gen_ai.input.messages</c>, <c>gen_ai.output.messages</c>) on spans. Off by default;
    /// the environment variable <c>OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true</c> turns it on.
    /// </summary>
    /// <value>Default: false (unless the environment variable says true).</value>
    public bool CaptureMessageContent { get; set; } = string.Equals(Environment.GetEnvironmentVariable("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The callback queue's capacity; events beyond it are dropped (and logged) rather than blocking calls.</summary>
    /// <value>Default: 10,000.</value>
    public int CallbackQueueCapacity { get; set; } = 10_000;
}
