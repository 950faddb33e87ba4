namespace LlmAbstraction;

/// <summary>Convenience overloads for the common cases.</summary>
public static class LlmClientExtensions
{
    /// <summary>Sends <paramref name="messages"/> to <paramref name="model"/>.</summary>
    public static Task<ChatCompletionResponse> CompletionAsync(this ILlmClient client, string model, IEnumerable<ChatMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(messages);
        return client.CompletionAsync(new ChatCompletionRequest { Model = model, Messages = messages.ToList() }, cancellationToken);
    }

    /// <summary>Sends one user message to <paramref name="model"/>.</summary>
    public static Task<ChatCompletionResponse> CompletionAsync(this ILlmClient client, string model, string userMessage, CancellationToken cancellationToken = default)
        => client.CompletionAsync(model, [ChatMessage.User(userMessage)], cancellationToken);

    /// <summary>Streams the answer to <paramref name="messages"/> from <paramref name="model"/>.</summary>
    public static IAsyncEnumerable<ChatCompletionChunk> StreamCompletionAsync(this ILlmClient client, string model, IEnumerable<ChatMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(messages);
        return client.StreamCompletionAsync(new ChatCompletionRequest { Model = model, Messages = messages.ToList() }, cancellationToken);
    }

    /// <summary>Embeds <paramref name="inputs"/> with <paramref name="model"/>.</summary>
    public static Task<EmbeddingResponse> EmbeddingAsync(this ILlmClient client, string model, IEnumerable<string> inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(inputs);
        return client.EmbeddingAsync(new EmbeddingRequest { Model = model, Input = inputs.ToList() }, cancellationToken);
    }

    /// <summary>Reads a whole stream and rebuilds the response (content, tool calls, usage), like LiteLLM's <c>stream_chunk_builder</c>.</summary>
    public static async Task<ChatCompletionResponse> ToResponseAsync(this IAsyncEnumerable<ChatCompletionChunk> chunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var aggregator = new ChunkAggregator();
        await foreach (var chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
            aggregator.Add(chunk);
        return aggregator.Build();
    }
}
