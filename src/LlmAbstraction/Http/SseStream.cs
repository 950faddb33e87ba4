using System.Net.ServerSentEvents;

namespace LlmAbstraction.Providers;

/// <summary>Reads a <c>text/event-stream</c> body into parsed items, for adapters.</summary>
public static class SseStream
{
    /// <summary>Enumerates the events of <paramref name="body"/>, each parsed by <paramref name="parser"/> straight from its UTF-8 bytes.</summary>
    public static IAsyncEnumerable<SseItem<T>> ReadAsync<T>(Stream body, SseItemParser<T> parser, CancellationToken cancellationToken)
        => SseParser.Create(body, parser).EnumerateAsync(cancellationToken);
}
