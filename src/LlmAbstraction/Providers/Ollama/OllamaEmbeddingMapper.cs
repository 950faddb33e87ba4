using System.Text.Json;

namespace LlmAbstraction.Providers.Ollama;

/// <summary>
/// Maps embeddings to Ollama's <c>/api/embed</c>: <c>input</c> (a string for one text, else an array), <c>dimensions</c>,
/// extra-body fields inline (<c>truncate</c>, <c>keep_alive</c>, <c>options</c>); <c>embeddings</c> become the data and
/// <c>prompt_eval_count</c> the usage.
/// </summary>
internal static class OllamaEmbeddingMapper
{
    public static OllamaEmbedRequest Map(ProviderEmbeddingRequest call)
    {
        var input = call.Request.Input;
        return new OllamaEmbedRequest
        {
            Model = call.Model,
            Input = input.Count == 1
                ? JsonSerializer.SerializeToElement(input[0], OllamaJsonContext.Default.String)
                : JsonSerializer.SerializeToElement(input.ToArray(), OllamaJsonContext.Default.StringArray),
            Dimensions = call.Request.Dimensions,
            Extra = call.Request.AdditionalProperties is { Count: > 0 } extra ? extra : null,
        };
    }

    public static EmbeddingResponse Map(OllamaEmbedResponse r, string model)
    {
        var vectors = r.Embeddings
            ?? throw new ApiConnectionException($"ollama returned no embeddings for model '{model}'.", new LlmErrorDetails { Provider = "ollama", Model = model, ErrorCode = "invalid_response" });
        var tokens = r.PromptEvalCount ?? 0;
        return new EmbeddingResponse
        {
            Model = r.Model ?? model,
            Data = vectors.Select((v, i) => new EmbeddingData { Index = i, Embedding = v }).ToList(),
            Usage = new Usage { PromptTokens = tokens, TotalTokens = tokens },
        };
    }
}
