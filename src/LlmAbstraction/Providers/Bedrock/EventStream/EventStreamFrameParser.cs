using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;

namespace LlmAbstraction.Providers.Bedrock.EventStream;

/// <summary>
/// Parses one message: <c>[total length:4][headers length:4][prelude CRC32:4][headers][payload][message CRC32:4]</c>,
/// all big-endian; the prelude CRC covers the first 8 bytes, the message CRC everything before it.
/// </summary>
internal static class EventStreamFrameParser
{
    public const int PreludeLength = 12;
    public const int FramingLength = PreludeLength + 4;
    public const int MaxMessageLength = 16 * 1024 * 1024;
    public const int MaxHeadersLength = 128 * 1024;

    /// <summary>
    /// Reads the message at the start of <paramref name="buffer"/> and slices it off. Returns false when more bytes are
    /// needed. The prelude is validated as soon as its 12 bytes are there, so a bad length fails before any buffering.
    /// </summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, long offset, out EventStreamMessage? message)
    {
        message = null;
        if (buffer.Length < PreludeLength)
        {
            return false;
        }

        Span<byte> prelude = stackalloc byte[PreludeLength];
        buffer.Slice(0, PreludeLength).CopyTo(prelude);
        var totalLength = BinaryPrimitives.ReadUInt32BigEndian(prelude);
        var headersLength = BinaryPrimitives.ReadUInt32BigEndian(prelude[4..]);
        var preludeCrc = BinaryPrimitives.ReadUInt32BigEndian(prelude[8..]);
        var actualPreludeCrc = Crc32.HashToUInt32(prelude[..8]);
        if (actualPreludeCrc != preludeCrc)
        {
            throw Invalid(offset, $"Prelude checksum mismatch (expected {preludeCrc:x8}, computed {actualPreludeCrc:x8})");
        }

        if (totalLength is < FramingLength or > MaxMessageLength)
        {
            throw Invalid(offset, $"total length {totalLength} is outside [{FramingLength}, {MaxMessageLength}]");
        }

        if (headersLength > MaxHeadersLength || headersLength > totalLength - FramingLength)
        {
            throw Invalid(offset, $"headers length {headersLength} does not fit total length {totalLength} (max {MaxHeadersLength})");
        }

        if (buffer.Length < totalLength)
        {
            return false;
        }

        var frame = new byte[totalLength];
        buffer.Slice(0, frame.Length).CopyTo(frame);
        var messageCrc = BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(frame.Length - 4));
        var actualMessageCrc = Crc32.HashToUInt32(frame.AsSpan(0, frame.Length - 4));
        if (actualMessageCrc != messageCrc)
        {
            throw Invalid(offset, $"Message checksum mismatch (expected {messageCrc:x8}, computed {actualMessageCrc:x8})");
        }

        var headers = EventStreamHeaderParser.Parse(frame.AsSpan(PreludeLength, (int)headersLength), offset);
        var payloadStart = PreludeLength + (int)headersLength;
        var payload = frame.AsMemory(payloadStart, frame.Length - 4 - payloadStart);
        message = new EventStreamMessage(headers, payload, preludeCrc, messageCrc) { HeadersLength = (int)headersLength };
        buffer = buffer.Slice(frame.Length);
        return true;
    }

    /// <summary>The total length announced by a buffered prelude, or null when the prelude is incomplete.</summary>
    public static long? AnnouncedLength(ReadOnlySequence<byte> buffer)
    {
        if (buffer.Length < PreludeLength)
        {
            return null;
        }

        Span<byte> length = stackalloc byte[4];
        buffer.Slice(0, 4).CopyTo(length);
        return BinaryPrimitives.ReadUInt32BigEndian(length);
    }

    private static EventStreamFormatException Invalid(long offset, string reason) =>
        new($"Invalid event-stream message at byte {offset}: {reason}.");
}
