using System.Runtime.CompilerServices;
using LlmAbstraction.Pipeline;

namespace LlmAbstraction.Routing;

/// <summary>
/// The pipeline stage between the retry layer and the provider: a request for a model group is sent to one of its
/// deployments (a clone of the request with the deployment's model, key, endpoint and version); every retry asks
/// again. Any other model string passes through untouched (a group of one).
/// </summary>
internal sealed class RouterStage(LlmHandler next, Router router) : DelegatingLlmHandler(next)
{
    public override async Task<ChatCompletionResponse> CompleteAsync(ChatCompletionRequest request, LlmCallContext context, CancellationToken cancellationToken)
    {
        context.RetryImmediately = false;
        if (!router.TryGetGroup(request.Model, out var group))
        {
            context.Deployment = null;
            return await Next.CompleteAsync(request, context, cancellationToken).ConfigureAwait(false);
        }
        var lease = await router.AcquireAsync(group, PromptTokenEstimator.Estimate(request), context, cancellationToken).ConfigureAwait(false);
        try
        {
            using var deadline = new Deadline(cancellationToken, lease.Deployment.Timeout, router.Time);
            ChatCompletionResponse response;
            try
            {
                response = await Next.CompleteAsync(Retarget(request, lease.Deployment), context, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (deadline.Expired && !cancellationToken.IsCancellationRequested)
            {
                throw DeploymentTimedOut(lease.Deployment, ex);
            }
            await router.OnSuccessAsync(lease, router.Time.GetElapsedTime(lease.StartTimestamp), false, response.Usage, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch (LlmException ex) when (!cancellationToken.IsCancellationRequested)
        {
            await router.OnFailureAsync(lease, ex, context, cancellationToken).ConfigureAwait(false);
            throw;
        }
        finally
        {
            await router.ReleaseAsync(lease).ConfigureAwait(false);
        }
    }

    public override async IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ChatCompletionRequest request, LlmCallContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        context.RetryImmediately = false;
        if (!router.TryGetGroup(request.Model, out var group))
        {
            context.Deployment = null;
            await foreach (var chunk in Next.StreamAsync(request, context, cancellationToken).ConfigureAwait(false)) yield return chunk;
            yield break;
        }
        var lease = await router.AcquireAsync(group, PromptTokenEstimator.Estimate(request), context, cancellationToken).ConfigureAwait(false);
        try
        {
            var enumerator = Next.StreamAsync(Retarget(request, lease.Deployment), context, cancellationToken).GetAsyncEnumerator(cancellationToken);
            await using var _ = enumerator.ConfigureAwait(false);
            var first = true;
            Usage? usage = null;
            while (true)
            {
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false)) break;
                }
                catch (LlmException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    await router.OnFailureAsync(lease, ex, context, cancellationToken).ConfigureAwait(false);
                    throw;
                }
                var chunk = enumerator.Current;
                usage = chunk.Usage ?? usage;
                if (first)
                {
                    first = false;
                    await router.OnSuccessAsync(lease, router.Time.GetElapsedTime(lease.StartTimestamp), true, null, cancellationToken).ConfigureAwait(false);
                }
                yield return chunk;
            }
            await router.OnSuccessAsync(lease, router.Time.GetElapsedTime(lease.StartTimestamp), false, usage, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await router.ReleaseAsync(lease).ConfigureAwait(false);
        }
    }

    public override async Task<EmbeddingResponse> EmbedAsync(EmbeddingRequest request, LlmCallContext context, CancellationToken cancellationToken)
    {
        context.RetryImmediately = false;
        if (!router.TryGetGroup(request.Model, out var group))
        {
            context.Deployment = null;
            return await Next.EmbedAsync(request, context, cancellationToken).ConfigureAwait(false);
        }
        var lease = await router.AcquireAsync(group, PromptTokenEstimator.Estimate(request), context, cancellationToken).ConfigureAwait(false);
        try
        {
            var d = lease.Deployment;
            var routed = request.Clone();
            routed.Model = d.Model;
            routed.ApiKey = d.ApiKey ?? request.ApiKey;
            routed.ApiBase = d.ApiBase ?? request.ApiBase;
            routed.ApiVersion = d.ApiVersion ?? request.ApiVersion;
            var response = await Next.EmbedAsync(routed, context, cancellationToken).ConfigureAwait(false);
            await router.OnSuccessAsync(lease, router.Time.GetElapsedTime(lease.StartTimestamp), false, response.Usage, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch (LlmException ex) when (!cancellationToken.IsCancellationRequested)
        {
            await router.OnFailureAsync(lease, ex, context, cancellationToken).ConfigureAwait(false);
            throw;
        }
        finally
        {
            await router.ReleaseAsync(lease).ConfigureAwait(false);
        }
    }

    /// <summary>A clone of the caller's request aimed at the deployment; the caller's request is never changed.</summary>
    private static ChatCompletionRequest Retarget(ChatCompletionRequest request, Deployment d)
    {
        var routed = request.Clone();
        routed.Model = d.Model;
        routed.ApiKey = d.ApiKey ?? request.ApiKey;
        routed.ApiBase = d.ApiBase ?? request.ApiBase;
        routed.ApiVersion = d.ApiVersion ?? request.ApiVersion;
        if (d.ExtraHeaders is { Count: > 0 } headers)
        {
            var merged = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (request.ExtraHeaders is not null) foreach (var kv in request.ExtraHeaders) merged[kv.Key] = kv.Value;
            foreach (var kv in headers) merged[kv.Key] = kv.Value;
            routed.ExtraHeaders = merged;
        }
        return routed;
    }

    private static LlmTimeoutException DeploymentTimedOut(Deployment d, Exception inner)
        => new($"Deployment '{d.Id}' of model group '{d.ModelGroup}' did not answer within its timeout of {d.Timeout}.",
            new LlmErrorDetails { Model = d.Model, ErrorCode = "deployment_timeout" }, inner);
}
