using System.Buffers;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace LlmAbstraction.Caching;

/// <summary>
/// A per-thread pooled buffer and JSON writer: key material is written as one canonical JSON array, then hashed
/// (XxHash128) into a short key. Nothing is concatenated into strings on the way.
/// </summary>
internal sealed class KeyWriter
{
    private const int MaxRetainedBytes = 256 * 1024;
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    [ThreadStatic] private static KeyWriter? t_cached;

    private readonly ArrayBufferWriter<byte> _buffer = new(4096);

    private KeyWriter() => Json = new Utf8JsonWriter(_buffer, WriterOptions);

    public Utf8JsonWriter Json { get; }

    /// <summary>Takes this thread's writer (or a new one when it is in use), reset and positioned inside a JSON array.</summary>
    public static KeyWriter Rent()
    {
        var writer = t_cached ?? new KeyWriter();
        t_cached = null;
        writer._buffer.ResetWrittenCount();
        writer.Json.Reset(writer._buffer);
        writer.Json.WriteStartArray();
        return writer;
    }

    /// <summary>Hashes what was written and returns the writer to the thread.</summary>
    public UInt128 HashAndReturn()
    {
        Json.WriteEndArray();
        Json.Flush();
        var hash = XxHash128.HashToUInt128(_buffer.WrittenSpan);
        if (_buffer.Capacity <= MaxRetainedBytes) t_cached = this;
        return hash;
    }

    /// <summary>Writes a SHA-256 digest (first 16 bytes, base64) of a secret: the secret itself never enters the key material.</summary>
    public void WriteSecretDigest(string? secret)
    {
        if (secret is null) { Json.WriteNullValue(); return; }
        var max = Encoding.UTF8.GetMaxByteCount(secret.Length);
        byte[]? rented = null;
        var bytes = max <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var n = Encoding.UTF8.GetBytes(secret, bytes);
            Span<byte> digest = stackalloc byte[32];
            SHA256.HashData(bytes[..n], digest);
            Json.WriteBase64StringValue(digest[..16]);
        }
        finally
        {
            bytes.Clear();
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Formats a key: <c>llm:{kind}:{namespace}:{32 hex digits}</c> (the namespace part only when set).</summary>
    public static string Format(char kind, string? ns, UInt128 hash)
    {
        var nsLength = ns is null ? 0 : ns.Length + 1;
        return string.Create(6 + nsLength + 32, (kind, ns, hash), static (span, s) =>
        {
            "llm:".CopyTo(span);
            span[4] = s.kind;
            span[5] = ':';
            var at = 6;
            if (s.ns is not null) { s.ns.CopyTo(span[at..]); at += s.ns.Length; span[at++] = ':'; }
            ((ulong)(s.hash >> 64)).TryFormat(span[at..], out _, "x16");
            ((ulong)s.hash).TryFormat(span[(at + 16)..], out _, "x16");
        });
    }
}
