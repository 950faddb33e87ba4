using System.Diagnostics;
using System.Globalization;
using LlmAbstraction.Pipeline;

namespace LlmAbstraction.Telemetry;

/// <summary>The GenAI span attributes for requests (given at span start) and responses.</summary>
internal static class SpanTags
{
    public static void AddRequest(ActivityTagsCollection tags, ChatCompletionRequest r, bool stream)
    {
        if ((r.MaxTokens ?? r.MaxCompletionTokens) is { } max) tags[GenAiSemConv.RequestMaxTokens] = max;
        if (r.Temperature is { } t) tags[GenAiSemConv.RequestTemperature] = t;
        if (r.TopP is { } p) tags[GenAiSemConv.RequestTopP] = p;
        if (r.Stop is { Count: > 0 } stop) tags[GenAiSemConv.RequestStopSequences] = stop.ToArray();
        if (r.Seed is { } seed) tags[GenAiSemConv.RequestSeed] = seed;
        if (r.N is { } n && n != 1) tags[GenAiSemConv.RequestChoiceCount] = n;
        if (r.ResponseFormat is { } f) tags[GenAiSemConv.OutputType] = f.Type == "text" ? "text" : "json";
        if (stream) tags[GenAiSemConv.RequestStream] = true;
    }

    public static void AddEndpoint(ActivityTagsCollection tags, string apiBase)
    {
        if (Uri.TryCreate(apiBase, UriKind.Absolute, out var uri))
        {
            tags[GenAiSemConv.ServerAddress] = uri.Host;
            tags[GenAiSemConv.ServerPort] = uri.Port;
        }
    }

    public static void AddResponse(Activity activity, string? id, string? model, Usage? usage, IList<string>? finishReasons, ResponseDetails details, LlmCallContext context)
    {
        if (id is { Length: > 0 }) activity.SetTag(GenAiSemConv.ResponseId, id);
        if (model is { Length: > 0 }) activity.SetTag(GenAiSemConv.ResponseModel, model);
        if (finishReasons is { Count: > 0 }) activity.SetTag(GenAiSemConv.ResponseFinishReasons, finishReasons.ToArray());
        AddUsage(activity, usage);
        if (details.TimeToFirstChunk is { } ttfc && context.IsStreaming) activity.SetTag(GenAiSemConv.ResponseTimeToFirstChunk, ttfc.TotalSeconds);
        if (details.Cost is { } cost) activity.SetTag(GenAiSemConv.Cost, (double)cost);
        activity.SetTag(GenAiSemConv.CacheHit, details.CacheHit);
        if (details.Deployment is { } d) activity.SetTag(GenAiSemConv.Deployment, d);
        activity.SetTag(GenAiSemConv.Attempts, details.Attempts.Count);
        if (details.Provider is { } provider) activity.SetTag(GenAiSemConv.ProviderName, GenAiSemConv.ProviderValue(provider));
        if (context.Items.TryGetValue(GenAiSemConv.BudgetSubject, out var subject) && subject is string s) activity.SetTag(GenAiSemConv.BudgetSubject, s);
    }

    public static void AddUsage(Activity activity, Usage? usage)
    {
        if (usage is null) return;
        activity.SetTag(GenAiSemConv.UsageInputTokens, usage.PromptTokens);
        activity.SetTag(GenAiSemConv.UsageOutputTokens, usage.CompletionTokens);
        if (usage.CachedTokens > 0) activity.SetTag(GenAiSemConv.UsageCacheReadInputTokens, usage.CachedTokens);
        if (usage.CacheWriteTokens > 0) activity.SetTag(GenAiSemConv.UsageCacheCreationInputTokens, usage.CacheWriteTokens);
        if (usage.ReasoningTokens > 0) activity.SetTag(GenAiSemConv.UsageReasoningOutputTokens, usage.ReasoningTokens);
    }

    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.######", CultureInfo.InvariantCulture);
}
