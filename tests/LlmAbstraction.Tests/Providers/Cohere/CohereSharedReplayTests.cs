using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmAbstraction.Providers;
using LlmAbstraction.Providers.Cohere;
using LlmAbstraction.Tests.TestSupport;

namespace LlmAbstraction.Tests.Providers.Cohere;

/// <summary>Replays every recording in ../shared/fixtures/cohere (see its SOURCES.md) through WireMock.</summary>
public class CohereSharedReplayTests
{
    private static readonly string[] NonStreamRecordings =
        ["vercel-cohere-citations", "vercel-cohere-max-tokens", "vercel-cohere-null-args", "vercel-cohere-reasoning", "vercel-cohere-text", "vercel-cohere-tool-call"];

    private static readonly string[] StreamRecordings =
        ["vercel-cohere-empty-tool-call", "vercel-cohere-reasoning", "vercel-cohere-text", "vercel-cohere-tool-call"];

    private static readonly int[] StreamExamples = [2, 5, 6, 7];

    private FakeProvider _fake = null!;
    private string _dir = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = SharedFixtures.RequireDir("fixtures/cohere");
        _fake = new FakeProvider();
    }

    [TearDown] public void TearDown() => _fake?.Dispose();

    private ILlmClient Client() => CohereAdapterTests.CohereClient(_fake);

    private string Read(string relative) => File.ReadAllText(Path.Combine(_dir, relative));

    [Test]
    public void Every_cohere_recording_is_covered_by_a_replay()
    {
        var covered = new List<string> { "errors/quoted-400-invalid-request-v1.body.json", "errors/quoted-401-invalid-api-token.body.json",
            "recorded/vercel-cohere-embedding.json", "openapi-examples/v2-chat.x-fern-examples.json", "openapi-examples/v2-embed.x-fern-examples.json" };
        covered.AddRange(NonStreamRecordings.Select(n => $"recorded/{n}.json"));
        covered.AddRange(StreamRecordings.SelectMany(n => new[] { $"recorded/{n}.assembled.sse", $"recorded/{n}.chunks.txt" }));
        covered.AddRange(StreamExamples.Select(i => $"openapi-examples/v2-chat.example{i}.stream.assembled.sse"));
        var present = Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_dir, f).Replace('\\', '/')).Where(f => f != "SOURCES.md").Order(StringComparer.Ordinal).ToList();
        Assert.That(present, Has.Count.EqualTo(23));
        Assert.That(covered.Order(StringComparer.Ordinal), Is.EqualTo(present));
    }

    [TestCase("errors/quoted-400-invalid-request-v1.body.json", 400, typeof(BadRequestException))]
    [TestCase("errors/quoted-401-invalid-api-token.body.json", 401, typeof(AuthenticationException))]
    public void Cohere_recorded_error_bodies_become_typed_errors(string file, int status, Type expected)
    {
        var body = Read(file);
        _fake.Reply("/v2/chat", status, body);
        var ex = Assert.ThrowsAsync(Is.InstanceOf(expected), async () =>
            await Client().CompletionAsync(new ChatCompletionRequest { Model = "cohere/command-r", Messages = [ChatMessage.User("hi")], NumRetries = 0 })) as LlmException;
        Assert.That(ex!.GetType(), Is.EqualTo(expected));
        Assert.That(ex.StatusCode, Is.EqualTo((HttpStatusCode)status));
        Assert.That(ex.Details.ProviderMessage, Is.EqualTo(JsonDocument.Parse(body).RootElement.GetProperty("message").GetString()));
    }

    [TestCaseSource(nameof(NonStreamRecordings))]
    public async Task Cohere_recorded_response_maps_content_reasoning_tools_finish_and_usage(string name)
    {
        var body = Read($"recorded/{name}.json");
        _fake.Reply("/v2/chat", 200, body);
        var response = await Client().CompletionAsync(new ChatCompletionRequest { Model = "cohere/command-a-03-2025", Messages = [ChatMessage.User("hi")] });

        AssertSentChat(stream: false);
        var expected = Expected.FromResponse(JsonDocument.Parse(body).RootElement);
        expected.AssertMatches(response);
    }

    [Test]
    public async Task Cohere_recorded_tool_plan_is_reasoning_and_null_arguments_are_an_empty_object()
    {
        _fake.Reply("/v2/chat", 200, Read("recorded/vercel-cohere-null-args.json"));
        var response = await Client().CompletionAsync(new ChatCompletionRequest { Model = "cohere/command-a-03-2025", Messages = [ChatMessage.User("What time is it?")] });
        Assert.That(response.Content, Is.Null);
        Assert.That(response.Choices[0].Message.ReasoningContent, Is.EqualTo("I will use the currentTime tool to find the current time."));
        Assert.That(response.Choices[0].Message.ToolCalls![0].Function.Arguments, Is.EqualTo("{}"));
        Assert.That(response.Usage!.PromptTokens, Is.EqualTo(1445));
        Assert.That(response.Usage.CachedTokens, Is.EqualTo(992));
    }

    [TestCaseSource(nameof(StreamRecordings))]
    public async Task Cohere_recorded_stream_assembled_sse_rebuilds_the_same_message(string name)
    {
        var sse = Read($"recorded/{name}.assembled.sse");
        await ReplayStream(sse, Expected.FromEvents(ParseSse(sse)), new ChatCompletionRequest { Model = "cohere/command-a-03-2025", Messages = [ChatMessage.User("hi")] });
        AssertSentChat(stream: true);
    }

    [TestCaseSource(nameof(StreamRecordings))]
    public async Task Cohere_recorded_stream_chunks_without_done_marker_end_at_message_end(string name)
    {
        var events = Read($"recorded/{name}.chunks.txt").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        await ReplayStream(ToSse(events, done: false), Expected.FromEvents(events), new ChatCompletionRequest { Model = "cohere/command-a-03-2025", Messages = [ChatMessage.User("hi")] });
    }

    [Test]
    public async Task Cohere_recorded_stream_surfaces_tool_plan_as_reasoning_not_content()
    {
        var chunks = await Collect(Read("recorded/vercel-cohere-tool-call.assembled.sse"), new ChatCompletionRequest { Model = "cohere/command-a-03-2025", Messages = [ChatMessage.User("hi")] });
        var rebuilt = ChunkAggregator.Build(chunks);
        Assert.That(rebuilt.Content, Is.Null);
        Assert.That(rebuilt.Choices[0].Message.ReasoningContent, Does.StartWith("I will use the weather tool"));
        Assert.That(rebuilt.Choices[0].Message.ToolCalls!.Select(t => t.Function.Arguments), Is.EqualTo(new[] { """{"location": "San Francisco"}""", """{"city": "San Francisco"}""" }));
        Assert.That(chunks[^1].Usage!.PromptTokens, Is.EqualTo(1549));
    }

    [Test]
    public async Task Cohere_recorded_embedding_maps_float_vectors_and_billed_tokens()
    {
        _fake.Reply("/v2/embed", 200, Read("recorded/vercel-cohere-embedding.json"));
        var response = await Client().EmbeddingAsync(new EmbeddingRequest { Model = "cohere/embed-english-v3.0", Input = ["sunny day at the beach", "rainy day in the city"] });
        JsonAssert.AreEquivalent("""
            {"model":"embed-english-v3.0","texts":["sunny day at the beach","rainy day in the city"],"input_type":"search_document","embedding_types":["float"]}
            """, _fake.Server.LogEntries.Last().RequestMessage.Body!);
        Assert.That(_fake.Server.LogEntries.Last().RequestMessage.Path, Is.EqualTo("/v2/embed"));
        Assert.That(response.Data, Has.Count.EqualTo(2));
        Assert.That(response.Data[1].Embedding, Is.EqualTo(new[] { -0.04660034f, 0.00037765503f, -0.061157227f, -0.08239746f, -0.010360718f }));
        Assert.That(response.Usage!.PromptTokens, Is.EqualTo(10));
    }

    [TestCase(0), TestCase(1), TestCase(2), TestCase(3), TestCase(4), TestCase(5), TestCase(6), TestCase(7)]
    public async Task Cohere_official_chat_example_request_is_sent_verbatim_and_its_response_maps(int index)
    {
        var examples = JsonNode.Parse(Read("openapi-examples/v2-chat.x-fern-examples.json"))!.AsArray();
        Assert.That(examples, Has.Count.EqualTo(8));
        var example = examples[index]!;
        var recordedRequest = example["request"]!.ToJsonString();
        var request = JsonSerializer.Deserialize(recordedRequest, LlmJsonContext.Default.ChatCompletionRequest)!;
        var streaming = request.Stream == true;
        request.Stream = null;
        request.Model = "cohere/" + request.Model;

        if (streaming)
        {
            var events = example["response"]!["stream"]!.AsArray().Select(e => e!["data"]!.AsObject()).ToList();
            await ReplayStream(ToSse(events, done: true), Expected.FromEvents(events), request);
        }
        else
        {
            var body = example["response"]!["body"]!.ToJsonString();
            _fake.Reply("/v2/chat", 200, body);
            var response = await Client().CompletionAsync(request);
            Expected.FromResponse(JsonDocument.Parse(body).RootElement).AssertMatches(response);
        }
        JsonAssert.AreEquivalent(recordedRequest, _fake.LastRequestBody);
        AssertSentChat(streaming);
    }

    [TestCaseSource(nameof(StreamExamples))]
    public async Task Cohere_official_assembled_stream_example_replays(int index)
    {
        var sse = Read($"openapi-examples/v2-chat.example{index}.stream.assembled.sse");
        var example = JsonNode.Parse(Read("openapi-examples/v2-chat.x-fern-examples.json"))!.AsArray()[index]!;
        var request = JsonSerializer.Deserialize(example["request"]!.ToJsonString(), LlmJsonContext.Default.ChatCompletionRequest)!;
        request.Stream = null;
        request.Model = "cohere/" + request.Model;
        await ReplayStream(sse, Expected.FromEvents(ParseSse(sse)), request);
        JsonAssert.AreEquivalent(example["request"]!.ToJsonString(), _fake.LastRequestBody);
    }

    [Test]
    public async Task Cohere_official_text_embed_example_is_sent_verbatim_and_maps()
    {
        var example = JsonNode.Parse(Read("openapi-examples/v2-embed.x-fern-examples.json"))!.AsArray()[0]!;
        var recorded = example["request"]!.AsObject();
        _fake.Reply("/v2/embed", 200, example["response"]!["body"]!.ToJsonString());
        var response = await Client().EmbeddingAsync(new EmbeddingRequest
        {
            Model = "cohere/" + recorded["model"]!.GetValue<string>(),
            Input = recorded["texts"]!.AsArray().Select(t => t!.GetValue<string>()).ToList(),
            AdditionalProperties = new Dictionary<string, JsonElement> { ["input_type"] = JsonSerializer.SerializeToElement(recorded["input_type"]!.GetValue<string>(), LlmJsonContext.Default.String) },
        });
        JsonAssert.AreEquivalent(recorded.ToJsonString(), _fake.LastRequestBody);
        var vectors = example["response"]!["body"]!["embeddings"]!["float"]!.AsArray();
        Assert.That(response.Data, Has.Count.EqualTo(2));
        Assert.That(response.Data[0].Embedding, Has.Length.EqualTo(vectors[0]!.AsArray().Count));
        Assert.That(response.Data[1].Embedding[0], Is.EqualTo(vectors[1]![0]!.GetValue<float>()));
        Assert.That(response.Usage!.PromptTokens, Is.EqualTo(2));
    }

    /// <summary>An image-only embed has no texts, which the client's validation refuses, so this drives the adapter directly.</summary>
    [Test]
    public async Task Cohere_official_image_embed_example_passes_images_through_and_omits_texts()
    {
        var example = JsonNode.Parse(Read("openapi-examples/v2-embed.x-fern-examples.json"))!.AsArray()[1]!;
        var recorded = example["request"]!.AsObject();
        _fake.Reply("/v2/embed", 200, example["response"]!["body"]!.ToJsonString());
        var provider = new CohereProvider(new ProviderServices
        {
            Transport = new LlmHttpTransport(() => new HttpClient(), TimeProvider.System),
            TimeProvider = TimeProvider.System,
            ModelInfo = BuiltInModelInfo.Instance,
            Options = new LlmClientOptions(),
            Descriptor = CohereProvider.Descriptor,
        });
        var extra = new Dictionary<string, JsonElement>
        {
            ["input_type"] = JsonSerializer.SerializeToElement("image", LlmJsonContext.Default.String),
            ["images"] = JsonDocument.Parse(recorded["images"]!.ToJsonString()).RootElement,
        };
        var response = await provider.EmbedAsync(new ProviderEmbeddingRequest
        {
            Request = new EmbeddingRequest { Model = "cohere/embed-v4.0", Input = [], AdditionalProperties = extra },
            Model = "embed-v4.0",
            Endpoint = new ProviderEndpoint { ApiBase = _fake.Url, ApiKey = FakeProvider.TestKey },
        }, CancellationToken.None);
        JsonAssert.AreEquivalent(recorded.ToJsonString(), _fake.LastRequestBody);
        Assert.That(response.Data, Has.Count.EqualTo(1));
        Assert.That(response.Data[0].Embedding, Has.Length.EqualTo(1024));
    }

    private void AssertSentChat(bool stream)
    {
        var sent = _fake.Server.LogEntries.Last().RequestMessage;
        Assert.That(sent.Path, Is.EqualTo("/v2/chat"));
        Assert.That(sent.Headers!["Authorization"].ToString(), Is.EqualTo("Bearer " + FakeProvider.TestKey));
        using var body = JsonDocument.Parse(sent.Body!);
        Assert.That(body.RootElement.GetProperty("stream").GetBoolean(), Is.EqualTo(stream));
    }

    private async Task<List<ChatCompletionChunk>> Collect(string sse, ChatCompletionRequest request)
    {
        _fake.Reply("/v2/chat", 200, sse, "text/event-stream");
        var chunks = new List<ChatCompletionChunk>();
        await foreach (var c in Client().StreamCompletionAsync(request)) chunks.Add(c);
        return chunks;
    }

    private async Task ReplayStream(string sse, Expected expected, ChatCompletionRequest request)
    {
        var chunks = await Collect(sse, request);
        Assert.That(chunks[0].Choices[0].Delta.Role, Is.EqualTo("assistant"));
        Assert.That(chunks[^1].Choices, Is.Empty, "the last chunk carries usage only");
        Assert.That(chunks.Take(chunks.Count - 1).All(c => c.Usage is null), Is.True);
        expected.AssertMatches(ChunkAggregator.Build(chunks));
    }

    private static List<JsonObject> ParseSse(string sse)
        => sse.Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal) && l != "data: [DONE]")
            .Select(l => JsonNode.Parse(l["data: ".Length..])!.AsObject()).ToList();

    private static string ToSse(IEnumerable<JsonObject> events, bool done)
    {
        var sb = new StringBuilder();
        foreach (var e in events) sb.Append("event: ").Append(e["type"]!.GetValue<string>()).Append("\ndata: ").Append(e.ToJsonString()).Append("\n\n");
        if (done) sb.Append("data: [DONE]\n\n");
        return sb.ToString();
    }

    /// <summary>What the recording says the normalized message must be, read from the recording itself.</summary>
    private sealed record Expected(string? Id, string? Content, string? Reasoning, List<(string Id, string Name, string Args)> Tools, string Finish, int Prompt, int Completion, int Cached)
    {
        public static Expected FromResponse(JsonElement r)
        {
            var message = r.GetProperty("message");
            var items = message.TryGetProperty("content", out var c) ? c.EnumerateArray().ToList() : [];
            var text = string.Concat(items.Where(i => i.GetProperty("type").GetString() == "text").Select(i => i.GetProperty("text").GetString()));
            var reasoning = items.Where(i => i.GetProperty("type").GetString() == "thinking").Select(i => i.GetProperty("thinking").GetString()!).ToList();
            if (message.TryGetProperty("tool_plan", out var plan)) reasoning.Add(plan.GetString()!);
            var tools = message.TryGetProperty("tool_calls", out var calls)
                ? calls.EnumerateArray().Select(t => (t.GetProperty("id").GetString()!, t.GetProperty("function").GetProperty("name").GetString()!, NormalizeArgs(t.GetProperty("function").GetProperty("arguments").GetString()))).ToList()
                : [];
            var (prompt, completion, cached) = UsageOf(r.GetProperty("usage"));
            return new Expected(r.GetProperty("id").GetString(), text.Length > 0 ? text : null, reasoning.Count > 0 ? string.Join("\n", reasoning) : null,
                tools, FinishOf(r.GetProperty("finish_reason").GetString()!), prompt, completion, cached);
        }

        public static Expected FromEvents(List<JsonObject> events)
        {
            string? id = null;
            var content = new StringBuilder();
            var reasoning = new StringBuilder();
            var tools = new SortedDictionary<int, (string Id, string Name, StringBuilder Args)>();
            string? finish = null;
            (int, int, int) usage = default;
            foreach (var e in events)
            {
                using var doc = JsonDocument.Parse(e.ToJsonString());
                var root = doc.RootElement;
                var type = root.GetProperty("type").GetString();
                var message = root.TryGetProperty("delta", out var d) && d.TryGetProperty("message", out var m) ? m : default;
                switch (type)
                {
                    case "message-start": id = root.GetProperty("id").GetString(); break;
                    case "content-delta":
                        var item = message.GetProperty("content");
                        if (item.TryGetProperty("text", out var t)) content.Append(t.GetString());
                        if (item.TryGetProperty("thinking", out var th)) reasoning.Append(th.GetString());
                        break;
                    case "tool-plan-delta": reasoning.Append(message.GetProperty("tool_plan").GetString()); break;
                    case "tool-call-start":
                        var call = message.GetProperty("tool_calls");
                        tools[root.GetProperty("index").GetInt32()] = (call.GetProperty("id").GetString()!, call.GetProperty("function").GetProperty("name").GetString()!, new StringBuilder(call.GetProperty("function").GetProperty("arguments").GetString()));
                        break;
                    case "tool-call-delta": tools[root.GetProperty("index").GetInt32()].Args.Append(message.GetProperty("tool_calls").GetProperty("function").GetProperty("arguments").GetString()); break;
                    case "message-end":
                        finish = FinishOf(d.GetProperty("finish_reason").GetString()!);
                        usage = UsageOf(d.GetProperty("usage"));
                        break;
                }
            }
            return new Expected(id, content.Length > 0 ? content.ToString() : null, reasoning.Length > 0 ? reasoning.ToString() : null,
                tools.Values.Select(v => (v.Id, v.Name, NormalizeArgs(v.Args.ToString()))).ToList(), finish!, usage.Item1, usage.Item2, usage.Item3);
        }

        public void AssertMatches(ChatCompletionResponse response)
        {
            var choice = response.Choices.Single();
            Assert.That(response.Id, Is.EqualTo(Id));
            Assert.That(choice.Message.Content?.GetText(), Is.EqualTo(Content));
            Assert.That(choice.Message.ReasoningContent, Is.EqualTo(Reasoning));
            Assert.That((choice.Message.ToolCalls ?? []).Select(t => (t.Id, t.Function.Name!, t.Function.Arguments!)), Is.EqualTo(Tools));
            Assert.That(choice.FinishReason, Is.EqualTo(Finish));
            Assert.That(response.Usage!.PromptTokens, Is.EqualTo(Prompt));
            Assert.That(response.Usage.CompletionTokens, Is.EqualTo(Completion));
            Assert.That(response.Usage.TotalTokens, Is.EqualTo(Prompt + Completion));
            Assert.That(response.Usage.CachedTokens, Is.EqualTo(Cached));
        }

        private static string NormalizeArgs(string? args) => string.IsNullOrWhiteSpace(args) || args == "null" ? "{}" : args;

        private static string FinishOf(string reason) => reason switch
        {
            "COMPLETE" => "stop",
            "MAX_TOKENS" => "length",
            "TOOL_CALL" => "tool_calls",
            _ => throw new AssertionException("unexpected finish reason " + reason),
        };

        private static (int, int, int) UsageOf(JsonElement u)
        {
            var tokens = u.GetProperty("tokens");
            var cached = u.TryGetProperty("cached_tokens", out var c) ? (int)c.GetDouble() : 0;
            return ((int)tokens.GetProperty("input_tokens").GetDouble(), (int)tokens.GetProperty("output_tokens").GetDouble(), cached);
        }
    }
}
