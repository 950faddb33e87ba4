using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace LlmAbstraction.Benchmarks.Raw;

/// <summary>The floor: HttpClient + source-generated System.Text.Json, nothing else (no retries, no typed errors, no telemetry).</summary>
public sealed class RawClients(HttpClient http, string baseUrl)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly AuthenticationHeaderValue Bearer = new("Bearer", Arms.ApiKey);

    public async Task<RawChatResponse> OpenAIAsync(RawChatRequest request, CancellationToken ct = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/v1/chat/completions")
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request, RawJsonContext.Default.RawChatRequest)) { Headers = { ContentType = Json } },
        };
        message.Headers.Authorization = Bearer;
        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        return (await JsonSerializer.DeserializeAsync(body, RawJsonContext.Default.RawChatResponse, ct).ConfigureAwait(false))!;
    }

    /// <summary>Streams and returns the number of chunks read (content deltas are touched so nothing is skipped).</summary>
    public async Task<int> OpenAIStreamAsync(RawChatRequest request, CancellationToken ct = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/v1/chat/completions")
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request, RawJsonContext.Default.RawChatRequest)) { Headers = { ContentType = Json } },
        };
        message.Headers.Authorization = Bearer;
        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        var n = 0;
        await foreach (var item in SseParser.Create(body, static (_, data) => data.SequenceEqual("[DONE]"u8) ? null
                           : JsonSerializer.Deserialize(data, RawJsonContext.Default.RawChatResponse)).EnumerateAsync(ct).ConfigureAwait(false))
        {
            if (item.Data is null) break;
            n += item.Data.Choices is [{ Delta.Content: { } c }, ..] ? 1 + (c.Length & 0) : 1;
        }
        return n;
    }

    public async Task<RawMessagesResponse> AnthropicAsync(RawMessagesRequest request, CancellationToken ct = default)
    {
        using var message = AnthropicMessage(request);
        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        return (await JsonSerializer.DeserializeAsync(body, RawJsonContext.Default.RawMessagesResponse, ct).ConfigureAwait(false))!;
    }

    public async Task<int> AnthropicStreamAsync(RawMessagesRequest request, CancellationToken ct = default)
    {
        using var message = AnthropicMessage(request);
        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        var n = 0;
        await foreach (var item in SseParser.Create(body, static (_, data) => JsonSerializer.Deserialize(data, RawJsonContext.Default.RawStreamEvent)).EnumerateAsync(ct).ConfigureAwait(false))
        {
            n++;
            if (item.Data?.Type == "message_stop") break;
        }
        return n;
    }

    private HttpRequestMessage AnthropicMessage(RawMessagesRequest request)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/v1/messages")
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request, RawJsonContext.Default.RawMessagesRequest)) { Headers = { ContentType = Json } },
        };
        message.Headers.TryAddWithoutValidation("x-api-key", Arms.ApiKey);
        message.Headers.TryAddWithoutValidation("anthropic-version", "2023-06-01");
        return message;
    }
}
