using System.Diagnostics;
using LlmAbstraction.Pipeline;
using LlmAbstraction.Providers;

namespace LlmAbstraction.Telemetry;

/// <summary>The child span of one attempt (one provider call): its provider, endpoint, deployment and outcome.</summary>
internal static class AttemptSpan
{
    public static Activity? Start(LlmCallContext context, string provider, string providerModel, ProviderEndpoint endpoint, ChatCompletionRequest? request)
    {
        var source = LlmTelemetry.ActivitySource;
        if (!source.HasListeners()) return null;
        var tags = new ActivityTagsCollection
        {
            [GenAiSemConv.OperationName] = context.Operation,
            [GenAiSemConv.ProviderName] = GenAiSemConv.ProviderValue(provider),
            [GenAiSemConv.RequestModel] = providerModel,
            [GenAiSemConv.Attempt] = context.Details.Attempts.Count + 1,
        };
        SpanTags.AddEndpoint(tags, endpoint.ApiBase);
        if (request is not null) SpanTags.AddRequest(tags, request, context.IsStreaming);
        if (context.Deployment is { } d) tags[GenAiSemConv.Deployment] = d;
        if (context.FallbackReason is { } reason) tags[GenAiSemConv.FallbackReason] = reason;
        return source.StartActivity($"{context.Operation} {providerModel}", ActivityKind.Client, parentContext: default, tags);
    }

    public static void Succeeded(Activity? activity, string? id, string? model, Usage? usage)
    {
        if (activity is null) return;
        if (id is { Length: > 0 }) activity.SetTag(GenAiSemConv.ResponseId, id);
        if (model is { Length: > 0 }) activity.SetTag(GenAiSemConv.ResponseModel, model);
        SpanTags.AddUsage(activity, usage);
        activity.Stop();
    }

    public static void Failed(Activity? activity, LlmException error)
    {
        if (activity is null) return;
        activity.SetTag(GenAiSemConv.ErrorType, GenAiSemConv.ErrorTypeValue(error.Kind));
        activity.SetStatus(ActivityStatusCode.Error, error.Message);
        activity.Stop();
    }
}
