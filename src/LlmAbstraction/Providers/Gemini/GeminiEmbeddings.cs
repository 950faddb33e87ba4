using System.Net.Http.Headers;
using System.Text.Json;

namespace LlmAbstraction.Providers.Gemini;

/// <summary>
/// Embeddings through <c>batchEmbedContents</c>: one request per input (each yields one embedding), at most
/// <see cref="MaxBatch"/> per call, larger inputs split into several calls; <c>dimensions</c> → <c>outputDimensionality</c>,
/// extras <c>task_type</c> / <c>title</c> → <c>taskType</c> / <c>title</c>. Gemini reports no token usage.
/// </summary>
internal static class GeminiEmbeddings
{
    public const int MaxBatch = 100;
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    public static async Task<EmbeddingResponse> EmbedAsync(ProviderServices services, ProviderEmbeddingRequest request, string url, ProviderCallInfo call, Action<HttpRequestMessage> authorize, CancellationToken cancellationToken)
    {
        var r = request.Request;
        if (r.Input is not { Count: > 0 }) throw new BadRequestException("An embeddings request needs at least one input.");
        if (r.EncodingFormat is { } format && format != "float")
            throw new UnsupportedParamsException($"{call.Provider} returns float embeddings only; encoding_format '{format}' is not supported.", new LlmErrorDetails { Provider = call.Provider, Model = request.Model, ErrorCode = "unsupported_parameter" });
        var taskType = Text(r, "task_type") ?? Text(r, "taskType");
        var title = Text(r, "title");
        var model = request.Model.StartsWith("models/", StringComparison.Ordinal) ? request.Model : "models/" + request.Model;
        var result = new EmbeddingResponse { Model = request.Model };
        for (var start = 0; start < r.Input.Count; start += MaxBatch)
        {
            var wire = new GeminiEmbedRequest();
            for (var i = start; i < Math.Min(start + MaxBatch, r.Input.Count); i++)
            {
                wire.Requests.Add(new GeminiEmbedContentRequest
                {
                    Model = model,
                    Content = new GeminiContent { Parts = [new GeminiPart { Text = r.Input[i] ?? throw new BadRequestException("An embeddings input is null.") }] },
                    TaskType = taskType,
                    Title = title,
                    OutputDimensionality = r.Dimensions,
                });
            }
            using var message = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(wire, GeminiJsonContext.Default.GeminiEmbedRequest)) { Headers = { ContentType = JsonMediaType } },
            };
            authorize(message);
            using var response = await services.Transport.SendAsync(message, call, GeminiErrors.Parse, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                var parsed = await ProviderJson.DeserializeAsync(body, GeminiJsonContext.Default.GeminiEmbedResponse, call, cancellationToken).ConfigureAwait(false);
                var embeddings = parsed?.Embeddings ?? [];
                if (embeddings.Count != wire.Requests.Count)
                    throw new ApiConnectionException($"{call.Provider} returned {embeddings.Count} embeddings for {wire.Requests.Count} inputs.", new LlmErrorDetails { Provider = call.Provider, Model = request.Model });
                foreach (var e in embeddings) result.Data.Add(new EmbeddingData { Index = result.Data.Count, Embedding = e.Values });
            }
        }
        return result;
    }

    private static string? Text(EmbeddingRequest r, string key)
        => r.AdditionalProperties?.TryGetValue(key, out var v) == true && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
