using System.Text;
using System.Text.Json;
using LlmAbstraction.Providers.Bedrock.EventStream;

namespace LlmAbstraction.Providers.Bedrock;

/// <summary>
/// Reads ConverseStream frames from a response body, turning decoding and transport failures into typed errors
/// that name the provider and model: a corrupt frame is an <see cref="EventStreamFormatException"/>, a broken
/// connection an <see cref="ApiConnectionException"/>.
/// </summary>
internal sealed class BedrockFrameReader(Stream body, ProviderCallInfo call, CancellationToken cancellationToken) : IAsyncDisposable
{
    private readonly IAsyncEnumerator<EventStreamMessage> _messages = EventStreamReader.ReadMessagesAsync(body, cancellationToken).GetAsyncEnumerator(cancellationToken);

    /// <summary>The next frame, or null at the end of the body.</summary>
    public async Task<EventStreamMessage?> NextAsync()
    {
        try
        {
            return await _messages.MoveNextAsync().ConfigureAwait(false) ? _messages.Current : null;
        }
        catch (EventStreamFormatException ex)
        {
            throw new EventStreamFormatException($"bedrock stream for model '{call.Model}' is corrupt: {ex.Message}",
                new LlmErrorDetails { Provider = call.Provider, Model = call.Model }, ex);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw new ApiConnectionException($"bedrock stream for model '{call.Model}' was interrupted: {SecretRedactor.Redact(ex.Message, call.ApiKey)}",
                new LlmErrorDetails { Provider = call.Provider, Model = call.Model, ErrorCode = "stream_interrupted" }, ex);
        }
    }

    /// <summary>The payload as UTF-8 text.</summary>
    public static string Text(EventStreamMessage frame) => Encoding.UTF8.GetString(frame.Payload.Span);

    /// <summary>The event payload of an <c>event</c> frame, or null for frames without one.</summary>
    public static ConverseStreamEvent? Event(EventStreamMessage frame)
    {
        if (frame.MessageType is not (null or "event") || frame.Payload.IsEmpty) return null;
        try
        {
            return JsonSerializer.Deserialize(frame.Payload.Span, BedrockJsonContext.Default.ConverseStreamEvent);
        }
        catch (JsonException ex)
        {
            throw new EventStreamFormatException($"A bedrock '{frame.EventType}' event payload is not valid JSON.", new LlmErrorDetails(), ex);
        }
    }

    public ValueTask DisposeAsync() => _messages.DisposeAsync();
}
