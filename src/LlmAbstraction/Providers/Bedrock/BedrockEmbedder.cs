using System.Text.Json;

namespace LlmAbstraction.Providers.Bedrock;

/// <summary>
/// Embeddings through InvokeModel (<c>POST /model/{id}/invoke</c>), one call per batch of <see cref="BedrockEmbeddings"/>.
/// Usage: Titan's <c>inputTextTokenCount</c>, else the <c>X-Amzn-Bedrock-Input-Token-Count</c> response header.
/// </summary>
internal sealed class BedrockEmbedder(ProviderServices services, BedrockRequestFactory requests)
{
    private const string TokenCountHeader = "X-Amzn-Bedrock-Input-Token-Count";

    public async Task<EmbeddingResponse> EmbedAsync(ProviderEmbeddingRequest request, CancellationToken cancellationToken)
    {
        var modelId = BedrockRequestFactory.ModelId(request.Model);
        var family = BedrockEmbeddings.FamilyOf(modelId);
        if (request.Request.Input is not { Count: > 0 } inputs)
            throw new BadRequestException("An embedding request needs at least one input.", new LlmErrorDetails { Provider = BedrockProvider.ProviderName, Model = request.Model });
        var auth = requests.Authenticate(request.Endpoint, modelId);
        var call = new ProviderCallInfo(BedrockProvider.ProviderName, request.Model, auth.Secret);
        var result = new EmbeddingResponse { Model = modelId };
        var tokens = 0;
        foreach (var batch in BedrockEmbeddings.Batches(family, inputs))
        {
            var body = BedrockEmbeddings.Body(family, batch, request.Request);
            using var message = await requests.CreateAsync(request.Endpoint, auth, modelId, "invoke", body, "application/json", cancellationToken).ConfigureAwait(false);
            using var response = await services.Transport.SendAsync(message, call, BedrockErrors.Parse, cancellationToken).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            List<float[]> vectors;
            int? count;
            try
            {
                using var doc = JsonDocument.Parse(bytes);
                (vectors, count) = BedrockEmbeddings.Parse(family, doc.RootElement);
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new ApiConnectionException($"bedrock returned an unreadable embedding response for model '{request.Model}'.",
                    new LlmErrorDetails { Provider = BedrockProvider.ProviderName, Model = request.Model, ErrorCode = "invalid_response" }, ex);
            }
            if (vectors.Count != batch.Count)
                throw new ApiConnectionException($"bedrock returned {vectors.Count} embeddings for {batch.Count} inputs (model '{request.Model}').",
                    new LlmErrorDetails { Provider = BedrockProvider.ProviderName, Model = request.Model, ErrorCode = "invalid_response" });
            tokens += count ?? HeaderCount(response) ?? 0;
            foreach (var v in vectors) result.Data.Add(new EmbeddingData { Index = result.Data.Count, Embedding = v });
            result.Details.ProviderRequestId ??= LlmHttpTransport.RequestId(response.Headers);
        }
        result.Usage = new Usage { PromptTokens = tokens, TotalTokens = tokens };
        return result;
    }

    private static int? HeaderCount(HttpResponseMessage response)
        => response.Headers.TryGetValues(TokenCountHeader, out var values) && int.TryParse(values.FirstOrDefault(), out var n) ? n : null;
}
