using LlmAbstraction.Callbacks;
using LlmAbstraction.Pipeline;

namespace LlmAbstraction.Telemetry;

/// <summary>Builds the callback payload of a finished call.</summary>
internal static class CallEvents
{
    public static LlmCallEvent Create(ChatCompletionRequest? request, LlmCallContext context, ResponseDetails details, string? model, Usage? usage, TimeSpan elapsed, Exception? error)
    {
        var llmError = error as LlmException;
        return new LlmCallEvent
        {
            CallId = context.CallId,
            Operation = context.Operation,
            Status = error is null ? LlmCallStatus.Success : error is OperationCanceledException ? LlmCallStatus.Cancelled : LlmCallStatus.Failure,
            IsStreaming = context.IsStreaming,
            RequestedModel = context.RequestedModel,
            Model = model ?? details.Model,
            Provider = details.Provider ?? (details.Attempts.Count > 0 ? details.Attempts[^1].Provider : null),
            Deployment = details.Deployment,
            User = request?.User,
            Metadata = request?.Metadata is { } m ? new Dictionary<string, string>(m) : null,
            PromptTokens = usage?.PromptTokens ?? 0,
            CompletionTokens = usage?.CompletionTokens ?? 0,
            CachedTokens = usage?.CachedTokens ?? 0,
            CacheWriteTokens = usage?.CacheWriteTokens ?? 0,
            ReasoningTokens = usage?.ReasoningTokens ?? 0,
            Cost = details.Cost,
            StartTime = context.StartTime,
            Latency = elapsed,
            TimeToFirstChunk = details.TimeToFirstChunk,
            CacheHit = details.CacheHit,
            Attempts = details.Attempts.ToArray(),
            ErrorKind = llmError?.Kind ?? (error is null || error is OperationCanceledException ? null : LlmErrorKind.Unknown),
            ErrorMessage = llmError?.Message ?? error?.Message,
        };
    }
}
