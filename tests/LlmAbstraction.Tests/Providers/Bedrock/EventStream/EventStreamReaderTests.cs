using System.IO.Pipelines;
using System.Text;
using LlmAbstraction.Providers.Bedrock.EventStream;
using H = LlmAbstraction.Providers.Bedrock.EventStream.EventStreamHeaderType;

namespace LlmAbstraction.Tests.Providers.Bedrock.EventStream;

public class EventStreamReaderTests
{
    private static readonly byte[] Conversation =
    [
        .. EventStreamTestWriter.BedrockEvent("messageStart", """{"p":"abc","role":"assistant"}"""),
        .. EventStreamTestWriter.BedrockEvent("contentBlockDelta", """{"contentBlockIndex":0,"delta":{"text":"Hel"},"p":"ab"}"""),
        .. EventStreamTestWriter.BedrockEvent("contentBlockDelta", """{"contentBlockIndex":0,"delta":{"text":"lo"},"p":"abcdefg"}"""),
        .. EventStreamTestWriter.BedrockEvent("contentBlockStop", """{"contentBlockIndex":0,"p":"a"}"""),
        .. EventStreamTestWriter.BedrockEvent("messageStop", """{"p":"abcd","stopReason":"end_turn"}"""),
    ];

    [TestCaseSource(typeof(EventStreamDecoding), nameof(EventStreamDecoding.SliceSizes))]
    public async Task Eventstream_decodes_multi_frame_stream_in_order(int sliceSize)
    {
        var messages = await EventStreamDecoding.DecodeAsync(Conversation, sliceSize);

        Assert.That(messages.Select(m => m.EventType), Is.EqualTo(new[] { "messageStart", "contentBlockDelta", "contentBlockDelta", "contentBlockStop", "messageStop" }));
        Assert.That(Encoding.UTF8.GetString(messages[2].Payload.Span), Is.EqualTo("""{"contentBlockIndex":0,"delta":{"text":"lo"},"p":"abcdefg"}"""));
        Assert.That(messages.Sum(m => m.TotalLength), Is.EqualTo(Conversation.Length));
    }

