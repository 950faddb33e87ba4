using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Web;
using LlmAbstraction.Tests.Providers.Gemini;
using LlmAbstraction.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using static LlmAbstraction.Tests.Providers.VertexAI.VertexTestSupport;

namespace LlmAbstraction.Tests.Providers.VertexAI;

/// <summary>
/// Replays every recording in shared/fixtures/vertex (see its SOURCES.md): Claude exchanges (native Anthropic
/// captures, the format rawPredict/streamRawPredict serve), Gemini-on-Vertex exchanges (int enums, JSON-array stream),
/// the streamed-arguments capture, the Gemini 3 parallel-call signatures, the :predict embedding response, the quoted
/// error bodies (object and top-level array), and Google's public test service account for the JWT flow.
/// </summary>
public class VertexSharedReplayTests
{
    private FakeProvider _fake = null!;
    private TestServiceAccount _account = null!;
    private string _dir = null!;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [SetUp]
    public void SetUp()
    {
        _dir = SharedFixtures.RequireDir("fixtures/vertex");
        _fake = new FakeProvider();
        _account = new TestServiceAccount(_fake.Url + "/token");
        _fake.ReplyToken();
    }

    [TearDown]
    public void TearDown()
    {
        _fake?.Dispose();
        _account?.Dispose();
    }

    private string Read(string relative) => File.ReadAllText(Path.Combine(_dir, relative));

    private static readonly string[] ClaudeExchanges =
    [
        "native-anthropic-oi-test_anthropic_instrumentation_messages", "native-anthropic-oi-test_anthropic_instrumentation_messages_streaming",
        "native-anthropic-oi-test_anthropic_instrumentation_multiple_tool_calling", "native-anthropic-oi-test_anthropic_instrumentation_multiple_tool_calling_streaming",
    ];

    private static readonly string[] GeminiExchanges = ["oi-langchain-test_gemini_token_counts", "oi-langchain-test_gemini_token_counts_streaming"];

    private static readonly string[] ErrorFiles =
    [
        "errors/quoted-rawpredict-400-failed-precondition.json", "errors/quoted-rawpredict-429-array.json", "errors/quoted-streamrawpredict-429-object.json",
    ];

