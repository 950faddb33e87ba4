using System.Runtime.CompilerServices;
using LlmAbstraction.Pipeline;

namespace LlmAbstraction;

/// <summary>
/// The facade over the pipeline: validates the request, applies the total timeout, runs the stages,
/// and finishes the response details. Build it with <see cref="LlmClientBuilder"/> or
/// <c>services.AddLlmClient()</c>.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class LlmClient : ILlmClient, IAsyncDisposable, IDisposable
{
    private readonly LlmHandler _pipeline;
    private readonly LlmClientOptions _options;
    private readonly TimeProvider _time;
    private readonly Callbacks.CallbackDispatcher? _callbacks;

    internal LlmClient(LlmHandler pipeline, LlmClientOptions options, TimeProvider timeProvider, Callbacks.CallbackDispatcher? callbacks)
    {
        _pipeline = pipeline;
        _options = options;
        _time = timeProvider;
        _callbacks = callbacks;
    }

    /// <summary>Delivers the callback events still queued, then stops the callback loop.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_callbacks is not null) await _callbacks.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Stops accepting callback events; those already queued are still delivered in the background, but this method does
    /// not wait for them (it never blocks on async work). Use <see cref="DisposeAsync"/> to wait for the flush.
    /// </summary>
    public void Dispose() => _callbacks?.Complete();

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
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && deadline.Expired)
        {
            throw Finish(TimedOut(request.Model, request.Timeout, ex), context);
        }
        catch (LlmException ex)
        {
            throw Finish(ex, context);
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
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && deadline.Expired)
            {
                throw Finish(TimedOut(request.Model, request.Timeout, ex), context);
            }
            catch (LlmException ex)
            {
                throw Finish(ex, context);
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
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && deadline.Expired)
        {
            throw TimedOut(request.Model, request.Timeout, ex);
        }
    }

    /// <summary>Attaches every attempt and the earlier errors to the error the caller receives.</summary>
    private static LlmException Finish(LlmException error, LlmCallContext context)
    {
        if (error.Attempts.Count == 0)
            foreach (var a in context.Details.Attempts) error.Attempts.Add(a);
        if (error.PreviousErrors.Count == 0)
            foreach (var e in context.Errors)
                if (!ReferenceEquals(e, error)) error.PreviousErrors.Add(e);
        return error;
    }

    private Deadline Deadline(TimeSpan? requestTimeout, CancellationToken cancellationToken)
    {
        var timeout = requestTimeout ?? _options.Timeout;
        if (timeout <= TimeSpan.Zero && timeout != System.Threading.Timeout.InfiniteTimeSpan)
            throw new BadRequestException($"Timeout must be positive, not {timeout}.", new LlmErrorDetails { ErrorCode = "invalid_timeout" });
        return new Deadline(cancellationToken, timeout, _time);
    }

    private LlmTimeoutException TimedOut(string model, TimeSpan? requestTimeout, Exception inner)
        => new($"The call to '{model}' did not finish within its timeout of {requestTimeout ?? _options.Timeout}.",
            new LlmErrorDetails { Model = model, ErrorCode = "timeout" }, inner);
}
