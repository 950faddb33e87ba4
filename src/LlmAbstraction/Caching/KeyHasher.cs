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
/// Feeds key material into an incremental XxHash128, per thread and reused: strings go in as their UTF-16 bytes with a
/// length prefix (no transcoding, no concatenation), numbers as tagged fixed-size values, and nested JSON-shaped values
/// (tools, schemas, extras) through a pooled <see cref="Utf8JsonWriter"/>. Every field is framed, so different inputs
/// cannot run together into the same bytes.
/// </summary>
internal sealed class KeyHasher
{
    private const int MaxRetainedJson = 256 * 1024;
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    [ThreadStatic] private static KeyHasher? t_cached;

    private readonly XxHash128 _hash = new();
    private readonly ArrayBufferWriter<byte> _json = new(1024);
    private readonly Utf8JsonWriter _writer;

    private KeyHasher() => _writer = new Utf8JsonWriter(_json, WriterOptions);

    /// <summary>Takes this thread's hasher (or a new one when it is in use), reset.</summary>
    public static KeyHasher Rent()
    {
        var hasher = t_cached ?? new KeyHasher();
        t_cached = null;
        hasher._hash.Reset();
        return hasher;
    }

    /// <summary>The hash of everything added; the hasher goes back to the thread.</summary>
    public UInt128 HashAndReturn()
    {
        var hash = _hash.GetCurrentHashAsUInt128();
        if (_json.Capacity <= MaxRetainedJson) t_cached = this;
        return hash;
    }

    public void Add(string? value)
    {
        if (value is null) { AddLength(-1); return; }
        AddLength(value.Length);
        _hash.Append(MemoryMarshal.AsBytes(value.AsSpan()));
    }

    public void AddLength(int length)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(b, length);
        _hash.Append(b);
    }

    public void Add(long? value)
    {
        Span<byte> b = stackalloc byte[9];
        b[0] = value is null ? (byte)0 : (byte)1;
        BinaryPrimitives.WriteInt64LittleEndian(b[1..], value ?? 0);
        _hash.Append(b);
    }

    public void Add(double? value)
    {
        Span<byte> b = stackalloc byte[9];
        b[0] = value is null ? (byte)0 : (byte)2;
        BinaryPrimitives.WriteDoubleLittleEndian(b[1..], value ?? 0);
        _hash.Append(b);
    }

    public void Add(bool? value) => Add(value is null ? null : value.Value ? 1L : 0L);

    /// <summary>Adds a value as its JSON (null adds a null marker).</summary>
    public void AddJson<T>(T? value, JsonTypeInfo<T> info) where T : class
    {
        if (value is null) { AddLength(-1); return; }
        ResetJson();
        JsonSerializer.Serialize(_writer, value, info);
        AppendJson();
    }

    /// <summary>Adds extension-data fields, skipping <paramref name="skip"/>.</summary>
    public void AddExtras(IDictionary<string, JsonElement>? extras, HashSet<string>? skip = null)
    {
        if (extras is null || extras.Count == 0 || (skip is not null && extras.Keys.All(skip.Contains))) { AddLength(-1); return; }
        ResetJson();
        _writer.WriteStartObject();
        foreach (var (k, v) in extras)
            if (skip is null || !skip.Contains(k)) { _writer.WritePropertyName(k); v.WriteTo(_writer); }
        _writer.WriteEndObject();
        AppendJson();
    }

    /// <summary>Adds the first 16 bytes of a SHA-256 digest of a secret: the secret itself never enters the hash.</summary>
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
            _hash.Append(digest[..16]);
        }
        finally
        {
            bytes.Clear();
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private void ResetJson()
    {
        _json.ResetWrittenCount();
        _writer.Reset(_json);
    }

    private void AppendJson()
    {
        _writer.Flush();
        AddLength(_json.WrittenCount);
        _hash.Append(_json.WrittenSpan);
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
