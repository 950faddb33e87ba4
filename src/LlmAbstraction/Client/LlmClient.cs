using System.Runtime.CompilerServices;
using LlmAbstraction.Pipeline;

namespace LlmAbstraction;

/// <summary>
/// The facade over the pipeline: validates the request, applies the total timeout, runs the stages,
/// and finishes the response details. Build it with <see cref="LlmClientBuilder"/> or
/// <c>services.AddLlmClient()</c>.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class LlmClient : ILlmClient
{
    private readonly LlmHandler _pipeline;
    private readonly LlmClientOptions _options;
    private readonly TimeProvider _time;

    internal LlmClient(LlmHandler pipeline, LlmClientOptions options, TimeProvider timeProvider)
    {
        _pipeline = pipeline;
        _options = options;
        _time = timeProvider;
    }

    /// <inheritdoc/>
    public async Task<ChatCompletionResponse> CompletionAsync(ChatCompletionRequest request, CancellationToken cancellationToken = default)
    {
        RequestValidator.Validate(request);
        var context = new LlmCallContext("chat", request.Model, isStreaming: false, _time);
        using var deadline = Deadline(request.Timeout, cancellationToken);
        try
        {
            var response = await _pipeline.CompleteAsync(request, context, deadline.Token).ConfigureAwait(false);
            response.Details.Latency = context.Elapsed;
            return response;
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            throw TimedOut(request.Model, request.Timeout, ex);
        }
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<ChatCompletionChunk> StreamCompletionAsync(ChatCompletionRequest request, CancellationToken cancellationToken = default)
    {
        RequestValidator.Validate(request);
        return StreamCoreAsync(request, cancellationToken);
    }

    private async IAsyncEnumerable<ChatCompletionChunk> StreamCoreAsync(ChatCompletionRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var context = new LlmCallContext("chat", request.Model, isStreaming: true, _time);
        using var deadline = Deadline(request.Timeout, cancellationToken);
        var enumerator = _pipeline.StreamAsync(request, context, deadline.Token).GetAsyncEnumerator(deadline.Token);
        await using var _ = enumerator.ConfigureAwait(false);
        while (true)
        {
            try
            {
                deadline.Token.ThrowIfCancellationRequested();
                if (!await enumerator.MoveNextAsync().ConfigureAwait(false)) break;
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
            {
                throw TimedOut(request.Model, request.Timeout, ex);
            }
            var chunk = enumerator.Current;
            if (chunk.Details is not null) chunk.Details.Latency = context.Elapsed;
            yield return chunk;
        }
    }

    /// <inheritdoc/>
    public async Task<EmbeddingResponse> EmbeddingAsync(EmbeddingRequest request, CancellationToken cancellationToken = default)
    {
        RequestValidator.Validate(request);
        var context = new LlmCallContext("embeddings", request.Model, isStreaming: false, _time);
        using var deadline = Deadline(request.Timeout, cancellationToken);
        try
        {
            var response = await _pipeline.EmbedAsync(request, context, deadline.Token).ConfigureAwait(false);
            response.Details.Latency = context.Elapsed;
            return response;
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            throw TimedOut(request.Model, request.Timeout, ex);
        }
    }

    private CancellationTokenSource Deadline(TimeSpan? requestTimeout, CancellationToken cancellationToken)
    {
        var timeout = requestTimeout ?? _options.Timeout;
        if (timeout <= TimeSpan.Zero)
            throw new BadRequestException($"Timeout must be positive, not {timeout}.", new LlmErrorDetails { ErrorCode = "invalid_timeout" });
        var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout != System.Threading.Timeout.InfiniteTimeSpan)
            cts.CancelAfter(timeout, _time);
        return cts;
    }

    private LlmTimeoutException TimedOut(string model, TimeSpan? requestTimeout, Exception inner)
        => new($"The call to '{model}' did not finish within its timeout of {requestTimeout ?? _options.Timeout}.",
            new LlmErrorDetails { Model = model, ErrorCode = "timeout" }, inner);
}

internal static class CancellationTokenSourceExtensions
{
    /// <summary>Cancels after <paramref name="delay"/> as measured by <paramref name="time"/> (so fake clocks drive it).</summary>
    public static void CancelAfter(this CancellationTokenSource cts, TimeSpan delay, TimeProvider time)
    {
        if (ReferenceEquals(time, TimeProvider.System)) { cts.CancelAfter(delay); return; }
        var timer = time.CreateTimer(static s => { try { ((CancellationTokenSource)s!).Cancel(); } catch (ObjectDisposedException) { } }, cts, delay, System.Threading.Timeout.InfiniteTimeSpan);
        cts.Token.Register(static t => ((ITimer)t!).Dispose(), timer);
    }
}
