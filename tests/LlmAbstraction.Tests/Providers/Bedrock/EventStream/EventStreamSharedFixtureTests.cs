using LlmAbstraction.Providers.Bedrock.EventStream;
using LlmAbstraction.Tests.TestSupport;

namespace LlmAbstraction.Tests.Providers.Bedrock.EventStream;

/// <summary>Official AWS test vectors and real Bedrock ConverseStream recordings from ../shared/fixtures/bedrock.</summary>
public class EventStreamSharedFixtureTests
{
    [TestCaseSource(typeof(EventStreamDecoding), nameof(EventStreamDecoding.SliceSizes))]
    public async Task Eventstream_decodes_every_positive_aws_test_vector(int sliceSize)
    {
        var root = SharedFixtures.RequireDir("fixtures/bedrock/eventstream-testvectors");
        var files = Directory.GetFiles(Path.Combine(root, "encoded", "positive")).Where(f => !f.EndsWith(".txt", StringComparison.Ordinal)).Order().ToList();
        Assert.That(files.Select(Path.GetFileName),
            Is.EqualTo(new[] { "all_headers", "empty_message", "int32_header", "payload_no_headers", "payload_one_str_header" }));

        foreach (var file in files)
        {
            var messages = await EventStreamDecoding.DecodeAsync(File.ReadAllBytes(file), sliceSize);
            Assert.That(messages, Has.Count.EqualTo(1), Path.GetFileName(file));
            EventStreamExpectations.AssertMatchesDecodedVector(messages[0], Path.Combine(root, "decoded", "positive", Path.GetFileName(file)));
        }
    }

    [TestCaseSource(typeof(EventStreamDecoding), nameof(EventStreamDecoding.SliceSizes))]
    public async Task Eventstream_rejects_every_negative_aws_test_vector_with_its_documented_error(int sliceSize)
    {
        var root = SharedFixtures.RequireDir("fixtures/bedrock/eventstream-testvectors");
        var files = Directory.GetFiles(Path.Combine(root, "encoded", "negative")).Where(f => !f.EndsWith(".txt", StringComparison.Ordinal)).Order().ToList();
        Assert.That(files, Has.Count.EqualTo(4));

        foreach (var file in files)
        {
            var expectedError = (await File.ReadAllTextAsync(Path.Combine(root, "decoded", "negative", Path.GetFileName(file)))).Trim();
            var bytes = File.ReadAllBytes(file);
            Assert.That(async () => await EventStreamDecoding.DecodeAsync(bytes, sliceSize),
                Throws.TypeOf<EventStreamFormatException>().With.Message.Contains(expectedError), Path.GetFileName(file));
        }
    }

    [TestCaseSource(typeof(EventStreamDecoding), nameof(EventStreamDecoding.SliceSizes))]
    public async Task Eventstream_decodes_every_recorded_converse_stream_frame_by_frame(int sliceSize)
    {
        var dir = SharedFixtures.RequireDir("fixtures/bedrock/converse-stream");
        var frames = await DecodeAllAgainstJsonlAsync(dir, sliceSize);
        Assert.That(frames, Is.EqualTo((8, 323)), "(.bin files, frames) decoded");
    }

    [TestCaseSource(typeof(EventStreamDecoding), nameof(EventStreamDecoding.SliceSizes))]
    public async Task Eventstream_decodes_single_frame_fixtures(int sliceSize)
    {
        var dir = SharedFixtures.RequireDir("fixtures/bedrock/eventstream-single-frames");
        var frames = await DecodeAllAgainstJsonlAsync(dir, sliceSize);
        Assert.That(frames, Is.EqualTo((2, 2)), "(.bin files, frames) decoded");
    }

    [Test]
    public async Task Eventstream_exposes_modeled_exception_frame_headers()
    {
        var dir = SharedFixtures.RequireDir("fixtures/bedrock/eventstream-single-frames");
        var bytes = File.ReadAllBytes(Path.Combine(dir, "vercel-model-stream-error-exception.SYNTHETIC.bin"));
        var message = (await EventStreamDecoding.DecodeAsync(bytes, 0)).Single();
        Assert.That((message.MessageType, message.ExceptionType, message.ContentType, message.EventType),
            Is.EqualTo(("exception", "modelStreamErrorException", "application/json", (string?)null)));
    }

    private static async Task<(int Files, int Frames)> DecodeAllAgainstJsonlAsync(string dir, int sliceSize)
    {
        int files = 0, frames = 0;
        foreach (var bin in Directory.GetFiles(dir, "*.bin").Order())
        {
            var messages = await EventStreamDecoding.DecodeAsync(File.ReadAllBytes(bin), sliceSize);
            EventStreamExpectations.AssertMatchesJsonl(messages, Path.ChangeExtension(bin, ".events.jsonl"), Path.GetFileName(bin));
            files++;
            frames += messages.Count;
        }

        return (files, frames);
    }
}