    [Test]
    public void Every_shared_vertex_recording_is_replayed()
    {
        var claimed = new HashSet<string>(StringComparer.Ordinal)
        {
            "SOURCES.md", "embeddings/vercel-google-vertex-embedding.json",
            "gemini/vercel-google-vertex-stream-tool-call-arguments-nested.1.chunks.txt", "gemini/vercel-issue-16298-gemini3-parallel-tool-calls.json",
            "oauth/google-auth-testdata-privatekey.pem", "oauth/google-auth-testdata-public_cert.pem", "oauth/google-auth-testdata-service_account.json",
        };
        foreach (var e in ClaudeExchanges) foreach (var s in new[] { ".request.json", ".response.json", ".response.sse" }) claimed.Add("anthropic/" + e + s);
        foreach (var e in GeminiExchanges) foreach (var s in new[] { ".request.json", ".response.json", ".url.txt" }) claimed.Add("gemini/" + e + s);
        foreach (var f in ErrorFiles) claimed.Add(f);
        var files = Directory.GetFiles(_dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_dir, f).Replace('\\', '/')).ToList();
        Assert.That(files.Where(f => !claimed.Contains(f) && !f.EndsWith(".cassette.yaml", StringComparison.Ordinal)), Is.Empty);
        Assert.That(files, Has.Count.EqualTo(30));
        Assert.That(files.Count(f => f.EndsWith(".cassette.yaml", StringComparison.Ordinal)), Is.EqualTo(6));
    }

    [TestCaseSource(nameof(ClaudeExchanges))]
    public async Task Recorded_claude_exchange_is_reproduced_through_raw_predict(string name)
    {
        var recorded = JsonNode.Parse(Read($"anthropic/{name}.request.json"))!.AsObject();
        var stream = recorded["stream"]?.GetValue<bool>() == true;
        var model = recorded["model"]!.GetValue<string>();
        var path = $"/v1/projects/{Project}/locations/us-east5/publishers/anthropic/models/{model}:" + (stream ? "streamRawPredict" : "rawPredict");
        var body = stream ? Read($"anthropic/{name}.response.sse") : Read($"anthropic/{name}.response.json");
        _fake.Reply(path, 200, body, stream ? "text/event-stream" : "application/json");

        var request = new ChatCompletionRequest { Model = "vertex_ai/" + model, MaxTokens = recorded["max_tokens"]!.GetValue<int>() };
        foreach (var m in recorded["messages"]!.AsArray()) request.Messages.Add(ChatMessage.User(m!["content"]!.GetValue<string>()));
        foreach (var t in recorded["tools"]?.AsArray() ?? [])
            (request.Tools ??= []).Add(ToolDefinition.ForFunction(t!["name"]!.GetValue<string>(), t["description"]?.GetValue<string>(), JsonDocument.Parse(t["input_schema"]!.ToJsonString()).RootElement));
        var client = _fake.VertexClient(_account.Json, _time, "us-east5");
        var response = stream ? ChunkAggregator.Build(await client.StreamCompletionAsync(request).CollectAsync()) : await client.CompletionAsync(request);

        // Vertex's body = the Messages body without "model", plus anthropic_version (user content as the block list we always send).
        recorded.Remove("model");
        recorded["anthropic_version"] = "vertex-2023-10-16";
        foreach (var m in recorded["messages"]!.AsArray())
            m!["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = m["content"]!.GetValue<string>() });
        JsonAssert.AreEquivalent(recorded.ToJsonString(), _fake.Requests(path).Single().RequestMessage.Body!);
        Assert.That(_fake.Requests(path).Single().Header("Authorization"), Is.EqualTo("Bearer " + Token));

        var expected = ExpectedClaude(body, stream);
        var choice = response.Choices.Single();
        Assert.That(choice.Message.Content?.GetText(), Is.EqualTo(expected.Text));
        Assert.That(choice.Message.ToolCalls?.Select(c => c.Function.Name).ToList() ?? [], Is.EqualTo(expected.Tools));
        Assert.That(choice.FinishReason, Is.EqualTo(expected.Tools.Count > 0 ? "tool_calls" : "stop"));
        Assert.That((response.Usage!.PromptTokens, response.Usage.CompletionTokens), Is.EqualTo((expected.Input, expected.Output)));
    }

    private static (string Text, List<string> Tools, int Input, int Output) ExpectedClaude(string body, bool stream)
    {
        if (!stream)
        {
            var r = JsonDocument.Parse(body).RootElement;
            var blocks = r.GetProperty("content").EnumerateArray().ToList();
            return (string.Concat(blocks.Where(b => b.GetProperty("type").GetString() == "text").Select(b => b.GetProperty("text").GetString())),
                blocks.Where(b => b.GetProperty("type").GetString() == "tool_use").Select(b => b.GetProperty("name").GetString()!).ToList(),
                r.GetProperty("usage").GetProperty("input_tokens").GetInt32(), r.GetProperty("usage").GetProperty("output_tokens").GetInt32());
        }
        var text = new StringBuilder();
        var tools = new List<string>();
        int input = 0, output = 0;
        foreach (var line in body.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)))
        {
            var e = JsonDocument.Parse(line[5..]).RootElement;
            switch (e.GetProperty("type").GetString())
            {
                case "message_start": input = e.GetProperty("message").GetProperty("usage").GetProperty("input_tokens").GetInt32(); break;
                case "content_block_start" when e.GetProperty("content_block").GetProperty("type").GetString() == "tool_use": tools.Add(e.GetProperty("content_block").GetProperty("name").GetString()!); break;
                case "content_block_delta" when e.GetProperty("delta").TryGetProperty("text", out var t): text.Append(t.GetString()); break;
                case "message_delta": output = e.GetProperty("usage").GetProperty("output_tokens").GetInt32(); break;
            }
        }
        return (text.ToString(), tools, input, output);
    }

    [TestCaseSource(nameof(GeminiExchanges))]
    public async Task Recorded_gemini_on_vertex_exchange_with_int_enums_is_reproduced(string name)
    {
        var url = new Uri(Read($"gemini/{name}.url.txt").Trim().Split(' ')[1]);
        var stream = url.AbsolutePath.EndsWith(":streamGenerateContent", StringComparison.Ordinal);
        var body = Read($"gemini/{name}.response.json");
        _fake.Reply(url.AbsolutePath, 200, body, "application/json; charset=UTF-8");
        var recordedRequest = Read($"gemini/{name}.request.json");
        var request = GeminiRecordedExchange.ToOpenAIRequest(recordedRequest, "vertex_ai/gemini-2.5-flash");

        var client = _fake.VertexClient(_account.Json, _time, apiVersion: "v1beta1");
        var response = stream ? ChunkAggregator.Build(await client.StreamCompletionAsync(request).CollectAsync()) : await client.CompletionAsync(request);

        // Same path; we ask for SSE (?alt=sse) where the Python transport asked for ?$alt=json;enum-encoding=int.
        var sent = _fake.Requests(url.AbsolutePath).Single();
        Assert.That(new Uri(sent.RequestMessage.Url).Query, Is.EqualTo(stream ? "?alt=sse" : ""));
        Assert.That(GeminiTestSupport.NormalizeGeminiRequest(sent.RequestMessage.Body!), Is.EqualTo(GeminiTestSupport.NormalizeGeminiRequest(recordedRequest)));
        var events = GeminiRecordedExchange.Events(body);
        var expected = GeminiRecordedExchange.Expect(events);
        Assert.That(response.Content, Is.EqualTo(expected.TextParts.Single()));
        Assert.That(response.Choices[0].FinishReason, Is.EqualTo("stop"), "finishReason 1 is STOP");
        Assert.That(response.Choices[0].ProviderFinishReason, Is.EqualTo("STOP"));
        Assert.That((response.Usage!.PromptTokens, response.Usage.CompletionTokens, response.Usage.TotalTokens), Is.EqualTo((expected.Prompt, expected.Completion, expected.Total)));
    }

    [Test]
    public async Task Recorded_nested_streamed_arguments_are_rebuilt()
    {
        var lines = Read("gemini/vercel-google-vertex-stream-tool-call-arguments-nested.1.chunks.txt");
        _fake.Reply("/v1/projects/test-project/locations/us-central1/publishers/google/models/gemini-3.1-pro-preview:streamGenerateContent", 200, GeminiRecordedExchange.ToSse(lines), "text/event-stream");
        var response = ChunkAggregator.Build(await _fake.VertexClient(_account.Json, _time)
            .StreamCompletionAsync(new ChatCompletionRequest { Model = "vertex_ai/gemini-3.1-pro-preview", Messages = [ChatMessage.User("recipe")] }).CollectAsync());
        var call = response.Choices.Single().Message.ToolCalls!.Single();
        Assert.That(call.Function.Name, Is.EqualTo("cookRecipe"));
        var args = JsonDocument.Parse(call.Function.Arguments!).RootElement.GetProperty("recipe");
        var maxIngredient = System.Text.RegularExpressions.Regex.Matches(lines, @"ingredients\[(\d+)\]").Max(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(args.GetProperty("ingredients").GetArrayLength(), Is.EqualTo(maxIngredient + 1));
        Assert.That(args.GetProperty("ingredients")[0].GetProperty("amount").GetString(), Is.EqualTo("16 oz"));
        Assert.That(args.GetProperty("ingredients")[0].GetProperty("name").GetString(), Is.EqualTo("Lasagna noodles"));
        Assert.That(args.GetProperty("name").GetString(), Is.EqualTo("Lasagna"));
        Assert.That(args.GetProperty("steps")[1].GetString(), Is.EqualTo("Cook lasagna noodles according to package directions, drain and set aside."));
        Assert.That(args.GetProperty("steps")[4].GetString(), Is.EqualTo("In a 9x13 baking dish, spread a thin layer of meat sauce."));
        Assert.That(response.Choices[0].FinishReason, Is.EqualTo("tool_calls"));
        Assert.That(response.Usage!.CompletionTokens, Is.EqualTo(684 + 1026));
    }

    [Test]
    public async Task Recorded_gemini3_parallel_calls_send_the_signature_on_the_first_call_only()
    {
        var capture = JsonDocument.Parse(Read("gemini/vercel-issue-16298-gemini3-parallel-tool-calls.json")).RootElement;
        var model = capture.GetProperty("model").GetString()!.Split('/')[1];
        var assistant = new ChatMessage(ChatRoles.Assistant, null) { ToolCalls = [] };
        var messages = new List<ChatMessage> { ChatMessage.User(capture.GetProperty("prompt").GetString()!), assistant };
        foreach (var tc in capture.GetProperty("toolCalls").EnumerateArray())
        {
            var call = new ToolCall { Id = tc.GetProperty("toolCallId").GetString()!, Function = new FunctionCall { Name = tc.GetProperty("toolName").GetString(), Arguments = tc.GetProperty("input").GetRawText() } };
            if (tc.GetProperty("providerMetadata") is { ValueKind: JsonValueKind.Object } meta)
                call.ProviderSpecificFields = new Dictionary<string, JsonElement> { ["thought_signature"] = meta.GetProperty("vertex").GetProperty("thoughtSignature").Clone() };
            assistant.ToolCalls.Add(call);
            messages.Add(ChatMessage.Tool(call.Id, "sunny"));
        }
        _fake.Reply($"/v1/projects/test-project/locations/us-central1/publishers/google/models/{model}:generateContent", 200, OwnFixtures.Text("gemini/generate-thoughts-tools.response.json"));
        var response = await _fake.VertexClient(_account.Json, _time).CompletionAsync(new ChatCompletionRequest { Model = "vertex_ai/" + model, Messages = messages });

        using var sent = JsonDocument.Parse(_fake.LastRequestBody);
        var modelParts = sent.RootElement.GetProperty("contents")[1].GetProperty("parts");
        JsonAssert.AreEquivalent("""
            [{"functionCall":{"id":"lpndqlku","name":"get_weather","args":{"city":"Paris"}},"thoughtSignature":"AY89a19YsnFp7FOSIejJDV9XuMU996D+ZaDJiD6L9EEi+Lh+VGTEGqM3Lip3DPI7QzY="},
             {"functionCall":{"id":"m6rogicj","name":"get_weather","args":{"city":"Tokyo"}}}]
            """, modelParts.GetRawText());
        Assert.That(sent.RootElement.GetProperty("contents")[2].GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("functionResponse").GetProperty("name").GetString()),
            Is.EqualTo(new[] { "get_weather", "get_weather" }));
        Assert.That(response.Details.Warnings, Is.Empty, "the first call has its signature, so no placeholder is needed");
    }

    [Test]
    public async Task Recorded_predict_embedding_response_is_read()
    {
        _fake.Reply("/v1/projects/test-project/locations/us-central1/publishers/google/models/text-embedding-004:predict", 200, Read("embeddings/vercel-google-vertex-embedding.json"));
        var response = await _fake.VertexClient(_account.Json, _time).EmbeddingAsync(new EmbeddingRequest { Model = "vertex_ai/text-embedding-004", Input = ["sunny day at the beach", "rainy day in the city"] });
        Assert.That(response.Data.Select(d => d.Embedding.Length), Is.EqualTo(new[] { 5, 5 }));
        Assert.That(response.Data[0].Embedding[0], Is.EqualTo(-0.017999587580561638f));
        Assert.That(response.Usage!.PromptTokens, Is.EqualTo(5 + 6));
    }

    [TestCaseSource(nameof(ErrorFiles))]
    public void Recorded_vertex_error_body_becomes_a_typed_error(string file)
    {
        var body = Read(file);
        var error = JsonDocument.Parse(body).RootElement;
        if (error.ValueKind == JsonValueKind.Array) error = error[0];
        error = error.GetProperty("error");
        var status = error.GetProperty("code").GetInt32();
        var stream = file.Contains("streamrawpredict", StringComparison.Ordinal);
        _fake.Reply($"/v1/projects/test-project/locations/us-east5/publishers/anthropic/models/claude-sonnet-4@20250514:{(stream ? "streamRawPredict" : "rawPredict")}", status, body);
        var client = _fake.VertexClient(_account.Json, _time, "us-east5");
        var request = new ChatCompletionRequest { Model = "vertex_ai/claude-sonnet-4@20250514", Messages = [ChatMessage.User("hi")] };
        AsyncTestDelegate act = stream ? async () => await client.StreamCompletionAsync(request).CollectAsync() : async () => await client.CompletionAsync(request);
        var ex = (LlmException)Assert.ThrowsAsync(Is.InstanceOf<LlmException>(), act)!;
        Assert.That(ex.StatusCode, Is.EqualTo((HttpStatusCode)status));
        Assert.That(ex.ErrorCode, Is.EqualTo(error.GetProperty("status").GetString()));
        Assert.That(ex.Details.ProviderMessage, Is.EqualTo(error.GetProperty("message").GetString()));
        Assert.That(ex, status == 429 ? Is.TypeOf<RateLimitException>() : Is.TypeOf<BadRequestException>());
    }

    [Test]
    public async Task Google_public_test_service_account_signs_an_assertion_its_certificate_verifies()
    {
        var json = JsonNode.Parse(Read("oauth/google-auth-testdata-service_account.json"))!;
        Assert.That(json["token_uri"]!.GetValue<string>(), Is.EqualTo("https://accounts.google.com/o/oauth2/token"));
        json["token_uri"] = _fake.Url + "/token"; // loopback only
        _fake.Reply("/v1/projects/example-project/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent", 200, OwnFixtures.Text("gemini/generate-thoughts-tools.response.json"));
        var client = _fake.Client(b => b.UseTimeProvider(_time)
            .Configure(o => o.Providers["vertex_ai"] = new ProviderSettings { ApiBase = _fake.Url, Settings = new() { ["vertex_credentials"] = json.ToJsonString() } })
            .AddProvider(LlmAbstraction.Providers.VertexAI.VertexAIProvider.CreateDescriptor(new LlmAbstraction.Providers.VertexAI.VertexAIOptions { Environment = _ => null })));
        await client.CompletionAsync(new ChatCompletionRequest { Model = "vertex_ai/gemini-2.5-flash", Messages = [ChatMessage.User("hi")] });

        var assertion = HttpUtility.ParseQueryString(_fake.Requests("/token").Single().RequestMessage.Body!)["assertion"]!;
        var parts = assertion.Split('.');
        using var cert = X509Certificate2.CreateFromPem(Read("oauth/google-auth-testdata-public_cert.pem"));
        using var publicKey = cert.GetRSAPublicKey()!;
        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        Assert.That(publicKey.VerifyData(signed, Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), Is.True);
        using var privateKey = RSA.Create();
        privateKey.ImportFromPem(Read("oauth/google-auth-testdata-privatekey.pem"));
        Assert.That(Base64Url.EncodeToString(privateKey.SignData(signed, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)), Is.EqualTo(parts[2]), "PKCS#1 v1.5 signatures are deterministic");
        var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement;
        Assert.That(header.GetProperty("kid").GetString(), Is.EqualTo("1"));
        var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement;
        Assert.That(claims.GetProperty("iss").GetString(), Is.EqualTo("service-account@example.com"));
    }
}
