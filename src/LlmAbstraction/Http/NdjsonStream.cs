using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace LlmAbstraction.Providers;

/// <summary>Parses one NDJSON line (its UTF-8 bytes, surrounding whitespace trimmed, never empty).</summary>
/// <typeparam name="T">The parsed item.</typeparam>
public delegate T NdjsonLineParser<out T>(ReadOnlySpan<byte> line);

/// <summary>
/// Reads a newline-delimited JSON body (<c>application/x-ndjson</c>, e.g. Ollama's streams) line by line,
/// for adapters. Accepts <c>\n</c> and <c>\r\n</c>, skips blank lines, and parses a last line that lacks its newline.
/// </summary>
public static class NdjsonStream
{
    /// <summary>The longest line accepted by default (8 MiB): a longer one is a malformed stream, not a reason to buffer forever.</summary>
    public const int DefaultMaxLineBytes = 8 * 1024 * 1024;

    /// <summary>Enumerates the lines of <paramref name="body"/>, each parsed by <paramref name="parser"/>. The stream is not disposed.</summary>
    /// <exception cref="ApiConnectionException">(On enumeration) a line is longer than <paramref name="maxLineBytes"/>.</exception>
    public static IAsyncEnumerable<T> ReadAsync<T>(Stream body, NdjsonLineParser<T> parser, CancellationToken cancellationToken, int maxLineBytes = DefaultMaxLineBytes)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(parser);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLineBytes);
        return ReadCoreAsync(body, parser, maxLineBytes, cancellationToken);
    }

    private static async IAsyncEnumerable<T> ReadCoreAsync<T>(Stream body, NdjsonLineParser<T> parser, int maxLineBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(body, new StreamPipeReaderOptions(leaveOpen: true));
        var batch = new List<T>();
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = result.Buffer;
                var consumed = ParseLines(ref buffer, parser, batch, result.IsCompleted, maxLineBytes);
                reader.AdvanceTo(consumed, buffer.End);
                foreach (var item in batch) yield return item;
                batch.Clear();
                if (result.IsCompleted || result.IsCanceled) yield break;
            }
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static SequencePosition ParseLines<T>(ref ReadOnlySequence<byte> buffer, NdjsonLineParser<T> parser, List<T> batch, bool completed, int maxLineBytes)
    {
        while (buffer.PositionOf((byte)'\n') is { } newline)
        {
            Parse(buffer.Slice(0, newline), parser, batch, maxLineBytes);
            buffer = buffer.Slice(buffer.GetPosition(1, newline));
        }
        if (buffer.Length > maxLineBytes) throw TooLong(maxLineBytes);
        if (completed && !buffer.IsEmpty)
        {
            Parse(buffer, parser, batch, maxLineBytes);
            buffer = buffer.Slice(buffer.End);
        }
        return buffer.Start;
    }

    private static void Parse<T>(ReadOnlySequence<byte> line, NdjsonLineParser<T> parser, List<T> batch, int maxLineBytes)
    {
        if (line.Length > maxLineBytes) throw TooLong(maxLineBytes);
        if (line.IsSingleSegment)
        {
            Add(line.FirstSpan, parser, batch);
            return;
        }
        var rented = ArrayPool<byte>.Shared.Rent((int)line.Length);
        try
        {
            line.CopyTo(rented);
            Add(rented.AsSpan(0, (int)line.Length), parser, batch);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static void Add<T>(ReadOnlySpan<byte> line, NdjsonLineParser<T> parser, List<T> batch)
    {
        var trimmed = line.Trim(" \t\r\n"u8);
        if (!trimmed.IsEmpty) batch.Add(parser(trimmed));
    }

    private static ApiConnectionException TooLong(int max)
        => new($"An NDJSON line exceeded {max} bytes: the stream is malformed.", new LlmErrorDetails { ErrorCode = "stream_malformed" });
}
