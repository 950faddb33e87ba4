using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmAbstraction.Providers.Azure;
using LlmAbstraction.Tests.TestSupport;

namespace LlmAbstraction.Tests.Providers.Azure;

/// <summary>Replays every recording in ../shared/fixtures/azure (see its SOURCES.md) through the Azure adapter.</summary>
public class AzureSharedReplayTests
{
    private static readonly string[] Covered =
    [
        "errors/error-400-content-filter-innererror.from-python-repr.json",
        "errors/error-400-content-filter.json",
        "errors/error-401-access-denied.json",
        "errors/error-404-deployment-not-found.json",
        "errors/error-429-rate-limit.headers.txt",
        "errors/error-429-rate-limit.json",
        "errors/error-429-token-rate-limit-s0.from-python-repr.json",
        "recorded/chat-stream-text-model-router.chunks.jsonl",
        "recorded/chat-stream-text.sse",
        "recorded/chat-text.request-url.txt",
        "recorded/chat-text.request.json",
        "recorded/chat-text.response-headers.json",
        "recorded/chat-text.response.json",
    ];

    private FakeProvider _fake = null!;
    private string _dir = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = SharedFixtures.RequireDir("fixtures/azure");
        _fake = new FakeProvider();
    }

    [TearDown] public void TearDown() => _fake?.Dispose();

    private string Shared(string relative) => File.ReadAllText(Path.Combine(_dir, relative));

    private ILlmClient Client(string version = "2024-12-01-preview")
        => _fake.Client(b => b.Configure(o => o.Providers["azure"] = new ProviderSettings { ApiBase = _fake.Url, ApiKey = FakeProvider.TestKey, ApiVersion = version }));

    private static ChatCompletionRequest Ask(string deployment = "gpt-4o") => new() { Model = "azure/" + deployment, Messages = [ChatMessage.User("What is the capital of France?")] };

    [Test]
    public void Every_recording_in_the_shared_azure_folder_is_covered()
    {
        var files = Directory.GetFiles(_dir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_dir, f).Replace('\\', '/'))
            .Where(f => f != "SOURCES.md").Order(StringComparer.Ordinal).ToArray();
        Assert.That(files, Is.EqualTo(Covered), "a new recording appeared: replay it here");
    }

    [Test]
    public async Task Recorded_chat_text_sends_the_recorded_url_and_body_and_maps_the_response()
    {
        var recordedUrl = new Uri(Shared("recorded/chat-text.request-url.txt").Trim());
        var headers = JsonSerializer.Deserialize<Dictionary<string, string[]>>(Shared("recorded/chat-text.response-headers.json"))!
            .Where(h => h.Key is not ("content-length" or "content-type")).ToDictionary(h => h.Key, h => h.Value[0]);
        _fake.Reply(recordedUrl.AbsolutePath, 200, Shared("recorded/chat-text.response.json"), headers: headers);
        var request = Ask();
        request.N = 1;
        var response = await Client().CompletionAsync(request);

        var sent = new Uri(_fake.Server.LogEntries.Last().RequestMessage.Url);
        Assert.That(sent.PathAndQuery, Is.EqualTo(recordedUrl.PathAndQuery));
        Assert.That(_fake.LastRequestHeaders["api-key"].ToString(), Is.EqualTo(FakeProvider.TestKey));
        // The SDK writes "stream": false explicitly; we omit it (the API's default). Everything else must match.
        var expected = JsonNode.Parse(Shared("recorded/chat-text.request.json"))!.AsObject();
        Assert.That(expected["stream"]!.GetValue<bool>(), Is.False);
        expected.Remove("stream");
        JsonAssert.AreEquivalent(expected.ToJsonString(), _fake.LastRequestBody);

        Assert.That(response.Content, Is.EqualTo("The capital of France is **Paris**."));
        Assert.That(response.Model, Is.EqualTo("gpt-4o-2024-11-20"));
        Assert.That(response.Usage!.PromptTokens, Is.EqualTo(14));
        Assert.That(response.Usage.TotalTokens, Is.EqualTo(23));
        Assert.That(response.Details.ProviderRequestId, Is.EqualTo("1d93fae1-cb8e-4789-8fb6-d26577a3cb77"));
        var prompt = response.GetPromptFilterResults().Single();
        Assert.That(prompt.Results.Categories.Keys, Is.EquivalentTo(new[] { "hate", "jailbreak", "self_harm", "sexual", "violence" }));
        Assert.That(prompt.Results.AnyFiltered, Is.False);
        var output = response.Choices[0].GetContentFilterResults()!;
        Assert.That(output["protected_material_code"], Is.EqualTo(new ContentFilterCategoryResult(false, null, false)));
        Assert.That(output["violence"]!.Severity, Is.EqualTo("safe"));
    }

    [Test]
    public async Task Recorded_stream_skips_the_leading_filter_chunk_and_keeps_its_results()
    {
        // SOURCES.md: the Java text block kept one newline after `data: [DONE]` where a live stream sends two;
        // SSE dispatches an event only at a blank line, so restore the live framing.
        var sse = Shared("recorded/chat-stream-text.sse");
        Assert.That(sse, Does.EndWith("data: [DONE]\n"));
        _fake.Reply("/openai/deployments/gpt-4o/chat/completions", 200, sse + "\n", "text/event-stream");
        var chunks = new List<ChatCompletionChunk>();
        await foreach (var c in Client().StreamCompletionAsync(Ask())) chunks.Add(c);

        Assert.That(chunks, Has.Count.EqualTo(5));
        Assert.That(chunks.All(c => c.Id == "chatcmpl-BleatwEUn3D8iXsgXpDqeOPEMuW3j"), Is.True);
        Assert.That(chunks[0].Choices[0].Delta.Role, Is.EqualTo("assistant"));
        Assert.That(chunks[0].GetPromptFilterResults().Single().Results["hate"]!.Severity, Is.EqualTo("safe"));
        Assert.That(chunks[1].Choices[0].GetContentFilterResults()!.Categories, Has.Count.EqualTo(4));
        var rebuilt = ChunkAggregator.Build(chunks);
        Assert.That(rebuilt.Content, Is.EqualTo("Hallo Welt!"));
        Assert.That(rebuilt.Model, Is.EqualTo("gpt-4o-2024-08-06"));
        Assert.That(rebuilt.Choices[0].FinishReason, Is.EqualTo("stop"));
        Assert.That(rebuilt.Usage, Is.Null, "the recording asked for no usage");
    }

    [Test]
    public async Task Recorded_model_router_stream_ends_with_the_usage_chunk_including_reasoning_tokens()
    {
        var sse = new StringBuilder();
        foreach (var line in Shared("recorded/chat-stream-text-model-router.chunks.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            sse.Append("data: ").Append(line).Append("\n\n");
        sse.Append("data: [DONE]\n\n");
        _fake.Reply("/openai/deployments/model-router/chat/completions", 200, sse.ToString(), "text/event-stream");
        var chunks = new List<ChatCompletionChunk>();
        await foreach (var c in Client().StreamCompletionAsync(Ask("model-router"))) chunks.Add(c);

        Assert.That(chunks[0].Id, Is.EqualTo("chatcmpl-CYPS1lijGoK8gd9lYzY3r9Sx50nbt"));
        Assert.That(chunks[0].Choices[0].Delta.Role, Is.EqualTo("assistant"));
        Assert.That(chunks[0].GetPromptFilterResults(), Has.Count.EqualTo(1));
        Assert.That(chunks[^1].Choices, Is.Empty);
        Assert.That(chunks[^1].Usage!.ReasoningTokens, Is.EqualTo(64));
        Assert.That(chunks[^1].Usage!.TotalTokens, Is.EqualTo(93));
        Assert.That(chunks[^1].Details!.Provider, Is.EqualTo("azure"));
        var rebuilt = ChunkAggregator.Build(chunks);
        Assert.That(rebuilt.Content, Is.EqualTo("Capital of Denmark."));
        Assert.That(rebuilt.Model, Is.EqualTo("gpt-5-nano-2025-08-07"));
    }

    [TestCase("errors/error-400-content-filter.json", 400, typeof(ContentPolicyViolationException), "content_filter")]
    [TestCase("errors/error-400-content-filter-innererror.from-python-repr.json", 400, typeof(ContentPolicyViolationException), "content_filter")]
    [TestCase("errors/error-401-access-denied.json", 401, typeof(AuthenticationException), "401")]
    [TestCase("errors/error-404-deployment-not-found.json", 404, typeof(NotFoundException), "DeploymentNotFound")]
    [TestCase("errors/error-429-rate-limit.json", 429, typeof(RateLimitException), "429")]
    [TestCase("errors/error-429-token-rate-limit-s0.from-python-repr.json", 429, typeof(RateLimitException), "429")]
    public void Recorded_error_bodies_become_typed_errors(string file, int status, Type expected, string code)
    {
        var headers = file.Contains("429-rate-limit.json", StringComparison.Ordinal) ? RecordedHeaders("errors/error-429-rate-limit.headers.txt") : null;
        _fake.Reply("/openai/deployments/gpt-4o/chat/completions", status, Shared(file), headers: headers);
        var ex = Assert.ThrowsAsync(Is.InstanceOf(expected), async () => await Client().CompletionAsync(Ask())) as LlmException;

        Assert.That(ex!.GetType(), Is.EqualTo(expected));
        Assert.That(ex.StatusCode, Is.EqualTo((HttpStatusCode)status));
        Assert.That(ex.ErrorCode, Is.EqualTo(code));
        Assert.That(ex.Provider, Is.EqualTo("azure"));
        Assert.That(ex.IsRetryable, Is.EqualTo(status == 429));
        if (headers is not null) Assert.That(ex.ProviderRequestId, Is.EqualTo("3d37de60-f6c3-4ced-a637-92bc9d16d8b5"));
        if (file.Contains("innererror", StringComparison.Ordinal))
        {
            var verdicts = ex.GetContentFilterResults()!;
            Assert.That(verdicts["violence"], Is.EqualTo(new ContentFilterCategoryResult(true, "medium", null)));
            Assert.That(verdicts["jailbreak"]!.Detected, Is.False);
        }
    }

    private Dictionary<string, string> RecordedHeaders(string file)
        => Shared(file).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.Contains(':', StringComparison.Ordinal) && !l.StartsWith("content-", StringComparison.Ordinal))
            .ToDictionary(l => l[..l.IndexOf(':', StringComparison.Ordinal)], l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
}
