using System.Net.Http.Headers;
using System.Text.Json;

namespace LlmAbstraction.Providers.VertexAI;

/// <summary>
/// Vertex AI text embeddings through <c>:predict</c>: <c>instances[{content, task_type, title}]</c>,
/// <c>parameters.outputDimensionality</c> from <c>dimensions</c>; usage is the sum of <c>statistics.token_count</c>.
/// Batches of 250 instances (1 for <c>gemini-embedding-*</c>, which accepts one input per request).
/// </summary>
internal static class VertexAIEmbeddings
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    public static async Task<EmbeddingResponse> EmbedAsync(ProviderServices services, ProviderEmbeddingRequest request, string url, ProviderCallInfo call, string token, CancellationToken cancellationToken)
    {
        var r = request.Request;
        if (r.Input is not { Count: > 0 }) throw new BadRequestException("An embeddings request needs at least one input.");
        if (r.EncodingFormat is { } format && format != "float")
            throw new UnsupportedParamsException($"vertex_ai returns float embeddings only; encoding_format '{format}' is not supported.", new LlmErrorDetails { Provider = call.Provider, Model = request.Model, ErrorCode = "unsupported_parameter" });
        var batch = request.Model.StartsWith("gemini-embedding", StringComparison.OrdinalIgnoreCase) ? 1 : 250;
        var taskType = Text(r, "task_type") ?? Text(r, "taskType");
        var title = Text(r, "title");
        var result = new EmbeddingResponse { Model = request.Model };
        var tokens = 0;
        for (var start = 0; start < r.Input.Count; start += batch)
        {
            var wire = new VertexPredictRequest { Parameters = r.Dimensions is { } d ? new VertexEmbedParameters { OutputDimensionality = d } : null };
            for (var i = start; i < Math.Min(start + batch, r.Input.Count); i++)
                wire.Instances.Add(new VertexEmbedInstance { Content = r.Input[i] ?? throw new BadRequestException("An embeddings input is null."), TaskType = taskType, Title = title });
            using var message = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(wire, VertexAIJsonContext.Default.VertexPredictRequest)) { Headers = { ContentType = JsonMediaType } },
            };
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await services.Transport.SendAsync(message, call, VertexAIErrors.Parse, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                var parsed = await ProviderJson.DeserializeAsync(body, VertexAIJsonContext.Default.VertexPredictResponse, call, cancellationToken).ConfigureAwait(false);
                var predictions = parsed?.Predictions ?? [];
                if (predictions.Count != wire.Instances.Count)
                    throw new ApiConnectionException($"vertex_ai returned {predictions.Count} embeddings for {wire.Instances.Count} inputs.", new LlmErrorDetails { Provider = call.Provider, Model = request.Model });
                foreach (var p in predictions)
                {
                    result.Data.Add(new EmbeddingData { Index = result.Data.Count, Embedding = p.Embeddings?.Values ?? [] });
                    tokens += p.Embeddings?.Statistics?.TokenCount ?? 0;
                }
            }
        }
        result.Usage = new Usage { PromptTokens = tokens, TotalTokens = tokens };
        return result;
    }

    private static string? Text(EmbeddingRequest r, string key)
        => r.AdditionalProperties?.TryGetValue(key, out var v) == true && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
