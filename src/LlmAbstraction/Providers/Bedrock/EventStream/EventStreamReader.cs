using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace LlmAbstraction.Providers.Bedrock.EventStream;

/// <summary>
/// Decodes an <c>application/vnd.amazon.eventstream</c> body (Bedrock <c>ConverseStream</c>,
/// <c>InvokeModelWithResponseStream</c>) incrementally into messages whose prelude and message CRC32s are verified.
/// </summary>
public static class EventStreamReader
{
    /// <summary>Reads messages from <paramref name="stream"/> until it ends. The stream is not disposed.</summary>
    /// <param name="stream">The response body.</param>
    /// <param name="cancellationToken">Cancels waiting for bytes.</param>
    /// <returns>The messages, in order, as they complete.</returns>
    /// <exception cref="EventStreamFormatException">(On enumeration) a message is malformed or the stream ends inside one.</exception>
    public static IAsyncEnumerable<EventStreamMessage> ReadMessagesAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadFromStreamAsync(stream, cancellationToken);
    }

    /// <summary>Reads messages from <paramref name="reader"/> until it completes. The caller completes the reader.</summary>
    /// <param name="reader">The pipe holding the response body.</param>
    /// <param name="cancellationToken">Cancels waiting for bytes.</param>
    /// <returns>The messages, in order, as they complete.</returns>
    /// <exception cref="EventStreamFormatException">(On enumeration) a message is malformed or the pipe ends inside one.</exception>
    public static IAsyncEnumerable<EventStreamMessage> ReadMessagesAsync(PipeReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ReadCoreAsync(reader, cancellationToken);
    }

    private static async IAsyncEnumerable<EventStreamMessage> ReadFromStreamAsync(Stream stream,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        try
        {
            await foreach (var message in ReadCoreAsync(reader, cancellationToken).ConfigureAwait(false))
            {
                yield return message;
            }
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static async IAsyncEnumerable<EventStreamMessage> ReadCoreAsync(PipeReader reader,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var batch = new List<EventStreamMessage>();
        long offset = 0;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsCanceled)
            {
                throw new OperationCanceledException("The event-stream read was canceled.");
            }

            var buffer = result.Buffer;
            while (EventStreamFrameParser.TryRead(ref buffer, offset, out var message))
            {
                batch.Add(message!);
                offset += message!.TotalLength;
            }

            // Read what the error message needs before AdvanceTo: the buffer is invalid afterwards.
            var leftover = buffer.Length;
            var announced = result.IsCompleted ? EventStreamFrameParser.AnnouncedLength(buffer) : null;
            reader.AdvanceTo(buffer.Start, buffer.End);
            foreach (var message in batch)
            {
                yield return message;
            }

            batch.Clear();
            if (result.IsCompleted)
            {
                if (leftover > 0)
                {
                    throw Truncated(offset, leftover, announced);
                }

                yield break;
            }
        }
    }

    private static EventStreamFormatException Truncated(long offset, long buffered, long? announced) =>
        new($"Invalid event-stream message at byte {offset}: the stream ended inside a message "
            + $"({buffered} bytes received{(announced is { } total ? $" of {total} announced" : ", prelude incomplete")}).");
}
