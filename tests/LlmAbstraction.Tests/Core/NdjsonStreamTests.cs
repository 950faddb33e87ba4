using System.Text;
using LlmAbstraction.Providers;

namespace LlmAbstraction.Tests.Core;

public class NdjsonStreamTests
{
    private static async Task<List<string>> ReadAll(Stream body, int maxLineBytes = NdjsonStream.DefaultMaxLineBytes)
    {
        var lines = new List<string>();
        await foreach (var line in NdjsonStream.ReadAsync(body, static span => Encoding.UTF8.GetString(span), CancellationToken.None, maxLineBytes))
            lines.Add(line);
        return lines;
    }

    [Test]
    public async Task Ndjson_reads_lf_and_crlf_lines_skips_blank_ones_and_keeps_a_last_line_without_newline()
    {
        var body = new MemoryStream(Encoding.UTF8.GetBytes("{\"a\":1}\n\r\n  {\"b\":2} \r\n\n{\"c\":\"é\"}"));
        Assert.That(await ReadAll(body), Is.EqualTo(new[] { "{\"a\":1}", "{\"b\":2}", "{\"c\":\"é\"}" }));
    }

    [Test]
    public async Task Ndjson_lines_split_across_reads_are_reassembled()
    {
        var text = "{\"message\":{\"content\":\"Grüße\"},\"done\":false}\n{\"done\":true}\n";
        Assert.That(await ReadAll(new TrickleStream(Encoding.UTF8.GetBytes(text))),
            Is.EqualTo(new[] { "{\"message\":{\"content\":\"Grüße\"},\"done\":false}", "{\"done\":true}" }));
    }

    [Test]
    public void Ndjson_line_longer_than_the_limit_is_a_typed_error()
    {
        var body = new MemoryStream(Encoding.UTF8.GetBytes(new string('x', 100) + "\n"));
        var ex = Assert.ThrowsAsync<ApiConnectionException>(async () => await ReadAll(body, maxLineBytes: 10));
        Assert.That(ex!.ErrorCode, Is.EqualTo("stream_malformed"));
    }

    [Test]
    public async Task Ndjson_empty_body_yields_nothing()
        => Assert.That(await ReadAll(new MemoryStream()), Is.Empty);

    /// <summary>Returns one byte per read, so every line spans many buffer segments.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, 1)]);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => base.ReadAsync(buffer[..Math.Min(buffer.Length, 1)], cancellationToken);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => base.ReadAsync(buffer, offset, Math.Min(count, 1), cancellationToken);
    }
}
