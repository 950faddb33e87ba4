using System.Runtime.CompilerServices;
using LlmAbstraction.Pipeline;
using Polly;
using Polly.Retry;

namespace LlmAbstraction.Resilience;

/// <summary>
/// The one retry layer, on a Polly v8 pipeline: retries only errors that can succeed (<see cref="LlmException.IsRetryable"/>),
/// waits what the provider asked (up to <see cref="ResilienceOptions.MaxRetryAfter"/>) or an exponential backoff with
/// jitter, and stops at the request's retry count or the call's attempt bound. A stream is retried only until its
/// first chunk reaches the caller. Caller cancellation is never retried.
/// </summary>
internal sealed class RetryStage : DelegatingLlmHandler
{
    private static readonly ResiliencePropertyKey<CallState> StateKey = new("llm.call");
    private readonly TimeProvider _time;
    private ResiliencePipeline? _pipeline;
    private readonly ResilienceOptions _options;
    private readonly Func<double> _random;

    public RetryStage(LlmHandler next, ResilienceOptions options, TimeProvider time, Func<double>? random) : base(next)
    {
        _options = options;
        _time = time;
        _random = random ?? Random.Shared.NextDouble;
    }

    /// <summary>
    /// The Polly pipeline, built on first use: a call whose first attempt succeeds never needs it, so a process that
    /// never sees a failure never pays for building (and validating) it.
    /// </summary>
    private ResiliencePipeline Pipeline => _pipeline ?? Interlocked.CompareExchange(ref _pipeline, BuildPipeline(), null) ?? _pipeline;

