using System.Diagnostics;
using LlmAbstraction.Pipeline;

namespace LlmAbstraction.Telemetry;

/// <summary>Records one logical call's metrics; every instrument is checked for a listener first.</summary>
internal static class CallMetrics
{
    /// <summary>Whether any instrument this class records has a listener.</summary>
    public static bool AnyEnabled
        => LlmTelemetry.Requests.Enabled || LlmTelemetry.OperationDuration.Enabled || LlmTelemetry.Failures.Enabled || LlmTelemetry.TokenUsage.Enabled
           || LlmTelemetry.TimeToFirstChunk.Enabled || LlmTelemetry.Cost.Enabled || LlmTelemetry.CacheHits.Enabled || LlmTelemetry.Retries.Enabled
           || LlmTelemetry.Fallbacks.Enabled || LlmTelemetry.Overhead.Enabled;

    public static void Record(LlmCallContext context, ResponseDetails details, string? responseModel, Usage? usage, string? errorType, TimeSpan elapsed)
    {
        var provider = GenAiSemConv.ProviderValue(details.Provider ?? (details.Attempts.Count > 0 ? details.Attempts[^1].Provider : null));
        var tags = new TagList
        {
            { GenAiSemConv.OperationName, context.Operation },
            { GenAiSemConv.ProviderName, provider },
            { GenAiSemConv.RequestModel, context.RequestedModel },
        };
        if (responseModel is not null) tags.Add(GenAiSemConv.ResponseModel, responseModel);

        if (LlmTelemetry.Requests.Enabled) LlmTelemetry.Requests.Add(1, tags);
        if (LlmTelemetry.OperationDuration.Enabled)
        {
            var durationTags = tags;
            if (errorType is not null) durationTags.Add(GenAiSemConv.ErrorType, errorType);
            LlmTelemetry.OperationDuration.Record(elapsed.TotalSeconds, durationTags);
        }
        if (errorType is not null && LlmTelemetry.Failures.Enabled)
        {
            var failureTags = tags;
            failureTags.Add(GenAiSemConv.ErrorType, errorType);
            LlmTelemetry.Failures.Add(1, failureTags);
        }
        if (usage is not null && LlmTelemetry.TokenUsage.Enabled)
        {
            var input = tags;
            input.Add(GenAiSemConv.TokenType, "input");
            LlmTelemetry.TokenUsage.Record(usage.PromptTokens, input);
            var output = tags;
            output.Add(GenAiSemConv.TokenType, "output");
            LlmTelemetry.TokenUsage.Record(usage.CompletionTokens, output);
        }
        if (context.IsStreaming && details.TimeToFirstChunk is { } ttfc && LlmTelemetry.TimeToFirstChunk.Enabled)
            LlmTelemetry.TimeToFirstChunk.Record(ttfc.TotalSeconds, tags);
        if (details.Cost is { } cost && cost > 0 && LlmTelemetry.Cost.Enabled) LlmTelemetry.Cost.Add((double)cost, tags);
        if (details.CacheHit) { if (LlmTelemetry.CacheHits.Enabled) LlmTelemetry.CacheHits.Add(1, tags); }
        RecordAttempts(details, tags, elapsed);
    }

    private static void RecordAttempts(ResponseDetails details, in TagList tags, TimeSpan elapsed)
    {
        if (!LlmTelemetry.Retries.Enabled && !LlmTelemetry.Fallbacks.Enabled && !LlmTelemetry.Overhead.Enabled) return;
        long retries = 0, fallbacks = 0;
        var inAttempts = TimeSpan.Zero;
        string? previous = null;
        foreach (var a in details.Attempts)
        {
            if (a.FallbackReason is not null && a.Model != previous) fallbacks++;
            else if (previous is not null) retries++;
            previous = a.Model;
            inAttempts += a.Latency + (a.DelayBefore ?? TimeSpan.Zero);
        }
        if (retries > 0 && LlmTelemetry.Retries.Enabled) LlmTelemetry.Retries.Add(retries, tags);
        if (fallbacks > 0 && LlmTelemetry.Fallbacks.Enabled) LlmTelemetry.Fallbacks.Add(fallbacks, tags);
        if (details.Attempts.Count > 0 && LlmTelemetry.Overhead.Enabled)
            LlmTelemetry.Overhead.Record(Math.Max(0, (elapsed - inAttempts).TotalSeconds), tags);
    }
}
