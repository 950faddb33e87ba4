using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace LlmAbstraction.Providers.Gemini;

/// <summary>
/// Sends a <c>generateContent</c> / <c>streamGenerateContent</c> request and reads the answer; shared by the Gemini API
/// and Vertex AI adapters, which differ only in URL and authentication.
/// </summary>
internal static class GeminiCalls
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    public static HttpRequestMessage CreateMessage(string url, GeminiRequest wire, ProviderEndpoint endpoint)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(wire, GeminiJsonContext.Default.GeminiRequest)) { Headers = { ContentType = JsonMediaType } },
        };
        if (endpoint.Headers is { } headers)
            foreach (var h in headers) message.Headers.TryAddWithoutValidation(h.Key, h.Value);
        return message;
    }

    public static async Task<ChatCompletionResponse> CompleteAsync(ProviderServices services, HttpRequestMessage message, ProviderCallInfo call, ProviderErrorParser parse, CancellationToken cancellationToken)
    {
        using var response = await services.Transport.SendAsync(message, call, parse, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var wire = await ProviderJson.DeserializeAsync(body, GeminiJsonContext.Default.GeminiResponse, call, cancellationToken).ConfigureAwait(false);
            if (wire.Error is { ValueKind: JsonValueKind.Object } error)
                throw services.Transport.CreateError(response.StatusCode, "{\"error\":" + error.GetRawText() + "}", response.Headers, call, parse);
            var result = GeminiResponseMapper.Map(wire, call.Provider, call.Model, services.TimeProvider.GetUtcNow().ToUnixTimeSeconds());
            result.Details.ProviderRequestId = LlmHttpTransport.RequestId(response.Headers);
            return result;
        }
    }

    public static async IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ProviderServices services, HttpRequestMessage message, ProviderCallInfo call, ProviderErrorParser parse, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var response = await services.Transport.SendAsync(message, call, parse, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var _ = body.ConfigureAwait(false);
        var mapper = new GeminiStreamMapper(call.Provider, call.Model, services.TimeProvider.GetUtcNow().ToUnixTimeSeconds());
        await foreach (var e in ReadEventsAsync(response, body, call, cancellationToken).ConfigureAwait(false))
        {
            if (e is null) continue;
            if (e.Error is { ValueKind: JsonValueKind.Object } error)
                throw services.Transport.CreateError(null, "{\"error\":" + error.GetRawText() + "}", response.Headers, call, parse);
            foreach (var chunk in mapper.Map(e)) yield return chunk;
        }
        if (!mapper.Finished)
            throw new ApiConnectionException($"{call.Provider} stream for model '{call.Model}' ended without a finishReason: the response was cut short.",
                new LlmErrorDetails { Provider = call.Provider, Model = call.Model, ErrorCode = "stream_truncated" });
        yield return mapper.UsageChunk();
    }

    /// <summary>SSE (<c>?alt=sse</c>), or the JSON array Vertex writes incrementally without it.</summary>
    private static async IAsyncEnumerable<GeminiResponse?> ReadEventsAsync(HttpResponseMessage response, Stream body, ProviderCallInfo call, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType is "application/json")
        {
            await foreach (var e in JsonSerializer.DeserializeAsyncEnumerable(body, GeminiJsonContext.Default.GeminiResponse, cancellationToken).ConfigureAwait(false))
                yield return e;
            yield break;
        }
        await foreach (var item in SseStream.ReadAsync(body, ParseEvent, call, cancellationToken).ConfigureAwait(false))
            yield return item.Data;
    }

    private static GeminiResponse? ParseEvent(string eventType, ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return null;
        return JsonSerializer.Deserialize(data, GeminiJsonContext.Default.GeminiResponse); // malformed JSON: SseStream raises a typed malformed_event error
    }
}