    private ResiliencePipeline BuildPipeline()
        => new ResiliencePipelineBuilder { TimeProvider = _time }.AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = 100, // the real bounds are the request's retry count and MaxAttempts, checked in ShouldRetry
            ShouldHandle = static args => ValueTask.FromResult(ShouldRetry(args.Outcome.Exception, args.AttemptNumber, args.Context)),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(MoveOn(args.Context) ? TimeSpan.Zero
                : args.Outcome.Exception is LlmException { RetryAfter: { } wait } ? wait : Backoff(args.AttemptNumber)),
            OnRetry = static args =>
            {
                args.Context.Properties.GetValue(StateKey, null!).Call.PendingRetryDelay = args.RetryDelay;
                return default;
            },
        }).Build();

    public override Task<ChatCompletionResponse> CompleteAsync(ChatCompletionRequest request, LlmCallContext context, CancellationToken cancellationToken)
    {
        // The first attempt runs before any resilience context is rented: a call that succeeds at once never enters Polly.
        // A failed (or cancelled, or still running) first attempt is handed to the pipeline as its first outcome.
        if (cancellationToken.IsCancellationRequested) return CompleteWithRetriesAsync(null, request, context, cancellationToken);
        var first = Next.CompleteAsync(request, context, cancellationToken);
        return first.IsCompletedSuccessfully ? first : AwaitFirstAsync(first, request, context, cancellationToken);
    }

    private async Task<ChatCompletionResponse> AwaitFirstAsync(Task<ChatCompletionResponse> first, ChatCompletionRequest request, LlmCallContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await first.ConfigureAwait(false);
        }
        catch
        {
            // The pipeline observes this same failure as its first outcome and decides whether to retry.
        }
        return await CompleteWithRetriesAsync(first, request, context, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ChatCompletionResponse> CompleteWithRetriesAsync(Task<ChatCompletionResponse>? first, ChatCompletionRequest request, LlmCallContext context, CancellationToken cancellationToken)
    {
        var resilience = Rent(request, context, cancellationToken);
        try
        {
            return await Pipeline.ExecuteAsync(static (ctx, s) => s.NextAsync(ctx.CancellationToken), resilience, new Attempts(this, request, context, first)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(resilience);
        }
    }

    /// <summary>The attempts of one call: the first one already made (if any), then fresh calls to the next stage.</summary>
    private sealed class Attempts(RetryStage stage, ChatCompletionRequest request, LlmCallContext context, Task<ChatCompletionResponse>? first)
    {
        private Task<ChatCompletionResponse>? _first = first;

        public ValueTask<ChatCompletionResponse> NextAsync(CancellationToken cancellationToken)
        {
            var task = _first ?? stage.Next.CompleteAsync(request, context, cancellationToken);
            _first = null;
            return new ValueTask<ChatCompletionResponse>(task);
        }
    }

    public override async IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ChatCompletionRequest request, LlmCallContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var resilience = Rent(request, context, cancellationToken);
        IAsyncEnumerator<ChatCompletionChunk>? enumerator;
        try
        {
            // Retry until the first chunk is in hand; from then on the stream belongs to the caller.
            enumerator = await Pipeline.ExecuteAsync(static async (ctx, s) => await s.Stage.OpenAsync(s.Request, s.Context, s.Token).ConfigureAwait(false),
                resilience, (Stage: this, Request: request, Context: context, Token: cancellationToken)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(resilience);
        }
        if (enumerator is null) yield break;
        await using var _ = enumerator.ConfigureAwait(false);
        var delivered = new List<ChatCompletionChunk>();
        var hasCurrent = true;
        while (hasCurrent)
        {
            var chunk = enumerator.Current;
            delivered.Add(chunk);
            context.ChunksDelivered = true;
            yield return chunk;
            try
            {
                hasCurrent = await enumerator.MoveNextAsync().ConfigureAwait(false);
            }
            catch (LlmException ex)
            {
                ex.PartialResponse = ChunkAggregator.Build(delivered);
                throw;
            }
        }
    }

    /// <summary>Starts the stream and waits for its first chunk; null when the stream is empty.</summary>
    private async Task<IAsyncEnumerator<ChatCompletionChunk>?> OpenAsync(ChatCompletionRequest request, LlmCallContext context, CancellationToken cancellationToken)
    {
        var enumerator = Next.StreamAsync(request, context, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            if (await enumerator.MoveNextAsync().ConfigureAwait(false)) return enumerator;
            await enumerator.DisposeAsync().ConfigureAwait(false);
            return null;
        }
        catch
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Exponential backoff with "equal jitter": half the exponential delay, plus a random part of the other half.</summary>
    internal TimeSpan Backoff(int attemptNumber)
    {
        var exponential = _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attemptNumber, 30));
        var capped = Math.Min(exponential, _options.RetryMaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped / 2 + capped / 2 * _random());
    }

    private ResilienceContext Rent(ChatCompletionRequest request, LlmCallContext context, CancellationToken cancellationToken)
    {
        var resilience = ResilienceContextPool.Shared.Get(cancellationToken);
        resilience.Properties.Set(StateKey, new CallState(context, request.NumRetries ?? _options.NumRetries, _options));
        return resilience;
    }

    private static bool ShouldRetry(Exception? error, int attemptNumber, ResilienceContext resilience)
    {
        if (error is not LlmException { IsRetryable: true } llm || resilience.CancellationToken.IsCancellationRequested) return false;
        var state = resilience.Properties.GetValue(StateKey, null!);
        if (attemptNumber >= state.NumRetries || state.Call.Details.Attempts.Count >= state.Options.MaxAttempts) return false;
        return state.Call.RetryImmediately || llm.RetryAfter is not { } wait || wait <= state.Options.MaxRetryAfter;
    }

    /// <summary>The router found another healthy deployment for the retry: go at once (and clear the flag).</summary>
    private static bool MoveOn(ResilienceContext resilience)
    {
        var call = resilience.Properties.GetValue(StateKey, null!).Call;
        if (!call.RetryImmediately) return false;
        call.RetryImmediately = false;
        return true;
    }

    private sealed record CallState(LlmCallContext Call, int NumRetries, ResilienceOptions Options);
}
