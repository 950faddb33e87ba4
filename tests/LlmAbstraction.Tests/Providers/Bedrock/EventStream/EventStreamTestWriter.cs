using System.Buffers.Binary;
using System.Text;
using LlmAbstraction.Providers.Bedrock.EventStream;

namespace LlmAbstraction.Tests.Providers.Bedrock.EventStream;

/// <summary>Encodes event-stream frames for tests, with its own bitwise CRC32 (independent of the decoder's).</summary>
internal static class EventStreamTestWriter
{
    public static byte[] Frame(IEnumerable<(string Name, EventStreamHeaderType Type, object? Value)> headers, byte[] payload)
    {
        var block = new List<byte>();
        foreach (var (name, type, value) in headers)
        {
            var nameBytes = Encoding.UTF8.GetBytes(name);
            block.Add((byte)nameBytes.Length);
            block.AddRange(nameBytes);
            block.Add((byte)type);
            block.AddRange(type switch
            {
                EventStreamHeaderType.BoolTrue or EventStreamHeaderType.BoolFalse => [],
                EventStreamHeaderType.Byte => [(byte)(sbyte)value!],
                EventStreamHeaderType.Int16 => BigEndian(2, (short)value!),
                EventStreamHeaderType.Int32 => BigEndian(4, (int)value!),
                EventStreamHeaderType.Int64 or EventStreamHeaderType.Timestamp => BigEndian(8, (long)value!),
                EventStreamHeaderType.ByteArray => [.. BigEndian(2, ((byte[])value!).Length), .. (byte[])value!],
                EventStreamHeaderType.String => [.. BigEndian(2, Encoding.UTF8.GetByteCount((string)value!)), .. Encoding.UTF8.GetBytes((string)value!)],
                EventStreamHeaderType.Uuid => ((Guid)value!).ToByteArray(bigEndian: true),
                _ => throw new ArgumentOutOfRangeException(nameof(headers)),
            });
        }

        return Frame(block.ToArray(), payload);
    }

    /// <summary>Frames a raw header block (which may be deliberately invalid) with correct lengths and CRCs.</summary>
    public static byte[] Frame(byte[] headerBlock, byte[] payload)
    {
        var total = 16 + headerBlock.Length + payload.Length;
        var frame = new byte[total];
        BinaryPrimitives.WriteInt32BigEndian(frame, total);
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(4), headerBlock.Length);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(8), Crc32(frame.AsSpan(0, 8)));
        headerBlock.CopyTo(frame, 12);
        payload.CopyTo(frame, 12 + headerBlock.Length);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(total - 4), Crc32(frame.AsSpan(0, total - 4)));
        return frame;
    }

    /// <summary>A prelude with a valid CRC announcing arbitrary lengths.</summary>
    public static byte[] Prelude(uint totalLength, uint headersLength)
    {
        var prelude = new byte[12];
        BinaryPrimitives.WriteUInt32BigEndian(prelude, totalLength);
        BinaryPrimitives.WriteUInt32BigEndian(prelude.AsSpan(4), headersLength);
        BinaryPrimitives.WriteUInt32BigEndian(prelude.AsSpan(8), Crc32(prelude.AsSpan(0, 8)));
        return prelude;
    }

    public static byte[] BedrockEvent(string eventType, string json) => Frame(
        [(":event-type", EventStreamHeaderType.String, eventType), (":content-type", EventStreamHeaderType.String, "application/json"),
            (":message-type", EventStreamHeaderType.String, "event")],
        Encoding.UTF8.GetBytes(json));

    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    private static byte[] BigEndian(int size, long value)
    {
        var bytes = new byte[size];
        for (var i = size - 1; i >= 0; i--, value >>= 8)
        {
            bytes[i] = (byte)value;
        }

        return bytes;
    }
}
