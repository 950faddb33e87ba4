namespace LlmAbstraction.Pipeline;

/// <summary>
/// One stage of the call pipeline (budget → cache → router/fallback → retry → provider). Stages are
/// small, single-purpose, and wrap the next stage; the first added is outermost.
/// </summary>
/// <remarks>Stages are shared by all calls of a client and must be thread-safe; per-call state lives in <see cref="LlmCallContext"/>.</remarks>
public abstract class LlmHandler
{
    /// <summary>Handles a chat completion.</summary>
    public abstract Task<ChatCompletionResponse> CompleteAsync(ChatCompletionRequest request, LlmCallContext context, CancellationToken cancellationToken);

    /// <summary>Handles a streaming chat completion.</summary>
    public abstract IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ChatCompletionRequest request, LlmCallContext context, CancellationToken cancellationToken);

    /// <summary>Handles an embeddings call.</summary>
    public abstract Task<EmbeddingResponse> EmbedAsync(EmbeddingRequest request, LlmCallContext context, CancellationToken cancellationToken);
}

/// <summary>A stage that passes everything to the next stage unless it overrides a method.</summary>
public abstract class DelegatingLlmHandler : LlmHandler
{
    /// <summary>Wraps <paramref name="next"/>.</summary>
    protected DelegatingLlmHandler(LlmHandler next) => Next = next ?? throw new ArgumentNullException(nameof(next));

    /// <summary>The next stage.</summary>
    protected LlmHandler Next { get; }

    /// <inheritdoc/>
    public override Task<ChatCompletionResponse> CompleteAsync(ChatCompletionRequest request, LlmCallContext context, CancellationToken cancellationToken)
        => Next.CompleteAsync(request, context, cancellationToken);

    /// <inheritdoc/>
    public override IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ChatCompletionRequest request, LlmCallContext context, CancellationToken cancellationToken)
        => Next.StreamAsync(request, context, cancellationToken);

    /// <inheritdoc/>
    public override Task<EmbeddingResponse> EmbedAsync(EmbeddingRequest request, LlmCallContext context, CancellationToken cancellationToken)
        => Next.EmbedAsync(request, context, cancellationToken);
}
