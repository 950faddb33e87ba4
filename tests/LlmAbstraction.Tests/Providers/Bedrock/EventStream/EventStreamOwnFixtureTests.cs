using LlmAbstraction.Providers.Bedrock.EventStream;

namespace LlmAbstraction.Tests.Providers.Bedrock.EventStream;

/// <summary>Repo-local real vectors (Fixtures/bedrock-eventstream), decoded whole and in 1- and 7-byte slices.</summary>
public class EventStreamOwnFixtureTests
{
    private static string Fixture(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "bedrock-eventstream", name);

    [TestCaseSource(typeof(EventStreamDecoding), nameof(EventStreamDecoding.SliceSizes))]
    public async Task Eventstream_decodes_all_header_types_vector(int sliceSize)
    {
        var message = (await EventStreamDecoding.DecodeAsync(File.ReadAllBytes(Fixture("all_headers.bin")), sliceSize)).Single();

        EventStreamExpectations.AssertMatchesDecodedVector(message, Fixture("all_headers.decoded.json"));
        Assert.Multiple(() =>
        {
            Assert.That(message.TryGetHeader("content-type", out var ct) ? ct.AsString() : null, Is.EqualTo("application/json"));
            Assert.That(message.ContentType, Is.Null, "the vector's header is 'content-type', not ':content-type'");
            Assert.That(message.TryGetHeader("timestamp", out var ts) ? ts.AsTimestamp() : default,
                Is.EqualTo(DateTimeOffset.FromUnixTimeMilliseconds(8675309)));
            Assert.That(message.TryGetHeader("uuid", out var uuid) ? uuid.AsGuid() : default,
                Is.EqualTo(new Guid("01020304-0506-0708-090a-0b0c0d0e0f10")));
            Assert.That(message.TryGetHeader("byte", out var b) ? b.Value : null, Is.EqualTo((sbyte)-49));
        });
    }

    [TestCaseSource(typeof(EventStreamDecoding), nameof(EventStreamDecoding.SliceSizes))]
    public async Task Eventstream_decodes_real_bedrock_message_start_frame(int sliceSize)
    {
        var messages = await EventStreamDecoding.DecodeAsync(File.ReadAllBytes(Fixture("messageStart.bin")), sliceSize);

        EventStreamExpectations.AssertMatchesJsonl(messages, Fixture("messageStart.events.jsonl"), "messageStart.bin");
        Assert.That((messages[0].MessageType, messages[0].EventType), Is.EqualTo(("event", "messageStart")));
    }

    [Test]
    public void Eventstream_rejects_corrupted_payload_vector()
    {
        var expected = File.ReadAllText(Fixture("corrupted_payload.error.txt")).Trim();
        Assert.That(async () => await EventStreamDecoding.DecodeAsync(File.ReadAllBytes(Fixture("corrupted_payload.bin")), 0),
            Throws.TypeOf<EventStreamFormatException>().With.Message.Contains(expected));
    }
}
