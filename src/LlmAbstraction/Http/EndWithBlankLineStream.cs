namespace LlmAbstraction.Providers;

/// <summary>
/// A read-only view of a body that yields <c>"\n\n"</c> after the body's end, so that an SSE event the server
/// did not close with a blank line is still dispatched (extra blank lines are ignored by SSE parsers).
/// </summary>
internal sealed class EndWithBlankLineStream(Stream inner) : Stream
{
    private static readonly byte[] Tail = "\n\n"u8.ToArray();
    private int _tailPosition = -1;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_tailPosition < 0)
        {
            var n = inner.Read(buffer);
            if (n > 0 || buffer.IsEmpty) return n;
            _tailPosition = 0;
        }
        return CopyTail(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_tailPosition < 0)
        {
            var n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (n > 0 || buffer.IsEmpty) return n;
            _tailPosition = 0;
        }
        return CopyTail(buffer.Span);
    }

    private int CopyTail(Span<byte> buffer)
    {
        var n = Math.Min(buffer.Length, Tail.Length - _tailPosition);
        Tail.AsSpan(_tailPosition, n).CopyTo(buffer);
        _tailPosition += n;
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
