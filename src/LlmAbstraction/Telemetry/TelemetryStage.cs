using System.Diagnostics;
using System.Runtime.CompilerServices;
using LlmAbstraction.Callbacks;
using LlmAbstraction.Pipeline;
using LlmAbstraction.Providers;
using Microsoft.Extensions.Logging;

namespace LlmAbstraction.Telemetry;

/// <summary>
/// The outermost built-in stage: one span per logical call, the GenAI metrics, the call log, and the callback event —
/// each exactly once per call, and each only when something listens (no span without a listener, no measurement
/// for a disabled instrument, no event without a callback).
/// </summary>
internal sealed class TelemetryStage(LlmHandler next, ModelResolver resolver, LlmTelemetryOptions options, CallbackDispatcher? callbacks, ILogger logger)
    : DelegatingLlmHandler(next)
{
    public override Task<ChatCompletionResponse> CompleteAsync(ChatCompletionRequest request, LlmCallContext context, CancellationToken cancellationToken)
        => Observed() ? CompleteObservedAsync(request, context, cancellationToken) : Next.CompleteAsync(request, context, cancellationToken);

    public override IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ChatCompletionRequest request, LlmCallContext context, CancellationToken cancellationToken)
        => Observed() ? StreamObservedAsync(request, context, cancellationToken) : Next.StreamAsync(request, context, cancellationToken);

    public override Task<EmbeddingResponse> EmbedAsync(EmbeddingRequest request, LlmCallContext context, CancellationToken cancellationToken)
        => Observed() ? EmbedObservedAsync(request, context, cancellationToken) : Next.EmbedAsync(request, context, cancellationToken);

    /// <summary>
    /// Whether anything would see this call: a span listener, an enabled instrument, an enabled log level, or a callback.
    /// When nothing does, the call passes straight through (no state machine, no clock reads): the same cost as no stage.
    /// </summary>
    private bool Observed()
        => callbacks is not null || LlmTelemetry.ActivitySource.HasListeners() || CallMetrics.AnyEnabled
           || logger.IsEnabled(LogLevel.Warning) || logger.IsEnabled(LogLevel.Debug);

    private async Task<ChatCompletionResponse> CompleteObservedAsync(ChatCompletionRequest request, LlmCallContext context, CancellationToken cancellationToken)
    {
        using var activity = StartCall(request, context);
        try
        {
            var response = await Next.CompleteAsync(request, context, cancellationToken).ConfigureAwait(false);
            Finish(activity, request, context, response.Details, response.Id, response.Model, response.Usage, activity is null ? null : FinishReasons(response), null);
            if (activity is not null && options.CaptureMessageContent) activity.SetTag(GenAiSemConv.OutputMessages, MessageContentJson.Output(response));
            return response;
        }
        catch (Exception ex)
        {
            Finish(activity, request, context, context.Details, null, null, null, null, ex);
            throw;
        }
    }

    private async IAsyncEnumerable<ChatCompletionChunk> StreamObservedAsync(ChatCompletionRequest request, LlmCallContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var activity = StartCall(request, context);
        var enumerator = Next.StreamAsync(request, context, cancellationToken).GetAsyncEnumerator(cancellationToken);
        string? id = null, model = null;
        Usage? usage = null;
        List<string>? finish = null;
        var reported = false;
        try
        {
            while (true)
            {
                ChatCompletionChunk chunk;
                try
                {
                    if (activity is not null) Activity.Current = activity; // async iterators lose Activity.Current across yields
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false)) break;
                    chunk = enumerator.Current;
                }
                catch (Exception ex)
                {
                    reported = true;
                    Finish(activity, request, context, context.Details, id, model, usage, finish, ex);
                    throw;
                }
                id ??= chunk.Id;
                model ??= chunk.Model;
                usage = chunk.Usage ?? usage;
                var choices = chunk.Choices;
                for (var i = 0; i < choices.Count; i++)
                    if (choices[i].FinishReason is { } reason) (finish ??= []).Add(reason);
                yield return chunk;
            }
            reported = true;
            Finish(activity, request, context, context.Details, id, model, usage, finish, null);
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
            if (!reported) Finish(activity, request, context, context.Details, id, model, usage, finish, new OperationCanceledException("The caller stopped reading the stream."));
        }
    }

    private async Task<EmbeddingResponse> EmbedObservedAsync(EmbeddingRequest request, LlmCallContext context, CancellationToken cancellationToken)
    {
        using var activity = StartCall(request.Model, context, null);
        try
        {
            var response = await Next.EmbedAsync(request, context, cancellationToken).ConfigureAwait(false);
            Finish(activity, null, context, response.Details, null, response.Model, response.Usage, null, null);
            return response;
        }
        catch (Exception ex)
        {
            Finish(activity, null, context, context.Details, null, null, null, null, ex);
            throw;
        }
    }

    private Activity? StartCall(ChatCompletionRequest request, LlmCallContext context)
    {
        var activity = StartCall(request.Model, context, request);
        if (activity is not null && options.CaptureMessageContent) activity.SetTag(GenAiSemConv.InputMessages, MessageContentJson.Input(request.Messages));
        return activity;
    }

    private Activity? StartCall(string model, LlmCallContext context, ChatCompletionRequest? request)
    {
        var source = LlmTelemetry.ActivitySource;
        if (!source.HasListeners()) return null;
        var provider = resolver.TryResolve(model)?.Descriptor.Name;
        var tags = new ActivityTagsCollection
        {
            [GenAiSemConv.OperationName] = context.Operation,
            [GenAiSemConv.ProviderName] = GenAiSemConv.ProviderValue(provider),
            [GenAiSemConv.RequestModel] = model,
        };
        if (request is not null) SpanTags.AddRequest(tags, request, context.IsStreaming);
        return source.StartActivity($"{context.Operation} {model}", ActivityKind.Client, parentContext: default, tags);
    }

    private void Finish(Activity? activity, ChatCompletionRequest? request, LlmCallContext context, ResponseDetails details, string? id, string? model, Usage? usage, IList<string>? finishReasons, Exception? error)
    {
        var elapsed = context.Elapsed;
        var llmError = error as LlmException;
        var errorType = error is null ? null : llmError is not null ? GenAiSemConv.ErrorTypeValue(llmError.Kind) : error is OperationCanceledException ? "cancelled" : error.GetType().FullName;
        if (activity is not null)
        {
            SpanTags.AddResponse(activity, id, model ?? details.Model, usage, finishReasons, details, context);
            if (errorType is not null)
            {
                activity.SetTag(GenAiSemConv.ErrorType, errorType);
                activity.SetStatus(ActivityStatusCode.Error, llmError?.Message ?? error!.Message);
            }
        }
        CallMetrics.Record(context, details, model, usage, errorType, elapsed);
        if (error is null) Log.CallCompleted(logger, context.RequestedModel, details.Provider, elapsed.TotalMilliseconds, details.Attempts.Count);
        else if (error is not OperationCanceledException) Log.CallFailed(logger, context.RequestedModel, details.Attempts.Count, errorType!, llmError?.Message ?? error.GetType().Name);
        callbacks?.Enqueue(CallEvents.Create(request, context, details, model, usage, elapsed, error));
    }

    private static List<string>? FinishReasons(ChatCompletionResponse response)
    {
        List<string>? reasons = null;
        foreach (var c in response.Choices)
            if (c.FinishReason is not null) (reasons ??= []).Add(c.FinishReason);
        return reasons;
    }
}
