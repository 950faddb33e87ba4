namespace LlmAbstraction;

/// <summary>
/// The one facade: chat completions (whole or streamed) and embeddings against any provider, with
/// OpenAI-shaped requests and responses. Model strings such as <c>"gpt-4o"</c>,
/// <c>"anthropic/claude-sonnet-4-6"</c> or <c>"mock/test"</c> select the provider.
/// </summary>
/// <remarks>Thread-safe; create one per application (or let DI hold it as a singleton).</remarks>
public interface ILlmClient
{
    /// <summary>Sends a chat completion and returns the whole response.</summary>
    /// <exception cref="LlmException">A typed error: see the subclasses for each kind.</exception>
    Task<ChatCompletionResponse> CompletionAsync(ChatCompletionRequest request, CancellationToken cancellationToken = default);

    /// <summary>Streams a chat completion as OpenAI-shaped chunks; the last chunk carries usage and <see cref="ChatCompletionChunk.Details"/>.</summary>
    /// <exception cref="LlmException">A typed error, raised when enumerating.</exception>
    IAsyncEnumerable<ChatCompletionChunk> StreamCompletionAsync(ChatCompletionRequest request, CancellationToken cancellationToken = default);

    /// <summary>Computes embeddings.</summary>
    Task<EmbeddingResponse> EmbeddingAsync(EmbeddingRequest request, CancellationToken cancellationToken = default);
}
