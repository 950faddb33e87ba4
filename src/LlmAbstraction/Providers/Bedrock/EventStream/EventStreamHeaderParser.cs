using System.Buffers.Binary;
using System.Text;

namespace LlmAbstraction.Providers.Bedrock.EventStream;

/// <summary>Parses the header block of a message: repeated <c>[name length:1][name][type:1][value]</c>.</summary>
internal static class EventStreamHeaderParser
{
    // Names and values that appear on every Bedrock frame: returned without allocating.
    private static readonly string[] Known =
    [
        ":message-type", ":event-type", ":content-type", ":exception-type", ":error-code", ":error-message",
        "event", "exception", "error", "application/json", "messageStart", "contentBlockStart", "contentBlockDelta",
        "contentBlockStop", "messageStop", "metadata", "chunk",
    ];

    public static List<EventStreamHeader> Parse(ReadOnlySpan<byte> block, long offset)
    {
        var headers = new List<EventStreamHeader>(4);
        var position = 0;
        while (position < block.Length)
        {
            var nameLength = block[position++];
            if (nameLength == 0 || position + nameLength + 1 > block.Length)
            {
                throw Invalid(offset, "header name length is zero or exceeds the header block");
            }

            var name = GetString(block.Slice(position, nameLength));
            position += nameLength;
            var type = (EventStreamHeaderType)block[position++];
            var value = block[position..];
            headers.Add(type switch
            {
                EventStreamHeaderType.BoolTrue or EventStreamHeaderType.BoolFalse => new(name, type, 0, null),
                EventStreamHeaderType.Byte => new(name, type, (sbyte)Need(value, 1, offset, name)[0], null),
                EventStreamHeaderType.Int16 => new(name, type, BinaryPrimitives.ReadInt16BigEndian(Need(value, 2, offset, name)), null),
                EventStreamHeaderType.Int32 => new(name, type, BinaryPrimitives.ReadInt32BigEndian(Need(value, 4, offset, name)), null),
                EventStreamHeaderType.Int64 or EventStreamHeaderType.Timestamp =>
                    new(name, type, BinaryPrimitives.ReadInt64BigEndian(Need(value, 8, offset, name)), null),
                EventStreamHeaderType.ByteArray => new(name, type, 0, Variable(value, offset, name).ToArray()),
                EventStreamHeaderType.String => new(name, type, 0, GetString(Variable(value, offset, name))),
                EventStreamHeaderType.Uuid => new(name, type, 0, new Guid(Need(value, 16, offset, name), bigEndian: true)),
                _ => throw Invalid(offset, $"header '{name}' has unknown value type {(byte)type}"),
            });
            position += ValueLength(type, value);
        }

        return headers;
    }

    private static int ValueLength(EventStreamHeaderType type, ReadOnlySpan<byte> value) => type switch
    {
        EventStreamHeaderType.BoolTrue or EventStreamHeaderType.BoolFalse => 0,
        EventStreamHeaderType.Byte => 1,
        EventStreamHeaderType.Int16 => 2,
        EventStreamHeaderType.Int32 => 4,
        EventStreamHeaderType.Int64 or EventStreamHeaderType.Timestamp => 8,
        EventStreamHeaderType.Uuid => 16,
        _ => 2 + BinaryPrimitives.ReadUInt16BigEndian(value),
    };

    private static ReadOnlySpan<byte> Need(ReadOnlySpan<byte> value, int length, long offset, string name) =>
        value.Length >= length ? value[..length] : throw Invalid(offset, $"header '{name}' value is truncated");

    private static ReadOnlySpan<byte> Variable(ReadOnlySpan<byte> value, long offset, string name)
    {
        var length = BinaryPrimitives.ReadUInt16BigEndian(Need(value, 2, offset, name));
        return Need(value[2..], length, offset, name);
    }

    private static string GetString(ReadOnlySpan<byte> utf8)
    {
        foreach (var known in Known)
        {
            if (utf8.Length == known.Length && Ascii.Equals(utf8, known))
            {
                return known;
            }
        }

        return Encoding.UTF8.GetString(utf8);
    }

    private static EventStreamFormatException Invalid(long offset, string reason) =>
        new($"Invalid event-stream message at byte {offset}: {reason}.");
}
