using LlmAbstraction.Providers.Bedrock.EventStream;

namespace LlmAbstraction.Tests.Providers.Bedrock.EventStream;

/// <summary>Decodes bytes through <see cref="EventStreamReader"/>, optionally in fixed-size slices.</summary>
internal static class EventStreamDecoding
{
    /// <summary>0 = whole buffer at once; 1 and 7 prove incremental decoding.</summary>
    public static readonly int[] SliceSizes = [0, 1, 7];

    public static async Task<List<EventStreamMessage>> DecodeAsync(byte[] bytes, int sliceSize, CancellationToken cancellationToken = default)
    {
        var messages = new List<EventStreamMessage>();
        Stream stream = sliceSize == 0 ? new MemoryStream(bytes) : new SlicingStream(bytes, sliceSize);
        await foreach (var message in EventStreamReader.ReadMessagesAsync(stream, cancellationToken))
        {
            messages.Add(message);
        }

        return messages;
    }

    /// <summary>A read-only stream that never returns more than <c>sliceSize</c> bytes per read.</summary>
    private sealed class SlicingStream(byte[] data, int sliceSize) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(Math.Min(sliceSize, buffer.Length), data.Length - _position);
            data.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Yield(); // really asynchronous, like a network stream
            cancellationToken.ThrowIfCancellationRequested();
            return Read(buffer.Span);
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
