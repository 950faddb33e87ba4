using System.Runtime.CompilerServices;
using LlmAbstraction.Pipeline;

namespace LlmAbstraction.Resilience;

/// <summary>
/// Moves a failed call to its fallback models: the request's own list, else the configured list for the model,
/// else the default list, on the error kinds in <see cref="ResilienceOptions.FallbackOn"/>; context-window and
/// content-policy errors use their own lists only. A stream falls back only before its first chunk was delivered.
/// The final error is the last attempt's, with the earlier ones attached.
/// </summary>
internal sealed class FallbackStage(LlmHandler next, ResilienceOptions options) : DelegatingLlmHandler(next)
{
    public override Task<ChatCompletionResponse> CompleteAsync(ChatCompletionRequest request, LlmCallContext context, CancellationToken cancellationToken)
    {
        var first = Next.CompleteAsync(request, context, cancellationToken);
        return first.IsCompletedSuccessfully ? first : CompleteWithFallbacksAsync(first, request, context, cancellationToken);
    }

    private async Task<ChatCompletionResponse> CompleteWithFallbacksAsync(Task<ChatCompletionResponse> first, ChatCompletionRequest request, LlmCallContext context, CancellationToken cancellationToken)
    {
        var current = request;
        Task<ChatCompletionResponse>? pending = first;
        var tried = 0;
        while (true)
        {
            try
            {
                return await (pending ?? Next.CompleteAsync(current, context, cancellationToken)).ConfigureAwait(false);
            }
            catch (LlmException ex) when (!cancellationToken.IsCancellationRequested && NextTarget(request, ex, context, ref tried) is { } target)
            {
                pending = null;
                current = Retarget(request, target, context, ex);
            }
        }
    }

    public override async IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ChatCompletionRequest request, LlmCallContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var current = request;
        var tried = 0;
        while (true)
        {
            var enumerator = Next.StreamAsync(current, context, cancellationToken).GetAsyncEnumerator(cancellationToken);
            FallbackTarget? target = null;
            try
            {
                while (true)
                {
                    bool more;
                    try
                    {
                        more = await enumerator.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (LlmException ex) when (!context.ChunksDelivered && !cancellationToken.IsCancellationRequested && NextTarget(request, ex, context, ref tried) is { } next)
                    {
                        target = next;
                        current = Retarget(request, next, context, ex);
                        break;
                    }
                    if (!more) yield break;
                    yield return enumerator.Current;
                }
            }
            finally
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }
            if (target is null) yield break;
        }
    }

    private FallbackTarget? NextTarget(ChatCompletionRequest request, LlmException error, LlmCallContext context, ref int tried)
    {
        if (tried >= options.MaxFallbacks || context.Details.Attempts.Count >= options.MaxAttempts) return null;
        var list = Candidates(request, error);
        if (list is null || tried >= list.Count) return null;
        return list[tried++];
    }

    private IList<FallbackTarget>? Candidates(ChatCompletionRequest request, LlmException error)
    {
        var model = request.Model;
        return error.Kind switch
        {
            LlmErrorKind.ContextWindowExceeded => Configured(options.ContextWindowFallbacks, model),
            LlmErrorKind.ContentPolicyViolation => Configured(options.ContentPolicyFallbacks, model),
            var kind when options.FallbackOn.Contains(kind) => (request.Fallbacks is { Count: > 0 } own ? own : null)
                ?? Configured(options.Fallbacks, model)
                ?? (options.DefaultFallbacks.Count > 0 ? options.DefaultFallbacks.Select(m => (FallbackTarget)m).ToList() : null),
            _ => null,
        };
    }

    private static List<FallbackTarget>? Configured(Dictionary<string, List<string>> map, string model)
        => map.TryGetValue(model, out var list) && list.Count > 0 ? list.Select(m => (FallbackTarget)m).ToList() : null;

    private static ChatCompletionRequest Retarget(ChatCompletionRequest original, FallbackTarget target, LlmCallContext context, LlmException cause)
    {
        var next = original.Clone();
        next.Model = target.Model;
        next.ApiBase = target.ApiBase; // a fallback may be another provider: the original's endpoint and key do not carry over
        next.ApiKey = target.ApiKey;
        next.ApiVersion = target.ApiVersion;
        next.Fallbacks = null;
        context.FallbackReason = cause.Kind.ToString();
        return next;
    }
}
