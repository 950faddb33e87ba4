using Microsoft.Extensions.Logging;

namespace LlmAbstraction.Telemetry;

/// <summary>The library's log messages ([LoggerMessage] source-generated). Messages never contain keys.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "gen_ai.client.operation.exception", Level = LogLevel.Warning,
        Message = "LLM call to {Model} failed after {Attempts} attempt(s) with {ErrorType}: {ErrorMessage}")]
    public static partial void CallFailed(ILogger logger, string model, int attempts, string errorType, string? errorMessage);

    [LoggerMessage(EventId = 2, EventName = "llm.attempt.failed", Level = LogLevel.Information,
        Message = "Attempt {Attempt} on {Provider}/{Model} failed with {ErrorType}")]
    public static partial void AttemptFailed(ILogger logger, int attempt, string provider, string model, string errorType);

    [LoggerMessage(EventId = 3, EventName = "llm.callback.failed", Level = LogLevel.Error,
        Message = "Callback {Callback} failed for call {CallId}; the call itself was not affected")]
    public static partial void CallbackFailed(ILogger logger, string callback, string callId, Exception exception);

    [LoggerMessage(EventId = 4, EventName = "llm.callback.dropped", Level = LogLevel.Warning,
        Message = "Callback queue full: the event of call {CallId} was dropped")]
    public static partial void CallbackQueueFull(ILogger logger, string callId);

    [LoggerMessage(EventId = 5, EventName = "llm.call.completed", Level = LogLevel.Debug,
        Message = "LLM call to {Model} answered by {Provider} in {LatencyMs} ms ({Attempts} attempt(s))")]
    public static partial void CallCompleted(ILogger logger, string model, string? provider, double latencyMs, int attempts);
}
