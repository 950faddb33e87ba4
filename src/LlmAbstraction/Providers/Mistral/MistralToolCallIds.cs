using System.Security.Cryptography;
using System.Text;

namespace LlmAbstraction.Providers.Mistral;

/// <summary>
/// Mistral accepts only tool-call ids of exactly 9 characters from <c>[a-zA-Z0-9]</c>. Ids that already fit
/// are sent unchanged; any other id (e.g. OpenAI's <c>call_…</c>) is replaced by a deterministic 9-character
/// digest, so an assistant's tool call and the tool result answering it map to the same id.
/// </summary>
internal static class MistralToolCallIds
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    public const int Length = 9;

    public static bool IsValid(string id)
    {
        if (id.Length != Length) return false;
        foreach (var c in id)
            if (!char.IsAsciiLetterOrDigit(c)) return false;
        return true;
    }

    public static string ToMistral(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (IsValid(id)) return id;
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(id), hash);
        // 8 bytes → a 64-bit number → 9 base-62 digits (62^9 ≈ 1.35e16 distinct ids).
        var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(hash);
        Span<char> chars = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
        {
            chars[i] = Alphabet[(int)(value % 62)];
            value /= 62;
        }
        return new string(chars);
    }
}
