using System.Text.Json;
using LlmAbstraction.Tests.TestSupport;
using static LlmAbstraction.Tests.Providers.Bedrock.BedrockTestSupport;

namespace LlmAbstraction.Tests.Providers.Bedrock;

/// <summary>InvokeModel embeddings for Titan text and Cohere on own fixtures.</summary>
public class BedrockEmbeddingTests
{
    private FakeProvider _fake = null!;

    [SetUp] public void SetUp() => _fake = new FakeProvider();
    [TearDown] public void TearDown() => _fake.Dispose();

    [Test]
    public async Task Bedrock_titan_embeds_one_input_per_signed_invoke_call_with_dimensions_and_token_counts()
    {
        const string model = "amazon.titan-embed-text-v2:0";
        _fake.Reply(ModelPath(model, "invoke"), 200, OwnFixtures.Text("bedrock/embed-titan-v2.response.json"));
        var recorder = new UriRecorder();
        var response = await Client(_fake, recorder: recorder).EmbeddingAsync(new EmbeddingRequest { Model = "bedrock/" + model, Input = ["hello", "world"], Dimensions = 256 });

        Assert.That(_fake.RequestCount, Is.EqualTo(2));
        Assert.That(recorder.LastPath, Is.EqualTo("/model/amazon.titan-embed-text-v2%3A0/invoke"));
        JsonAssert.AreEquivalent("""{"inputText":"world","dimensions":256}""", _fake.LastRequestBody);
        JsonAssert.AreEquivalent("""{"inputText":"hello","dimensions":256}""", _fake.Server.LogEntries.First().RequestMessage.Body!);
        Assert.That(response.Data.Select(d => d.Index), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(response.Data[0].Embedding, Is.EqualTo(new[] { 0.0123f, -0.0456f, 0.0789f, 0.1011f }));
        Assert.That(response.Usage!.PromptTokens, Is.EqualTo(10));
        Assert.That(response.Model, Is.EqualTo(model));
        Assert.That(Header(_fake, "Authorization"), Does.EndWith("Signature=" + RecomputeSignature(_fake, model, "invoke", Secret, Region)));
    }

    [Test]
    public async Task Bedrock_cohere_embeds_a_batch_with_input_type_and_reads_the_token_count_header()
    {
        const string model = "cohere.embed-english-v3";
        _fake.Reply(ModelPath(model, "invoke"), 200, OwnFixtures.Text("bedrock/embed-cohere.response.json"),
            headers: new Dictionary<string, string> { ["X-Amzn-Bedrock-Input-Token-Count"] = "4" });
        var response = await Client(_fake).EmbeddingAsync(new EmbeddingRequest
        {
            Model = "bedrock/" + model, Input = ["hello world", "goodbye world"],
            AdditionalProperties = new Dictionary<string, JsonElement> { ["truncate"] = JsonDocument.Parse("\"END\"").RootElement },
        });

        JsonAssert.AreEquivalent("""{"texts":["hello world","goodbye world"],"input_type":"search_document","truncate":"END"}""", _fake.LastRequestBody);
        Assert.That(response.Data, Has.Count.EqualTo(2));
        Assert.That(response.Data[1].Embedding, Is.EqualTo(new[] { 0.044f, -0.055f, 0.066f }));
        Assert.That(response.Usage!.PromptTokens, Is.EqualTo(4));
    }

    [Test]
    public async Task Bedrock_cohere_reads_embeddings_by_type_and_honours_a_caller_input_type()
    {
        const string model = "cohere.embed-v4:0";
        _fake.Reply(ModelPath(model, "invoke"), 200, """{"embeddings":{"float":[[0.5,0.25]]},"id":"x","response_type":"embeddings_by_type","texts":["q"]}""");
        var response = await Client(_fake).EmbeddingAsync(new EmbeddingRequest
        {
            Model = "bedrock/" + model, Input = ["q"],
            AdditionalProperties = new Dictionary<string, JsonElement> { ["input_type"] = JsonDocument.Parse("\"search_query\"").RootElement },
        });
        JsonAssert.AreEquivalent("""{"texts":["q"],"input_type":"search_query"}""", _fake.LastRequestBody);
        Assert.That(response.Data.Single().Embedding, Is.EqualTo(new[] { 0.5f, 0.25f }));
    }

    [Test]
    public void Bedrock_embedding_model_it_cannot_map_is_refused_before_sending()
    {
        var ex = Assert.ThrowsAsync<UnsupportedParamsException>(async () =>
            await Client(_fake).EmbeddingAsync(new EmbeddingRequest { Model = "bedrock/amazon.titan-embed-image-v1", Input = ["x"] }));
        Assert.That(ex!.Message, Does.Contain("amazon.titan-embed-image-v1"));
        Assert.That(_fake.RequestCount, Is.EqualTo(0));
    }
}
