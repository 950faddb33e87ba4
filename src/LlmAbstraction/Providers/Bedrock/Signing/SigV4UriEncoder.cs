using System.Buffers;
using System.Text;

namespace LlmAbstraction.Providers.Bedrock.Signing;

/// <summary>RFC 3986 percent-encoding as SigV4 requires: everything but <c>A-Z a-z 0-9 - _ . ~</c> becomes <c>%XY</c>.</summary>
internal static class SigV4UriEncoder
{
    private const string Hex = "0123456789ABCDEF";

    public static void Append(StringBuilder builder, string value, bool encodeSlash)
    {
        byte[]? rented = null;
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        Span<byte> utf8 = max <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(max));
        var length = Encoding.UTF8.GetBytes(value, utf8);
        Append(builder, utf8[..length], encodeSlash);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public static void Append(StringBuilder builder, ReadOnlySpan<byte> utf8, bool encodeSlash)
    {
        foreach (var b in utf8)
        {
            if (IsUnreserved(b) || (b == (byte)'/' && !encodeSlash))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
            }
        }
    }

    /// <summary>Encodes a query component after percent-decoding it, so that already-encoded input is not encoded twice.</summary>
    public static string EncodeQueryComponent(string value)
    {
        var decoded = PercentDecode(value);
        var builder = new StringBuilder(decoded.Length * 3 / 2);
        Append(builder, decoded, encodeSlash: true);
        return builder.ToString();
    }

    /// <summary>Decodes <c>%XY</c> escapes to bytes (invalid escapes stay literal); <c>+</c> is kept as is.</summary>
    public static byte[] PercentDecode(string value)
    {
        var utf8 = Encoding.UTF8.GetBytes(value);
        if (Array.IndexOf(utf8, (byte)'%') < 0)
        {
            return utf8;
        }

        var output = new byte[utf8.Length];
        var count = 0;
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'%' && i + 2 < utf8.Length && TryHex(utf8[i + 1], out var hi) && TryHex(utf8[i + 2], out var lo))
            {
                output[count++] = (byte)((hi << 4) | lo);
                i += 2;
            }
            else
            {
                output[count++] = utf8[i];
            }
        }

        return output.AsSpan(0, count).ToArray();
    }

    private static bool IsUnreserved(byte b) =>
        b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~';

    private static bool TryHex(byte b, out int value)
    {
        value = b switch
        {
            >= (byte)'0' and <= (byte)'9' => b - '0',
            >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
            >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
            _ => -1,
        };
        return value >= 0;
    }
}
