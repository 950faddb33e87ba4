using System.Net.ServerSentEvents;
using System.Text.Json;

namespace LlmAbstraction.Providers;

/// <summary>Reads a <c>text/event-stream</c> body into parsed items, for adapters.</summary>
public static class SseStream
{
    /// <summary>
    /// Enumerates the events of <paramref name="body"/>, each parsed by <paramref name="parser"/> straight from its
    /// UTF-8 bytes. An event left pending at the end of the body (no closing blank line) is still delivered.
    /// An event that is not valid JSON becomes an <see cref="ApiConnectionException"/> (<c>malformed_event</c>).
    /// </summary>
    public static IAsyncEnumerable<SseItem<T>> ReadAsync<T>(Stream body, SseItemParser<T> parser, ProviderCallInfo call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        // The parser is wrapped rather than the enumeration: no extra async-iterator layer per event.
        SseItemParser<T> parse = (eventType, data) =>
        {
            try
            {
                return parser(eventType, data);
            }
            catch (JsonException ex)
            {
                throw ProviderJson.Malformed(call, "event", ex);
            }
        };
        return SseParser.Create(new EndWithBlankLineStream(body), parse).EnumerateAsync(cancellationToken);
    }
}

/// <summary>Reads provider JSON, turning a malformed or cut-short body into a typed error.</summary>
public static class ProviderJson
{
    /// <summary>Deserializes <paramref name="body"/>; a malformed or empty body is an <see cref="ApiConnectionException"/>.</summary>
    public static async Task<T> DeserializeAsync<T>(Stream body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, ProviderCallInfo call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await JsonSerializer.DeserializeAsync(body, typeInfo, cancellationToken).ConfigureAwait(false)
                ?? throw Malformed(call, "response", null);
        }
        catch (JsonException ex)
        {
            throw Malformed(call, "response", ex);
        }
    }

    /// <summary>The error for a body that is not the JSON the provider documents.</summary>
    public static ApiConnectionException Malformed(ProviderCallInfo call, string what, Exception? inner)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new ApiConnectionException($"{call.Provider} sent a malformed {what} for model '{call.Model}': {inner?.Message ?? "empty body"}",
            new LlmErrorDetails { Provider = call.Provider, Model = call.Model, ErrorCode = "malformed_" + what }, inner);
    }
}