    [Test]
    public async Task Eventstream_round_trips_every_header_type()
    {
        var id = Guid.NewGuid();
        var frame = EventStreamTestWriter.Frame(
        [
            ("t", H.BoolTrue, null), ("f", H.BoolFalse, null), ("b", H.Byte, (sbyte)-7), ("s", H.Int16, (short)-300),
            ("i", H.Int32, 70000), ("l", H.Int64, long.MinValue), ("bytes", H.ByteArray, new byte[] { 0, 255 }),
            ("str", H.String, "héllo"), ("ts", H.Timestamp, 1_700_000_000_123L), ("id", H.Uuid, id),
        ], []);

        var h = (await EventStreamDecoding.DecodeAsync(frame, 0)).Single().Headers;

        Assert.Multiple(() =>
        {
            Assert.That(h.Select(x => x.Type), Is.EqualTo(new[] { H.BoolTrue, H.BoolFalse, H.Byte, H.Int16, H.Int32, H.Int64, H.ByteArray, H.String, H.Timestamp, H.Uuid }));
            Assert.That((h[0].AsBoolean(), h[1].AsBoolean()), Is.EqualTo((true, false)));
            Assert.That(h.Skip(2).Take(4).Select(x => x.AsInt64()), Is.EqualTo(new[] { -7L, -300L, 70000L, long.MinValue }));
            Assert.That(h[6].AsBytes().ToArray(), Is.EqualTo(new byte[] { 0, 255 }));
            Assert.That(h[7].AsString(), Is.EqualTo("héllo"));
            Assert.That(h[8].AsTimestamp(), Is.EqualTo(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123L)));
            Assert.That(h[9].AsGuid(), Is.EqualTo(id));
            Assert.That(() => h[7].AsInt64(), Throws.InvalidOperationException);
        });
    }

    [Test]
    public async Task Eventstream_exposes_error_message_headers()
    {
        var frame = EventStreamTestWriter.Frame(
            [(":message-type", H.String, "error"), (":error-code", H.String, "InternalFailure"), (":error-message", H.String, "boom")], []);
        var message = (await EventStreamDecoding.DecodeAsync(frame, 0)).Single();
        Assert.That((message.MessageType, message.ErrorCode, message.ErrorMessage, message.Payload.Length), Is.EqualTo(("error", "InternalFailure", "boom", 0)));
    }

    [TestCaseSource(nameof(MalformedFrames))]
    public void Eventstream_rejects_malformed_frame(byte[] bytes, string expectedText)
    {
        foreach (var slice in EventStreamDecoding.SliceSizes)
        {
            Assert.That(async () => await EventStreamDecoding.DecodeAsync(bytes, slice),
                Throws.TypeOf<EventStreamFormatException>().With.Message.Contains(expectedText), $"slice {slice}");
        }
    }

    private static IEnumerable<TestCaseData> MalformedFrames()
    {
        var good = EventStreamTestWriter.BedrockEvent("messageStop", """{"stopReason":"end_turn"}""");
        byte[] Flip(int index) { var copy = good.ToArray(); copy[index] ^= 0x01; return copy; }

        yield return new TestCaseData(Flip(9), "Prelude checksum mismatch").SetName("Eventstream_rejects_bad_prelude_crc");
        yield return new TestCaseData(Flip(good.Length - 10), "Message checksum mismatch").SetName("Eventstream_rejects_bad_message_crc");
        yield return new TestCaseData(Flip(good.Length - 1), "Message checksum mismatch").SetName("Eventstream_rejects_bad_message_crc_bytes");
        yield return new TestCaseData(EventStreamTestWriter.Prelude(15, 0), "total length 15").SetName("Eventstream_rejects_total_length_below_16");
        yield return new TestCaseData(EventStreamTestWriter.Prelude(16 * 1024 * 1024 + 1, 0), "total length 16777217").SetName("Eventstream_rejects_total_length_above_16_MiB");
        yield return new TestCaseData(EventStreamTestWriter.Prelude(40, 25), "headers length 25").SetName("Eventstream_rejects_headers_longer_than_message");
        yield return new TestCaseData(good[..^3], "ended inside a message (").SetName("Eventstream_rejects_stream_truncated_inside_frame");
        yield return new TestCaseData(good.Concat(good[..5]).ToArray(), "prelude incomplete").SetName("Eventstream_rejects_stream_truncated_inside_prelude");
        yield return new TestCaseData(EventStreamTestWriter.Frame([3, (byte)'a', (byte)'b', (byte)'c', 10], []), "unknown value type 10").SetName("Eventstream_rejects_unknown_header_type");
        yield return new TestCaseData(EventStreamTestWriter.Frame([1, (byte)'a', 7, 0, 9, (byte)'x'], []), "value is truncated").SetName("Eventstream_rejects_header_value_overrun");
        yield return new TestCaseData(EventStreamTestWriter.Frame([0, 7, 0, 0], []), "name length is zero").SetName("Eventstream_rejects_empty_header_name");
    }

    [Test]
    public async Task Eventstream_rejects_oversized_frame_from_prelude_without_waiting_for_body()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(EventStreamTestWriter.Prelude(64 * 1024 * 1024, 0)); // writer stays open: no EOF
        await using var messages = EventStreamReader.ReadMessagesAsync(pipe.Reader).GetAsyncEnumerator();

        Assert.That(async () => await messages.MoveNextAsync(), Throws.TypeOf<EventStreamFormatException>().With.Message.Contains("total length 67108864"));
    }

    [Test]
    public async Task Eventstream_pipe_reader_yields_each_frame_as_soon_as_it_completes()
    {
        var pipe = new Pipe();
        await using var messages = EventStreamReader.ReadMessagesAsync(pipe.Reader).GetAsyncEnumerator();
        var first = EventStreamTestWriter.BedrockEvent("messageStart", "{}");
        for (var i = 0; i < first.Length; i += 7)
        {
            await pipe.Writer.WriteAsync(first.AsMemory(i, Math.Min(7, first.Length - i)));
        }

        Assert.That(await messages.MoveNextAsync(), Is.True, "first frame without the writer completing");
        Assert.That(messages.Current.EventType, Is.EqualTo("messageStart"));

        await pipe.Writer.CompleteAsync();
        Assert.That(await messages.MoveNextAsync(), Is.False);
    }

    [Test]
    public async Task Eventstream_honours_cancellation_while_waiting_for_bytes()
    {
        var pipe = new Pipe();
        using var cts = new CancellationTokenSource();
        await using var messages = EventStreamReader.ReadMessagesAsync(pipe.Reader, cts.Token).GetAsyncEnumerator();
        var pending = messages.MoveNextAsync();
        cts.Cancel();
        Assert.That(async () => await pending, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task Eventstream_empty_body_yields_no_messages() =>
        Assert.That(await EventStreamDecoding.DecodeAsync([], 0), Is.Empty);

    [Test]
    public void Eventstream_reader_rejects_null_source() =>
        Assert.That(() => EventStreamReader.ReadMessagesAsync((Stream)null!), Throws.ArgumentNullException);
}
