namespace LlmAbstraction.Providers.Bedrock.EventStream;

/// <summary>One decoded <c>application/vnd.amazon.eventstream</c> message whose checksums were verified.</summary>
public sealed class EventStreamMessage
{
    internal EventStreamMessage(IReadOnlyList<EventStreamHeader> headers, ReadOnlyMemory<byte> payload, uint preludeCrc, uint messageCrc)
    {
        Headers = headers;
        Payload = payload;
        PreludeCrc = preludeCrc;
        MessageCrc = messageCrc;
    }

    /// <summary>Gets the headers in wire order.</summary>
    public IReadOnlyList<EventStreamHeader> Headers { get; }

    /// <summary>Gets the payload (for Bedrock, UTF-8 JSON). The memory belongs to this message.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>Gets the <c>:message-type</c> header (<c>event</c>, <c>exception</c> or <c>error</c>), or null.</summary>
    public string? MessageType => GetString(":message-type");

    /// <summary>Gets the <c>:event-type</c> header (for example <c>contentBlockDelta</c>), or null.</summary>
    public string? EventType => GetString(":event-type");

    /// <summary>Gets the <c>:exception-type</c> header of an exception message (for example <c>throttlingException</c>), or null.</summary>
    public string? ExceptionType => GetString(":exception-type");

    /// <summary>Gets the <c>:content-type</c> header (for example <c>application/json</c>), or null.</summary>
    public string? ContentType => GetString(":content-type");

    /// <summary>Gets the <c>:error-code</c> header of an error message, or null.</summary>
    public string? ErrorCode => GetString(":error-code");

    /// <summary>Gets the <c>:error-message</c> header of an error message, or null.</summary>
    public string? ErrorMessage => GetString(":error-message");

    /// <summary>Gets the total length of the message on the wire, in bytes.</summary>
    public int TotalLength => Payload.Length + HeadersLength + EventStreamFrameParser.FramingLength;

    internal int HeadersLength { get; init; }

    internal uint PreludeCrc { get; }

    internal uint MessageCrc { get; }

    /// <summary>Finds the first header called <paramref name="name"/> (ordinal comparison).</summary>
    /// <param name="name">The header name.</param>
    /// <param name="header">The header when found.</param>
    /// <returns>Whether the header exists.</returns>
    public bool TryGetHeader(string name, out EventStreamHeader header)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var candidate in Headers)
        {
            if (string.Equals(candidate.Name, name, StringComparison.Ordinal))
            {
                header = candidate;
                return true;
            }
        }

        header = default;
        return false;
    }

    private string? GetString(string name) =>
        TryGetHeader(name, out var header) && header.Type == EventStreamHeaderType.String ? header.AsString() : null;
}
