using System.Text.Json;

namespace LlmAbstraction.Providers.Cohere;

/// <summary>
/// Maps embeddings to Cohere's <c>/v2/embed</c>: <c>texts</c>, <c>input_type</c> (default <c>search_document</c>;
/// override it with an extra-body <c>input_type</c>), <c>embedding_types:["float"]</c>, <c>dimensions</c> →
/// <c>output_dimension</c>; other extra-body fields (<c>truncate</c>, <c>images</c>, <c>inputs</c>…) are written inline.
/// The answer's <c>embeddings.float</c> become the data, and <c>meta.billed_units.input_tokens</c> the usage.
/// </summary>
internal static class CohereEmbeddingMapper
{
    public const string DefaultInputType = "search_document";

    public static CohereEmbedRequest Map(ProviderEmbeddingRequest call)
    {
        var r = call.Request;
        var wire = new CohereEmbedRequest
        {
            Model = call.Model,
            Texts = r.Input is { Count: > 0 } input ? [.. input] : null,
            InputType = DefaultInputType,
            OutputDimension = r.Dimensions,
        };
        if (r.AdditionalProperties is { Count: > 0 } extra)
        {
            var copy = new Dictionary<string, JsonElement>(extra, StringComparer.Ordinal);
            if (copy.Remove("input_type", out var type) && type.ValueKind == JsonValueKind.String) wire.InputType = type.GetString();
            if (copy.Remove("embedding_types", out _))
            {
                // Only float vectors fit EmbeddingData; the field is fixed.
            }
            wire.Extra = copy.Count > 0 ? copy : null;
        }
        return wire;
    }

    public static EmbeddingResponse Map(CohereEmbedResponse r, string model)
    {
        var vectors = r.Embeddings?.Float
            ?? throw new ApiConnectionException($"cohere returned no float embeddings for model '{model}'.", new LlmErrorDetails { Provider = "cohere", Model = model, ErrorCode = "invalid_response" });
        var tokens = r.Meta?.BilledUnits?.InputTokens is { } t ? (int)Math.Round(t) : 0;
        return new EmbeddingResponse
        {
            Model = model,
            Data = vectors.Select((v, i) => new EmbeddingData { Index = i, Embedding = v }).ToList(),
            Usage = new Usage { PromptTokens = tokens, TotalTokens = tokens },
        };
    }
}
