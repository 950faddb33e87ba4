using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace LlmAbstraction.Caching;

/// <summary>
/// Collects key material in a per-thread reused buffer, then hashes it in one pass (XxHash128): strings go in as their
/// UTF-16 bytes with a length prefix (no transcoding, no concatenation), numbers as tagged fixed-size values, and nested
/// JSON-shaped values (tools, schemas, extras) through a reused <see cref="Utf8JsonWriter"/> writing into the same buffer.
/// Every field is framed, so different inputs cannot run together into the same bytes.
/// </summary>
internal sealed class KeyHasher : IBufferWriter<byte>
{
    private const int MaxRetained = 256 * 1024;
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    [ThreadStatic] private static KeyHasher? t_cached;

    private readonly Utf8JsonWriter _writer;
    private byte[] _buffer = new byte[8192];
    private int _length;

    private KeyHasher() => _writer = new Utf8JsonWriter(this, WriterOptions);

    /// <summary>Takes this thread's hasher (or a new one when it is in use), emptied.</summary>
    public static KeyHasher Rent()
    {
        var hasher = t_cached ?? new KeyHasher();
        t_cached = null;
        hasher._length = 0;
        return hasher;
    }

    /// <summary>The hash of everything added; the hasher goes back to the thread.</summary>
    public UInt128 HashAndReturn()
    {
        var hash = XxHash128.HashToUInt128(_buffer.AsSpan(0, _length));
        if (_buffer.Length <= MaxRetained) t_cached = this;
        return hash;
    }

    public void Add(string? value)
    {
        if (value is null) { AddLength(-1); return; }
        AddLength(value.Length);
        Write(MemoryMarshal.AsBytes(value.AsSpan()));
    }

    public void AddLength(int length)
    {
        BinaryPrimitives.WriteInt32LittleEndian(GetSpan(4), length);
        Advance(4);
    }

    public void Add(long? value)
    {
        var b = GetSpan(9);
        b[0] = value is null ? (byte)0 : (byte)1;
        BinaryPrimitives.WriteInt64LittleEndian(b[1..], value ?? 0);
        Advance(9);
    }

    public void Add(double? value)
    {
        var b = GetSpan(9);
        b[0] = value is null ? (byte)0 : (byte)2;
        BinaryPrimitives.WriteDoubleLittleEndian(b[1..], value ?? 0);
        Advance(9);
    }

    public void Add(bool? value) => Add(value is null ? null : value.Value ? 1L : 0L);

    /// <summary>Adds a value as its JSON (null adds a null marker).</summary>
    public void AddJson<T>(T? value, JsonTypeInfo<T> info) where T : class
    {
        if (value is null) { AddLength(-1); return; }
        var at = StartJson();
        JsonSerializer.Serialize(_writer, value, info);
        EndJson(at);
    }

    /// <summary>Adds extension-data fields, skipping <paramref name="skip"/>.</summary>
    public void AddExtras(IDictionary<string, JsonElement>? extras, HashSet<string>? skip = null)
    {
        if (extras is null || extras.Count == 0 || (skip is not null && extras.Keys.All(skip.Contains))) { AddLength(-1); return; }
        var at = StartJson();
        _writer.WriteStartObject();
        foreach (var (k, v) in extras)
            if (skip is null || !skip.Contains(k)) { _writer.WritePropertyName(k); v.WriteTo(_writer); }
        _writer.WriteEndObject();
        EndJson(at);
    }

    /// <summary>Adds the first 16 bytes of a SHA-256 digest of a secret: the secret itself never enters the buffer.</summary>
    public void AddSecretDigest(string? secret)
    {
        if (secret is null) { AddLength(-1); return; }
        var max = Encoding.UTF8.GetMaxByteCount(secret.Length);
        byte[]? rented = null;
        var bytes = max <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var n = Encoding.UTF8.GetBytes(secret, bytes);
            Span<byte> digest = stackalloc byte[32];
            SHA256.HashData(bytes[..n], digest);
            AddLength(16);
            Write(digest[..16]);
        }
        finally
        {
            bytes.Clear();
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Reserves the length prefix of a JSON value and points the writer at the buffer.</summary>
    private int StartJson()
    {
        AddLength(0);
        _writer.Reset(this);
        return _length;
    }

    private void EndJson(int start)
    {
        _writer.Flush();
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(start - 4, 4), _length - start);
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        Advance(bytes.Length);
    }

    public void Advance(int count) => _length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_length);
    }

    private void Ensure(int sizeHint)
    {
        var needed = _length + Math.Max(sizeHint, 256);
        if (needed > _buffer.Length) Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
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
