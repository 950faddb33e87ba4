using System.Net;
using System.Text.Json;
using System.Web;
using LlmAbstraction.Providers;
using LlmAbstraction.Providers.VertexAI;
using LlmAbstraction.Tests.Providers.Gemini;
using LlmAbstraction.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using static LlmAbstraction.Tests.Providers.VertexAI.VertexTestSupport;

namespace LlmAbstraction.Tests.Providers.VertexAI;

public class VertexAIAdapterTests
{
    private FakeProvider _fake = null!;
    private TestServiceAccount _account = null!;
    private FakeTimeProvider _time = null!;

    [SetUp]
    public void SetUp()
    {
        _fake = new FakeProvider();
        _account = new TestServiceAccount(_fake.Url + "/token");
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    }

    [TearDown]
    public void TearDown()
    {
        _fake.Dispose();
        _account.Dispose();
    }

    private static ChatCompletionRequest Hello(string model = "vertex_ai/gemini-2.5-flash") => new() { Model = model, Messages = [ChatMessage.User("Hello")] };

    [Test]
    public async Task Vertex_gemini_call_exchanges_an_rs256_signed_assertion_and_sends_the_bearer_token()
    {
        _fake.ReplyToken();
        _fake.Reply(GeminiBase + ":generateContent", 200, OwnFixtures.Text("gemini/generate-thoughts-tools.response.json"));
        var response = await _fake.VertexClient(_account.Json, _time).CompletionAsync(Hello());

        Assert.That(response.Choices[0].FinishReason, Is.EqualTo("tool_calls"));
        var tokenRequest = _fake.Requests("/token").Single();
        Assert.That(tokenRequest.RequestMessage.Headers!["Content-Type"].ToString(), Does.StartWith("application/x-www-form-urlencoded"));
        var form = HttpUtility.ParseQueryString(tokenRequest.RequestMessage.Body!);
        Assert.That(form["grant_type"], Is.EqualTo("urn:ietf:params:oauth:grant-type:jwt-bearer"));
        var (header, claims) = _account.Verify(form["assertion"]!);
        Assert.That(header.GetProperty("alg").GetString(), Is.EqualTo("RS256"));
        Assert.That(header.GetProperty("typ").GetString(), Is.EqualTo("JWT"));
        Assert.That(header.GetProperty("kid").GetString(), Is.EqualTo(TestServiceAccount.KeyId));
        Assert.That(claims.GetProperty("iss").GetString(), Is.EqualTo(TestServiceAccount.Email));
        Assert.That(claims.GetProperty("aud").GetString(), Is.EqualTo(_account.TokenUri));
        Assert.That(claims.GetProperty("scope").GetString(), Is.EqualTo("https://www.googleapis.com/auth/cloud-platform"));
        Assert.That(claims.GetProperty("iat").GetInt64(), Is.EqualTo(_time.GetUtcNow().ToUnixTimeSeconds()));
        Assert.That(claims.GetProperty("exp").GetInt64(), Is.EqualTo(_time.GetUtcNow().ToUnixTimeSeconds() + 3600));

        var call = _fake.Requests(GeminiBase + ":generateContent").Single();
        Assert.That(call.Header("Authorization"), Is.EqualTo("Bearer " + Token));
        Assert.That(call.RequestMessage.Headers!.ContainsKey("x-goog-api-key"), Is.False);
        JsonAssert.AreEquivalent("""{"contents":[{"role":"user","parts":[{"text":"Hello"}]}]}""", call.RequestMessage.Body!);
    }

    [Test]
    public async Task Vertex_token_is_cached_until_shortly_before_expiry_then_refreshed()
    {
        _fake.ReplyToken();
        _fake.Reply(GeminiBase + ":generateContent", 200, OwnFixtures.Text("gemini/generate-thoughts-tools.response.json"));
        var client = _fake.VertexClient(_account.Json, _time);
        await client.CompletionAsync(Hello());
        _time.Advance(TimeSpan.FromMinutes(54));
        await client.CompletionAsync(Hello());
        Assert.That(_fake.Requests("/token"), Has.Count.EqualTo(1), "a 3599 s token is reused for 54 minutes");

        _time.Advance(TimeSpan.FromMinutes(2));
        await client.CompletionAsync(Hello());
        Assert.That(_fake.Requests("/token"), Has.Count.EqualTo(2), "within 5 minutes of expiry the token is refreshed");
    }

    [Test]
    public async Task Vertex_concurrent_first_calls_share_one_token_exchange()
    {
        _fake.ReplyToken(TimeSpan.FromMilliseconds(300));
        _fake.Reply(GeminiBase + ":generateContent", 200, OwnFixtures.Text("gemini/generate-thoughts-tools.response.json"));
        var client = _fake.VertexClient(_account.Json, _time);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.CompletionAsync(Hello())));
        Assert.That(_fake.Requests("/token"), Has.Count.EqualTo(1));
        Assert.That(_fake.Requests(GeminiBase + ":generateContent"), Has.Count.EqualTo(8));
    }

    [Test]
    public void Vertex_refused_assertion_is_an_authentication_error_without_secrets()
    {
        _fake.Reply("/token", 400, OwnFixtures.Text("vertex/oauth-invalid-grant.json"));
        var ex = Assert.ThrowsAsync<AuthenticationException>(async () => await _fake.VertexClient(_account.Json, _time).CompletionAsync(Hello()));
        Assert.That(ex!.Message, Does.Contain("Invalid JWT Signature"));
        Assert.That(ex.ErrorCode, Is.EqualTo("invalid_grant"));
        var form = HttpUtility.ParseQueryString(_fake.Requests("/token").Single().RequestMessage.Body!);
        Assert.That(ex.ToString(), Does.Not.Contain(form["assertion"]!).And.Not.Contain("PRIVATE KEY"));
        Assert.That(_fake.Requests(GeminiBase + ":generateContent"), Is.Empty);
    }

    [Test]
    public void Vertex_without_credentials_fails_before_sending()
    {
        var client = _fake.Client(b => b.Configure(o => o.Providers["vertex_ai"] = new ProviderSettings { ApiBase = _fake.Url, Settings = new() { ["vertex_project"] = Project } })
            .AddProvider(VertexAIProvider.CreateDescriptor(new VertexAIOptions { Environment = _ => null })));
        var ex = Assert.ThrowsAsync<AuthenticationException>(async () => await client.CompletionAsync(Hello()));
        Assert.That(ex!.ErrorCode, Is.EqualTo("missing_credentials"));
        Assert.That(_fake.RequestCount, Is.EqualTo(0));
    }

    [Test]
    public async Task Vertex_caller_supplied_token_provider_is_used_and_project_comes_from_options()
    {
        _fake.Reply(GeminiBase + ":generateContent", 200, OwnFixtures.Text("gemini/generate-thoughts-tools.response.json"));
        var calls = 0;
        var options = new VertexAIOptions
        {
            Project = Project,
            Location = "us-central1",
            Environment = _ => null,
            AccessTokenProvider = AccessTokenProvider.FromDelegate(_ => { calls++; return ValueTask.FromResult("caller-token"); }),
        };
        var client = _fake.Client(b => b.Configure(o => o.Providers["vertex_ai"] = new ProviderSettings { ApiBase = _fake.Url }).AddProvider(VertexAIProvider.CreateDescriptor(options)));
        await client.CompletionAsync(Hello());
        Assert.That(calls, Is.EqualTo(1));
        Assert.That(_fake.Requests(GeminiBase + ":generateContent").Single().Header("Authorization"), Is.EqualTo("Bearer caller-token"));
    }

    [Test]
    public async Task Vertex_project_defaults_to_the_service_accounts_project_id()
    {
        _fake.ReplyToken();
        _fake.Reply("/v1/projects/sa-project/locations/europe-west4/publishers/google/models/gemini-2.5-flash:generateContent", 200, OwnFixtures.Text("gemini/generate-thoughts-tools.response.json"));
        var client = _fake.Client(b => b.Configure(o => o.Providers["vertex_ai"] = new ProviderSettings
        {
            ApiBase = _fake.Url,
            Settings = new() { ["vertex_credentials"] = _account.Json, ["vertex_location"] = "europe-west4" },
        }).AddProvider(VertexAIProvider.CreateDescriptor(new VertexAIOptions { Environment = _ => null })));
        var response = await client.CompletionAsync(Hello());
        Assert.That(response.Choices, Has.Count.EqualTo(1));
    }

    [TestCase("us-central1", "https://us-central1-aiplatform.googleapis.com")]
    [TestCase("europe-west4", "https://europe-west4-aiplatform.googleapis.com")]
    [TestCase("global", "https://aiplatform.googleapis.com")]
    [TestCase("eu", "https://aiplatform.eu.rep.googleapis.com")]
    public void Vertex_host_follows_the_location(string location, string expected)
    {
        Assert.That(VertexAILocation.BaseFor(location), Is.EqualTo(expected));
        var url = new VertexAILocation("p", location, VertexAILocation.BaseFor(location), "v1").ModelUrl("anthropic", "claude-sonnet-4@20250514");
        Assert.That(url, Is.EqualTo($"{expected}/v1/projects/p/locations/{location}/publishers/anthropic/models/claude-sonnet-4@20250514"));
    }

    [Test]
    public async Task Vertex_claude_uses_raw_predict_with_the_vertex_anthropic_version_and_no_model_in_the_body()
    {
        _fake.ReplyToken();
        _fake.Reply(ClaudeBase + ":rawPredict", 200, OwnFixtures.Text("anthropic/messages-tool-use.response.json"));
        var response = await _fake.VertexClient(_account.Json, _time, "us-east5").CompletionAsync(new ChatCompletionRequest
        {
            Model = "vertex_ai/claude-sonnet-4@20250514",
            MaxTokens = 300,
            Messages = [ChatMessage.System("Be brief."), ChatMessage.User("Weather in Paris?")],
            Tools = [ToolDefinition.ForFunction("get_weather", "Get weather", GeminiTestSupport.WeatherSchema)],
        });

        Assert.That(response.Choices[0].Message.ToolCalls!.Single().Function.Name, Is.EqualTo("get_weather"));
        Assert.That(response.Usage!.CachedTokens, Is.EqualTo(1000));
        var sent = _fake.Requests(ClaudeBase + ":rawPredict").Single();
        Assert.That(sent.Header("Authorization"), Is.EqualTo("Bearer " + Token));
        Assert.That(sent.RequestMessage.Headers!.ContainsKey("anthropic-version"), Is.False);
        Assert.That(sent.RequestMessage.Headers!.ContainsKey("x-api-key"), Is.False);
        JsonAssert.AreEquivalent("""
            {"anthropic_version":"vertex-2023-10-16","max_tokens":300,"system":"Be brief.",
             "messages":[{"role":"user","content":[{"type":"text","text":"Weather in Paris?"}]}],
             "tools":[{"name":"get_weather","description":"Get weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}}]}
            """, sent.RequestMessage.Body!);
    }

    [Test]
    public async Task Vertex_claude_stream_uses_stream_raw_predict_and_anthropic_events()
    {
        _fake.ReplyToken();
        _fake.Reply(ClaudeBase + ":streamRawPredict", 200, OwnFixtures.Text("anthropic/messages-stream-tool-use.sse"), "text/event-stream");
        var chunks = await _fake.VertexClient(_account.Json, _time, "us-east5")
            .StreamCompletionAsync(new ChatCompletionRequest { Model = "vertex_ai/claude-sonnet-4@20250514", Messages = [ChatMessage.User("Weather?")] }).CollectAsync();
        Assert.That(chunks[^1].Usage!.PromptTokens, Is.EqualTo(394));
        Assert.That(ChunkAggregator.Build(chunks).Content, Is.EqualTo("Checking now."));
        using var body = JsonDocument.Parse(_fake.Requests(ClaudeBase + ":streamRawPredict").Single().RequestMessage.Body!);
        Assert.That(body.RootElement.GetProperty("stream").GetBoolean(), Is.True);
        Assert.That(body.RootElement.GetProperty("anthropic_version").GetString(), Is.EqualTo("vertex-2023-10-16"));
        Assert.That(body.RootElement.TryGetProperty("model", out _), Is.False);
    }

    [Test]
    public void Vertex_error_wrapped_in_a_top_level_array_is_read()
    {
        _fake.ReplyToken();
        _fake.Reply(GeminiBase + ":generateContent", 429, OwnFixtures.Text("vertex/error-429-array.json"));
        var ex = Assert.ThrowsAsync<RateLimitException>(async () => await _fake.VertexClient(_account.Json, _time).CompletionAsync(Hello()));
        Assert.That(ex!.ErrorCode, Is.EqualTo("RESOURCE_EXHAUSTED"));
        Assert.That(ex.Details.ProviderMessage, Does.StartWith("Quota exceeded"));
        Assert.That(ex.ToString(), Does.Not.Contain(Token));
    }

    [Test]
    public void Vertex_claude_model_error_in_anthropic_envelope_is_read()
    {
        _fake.ReplyToken();
        _fake.Reply(ClaudeBase + ":rawPredict", 529, OwnFixtures.Text("vertex/error-anthropic-overloaded.json"));
        var ex = Assert.ThrowsAsync<OverloadedException>(async () => await _fake.VertexClient(_account.Json, _time, "us-east5").CompletionAsync(Hello("vertex_ai/claude-sonnet-4@20250514")));
        Assert.That(ex!.ErrorType, Is.EqualTo("overloaded_error"));
        Assert.That(ex.StatusCode, Is.EqualTo((HttpStatusCode)529));
    }

    [Test]
    public async Task Vertex_embeddings_use_predict_with_instances_dimensions_and_token_usage()
    {
        _fake.ReplyToken();
        _fake.Reply("/v1/projects/test-project/locations/us-central1/publishers/google/models/text-embedding-005:predict", 200, OwnFixtures.Text("vertex/predict-embeddings.response.json"));
        var response = await _fake.VertexClient(_account.Json, _time).EmbeddingAsync(new EmbeddingRequest
        {
            Model = "vertex_ai/text-embedding-005",
            Input = ["first text", "second text"],
            Dimensions = 3,
            AdditionalProperties = new Dictionary<string, JsonElement> { ["task_type"] = JsonDocument.Parse("\"RETRIEVAL_DOCUMENT\"").RootElement },
        });
        Assert.That(response.Data.Select(d => d.Embedding.Length), Is.EqualTo(new[] { 3, 3 }));
        Assert.That(response.Data[1].Embedding[2], Is.EqualTo(-0.0606f));
        Assert.That(response.Usage!.PromptTokens, Is.EqualTo(11));
        JsonAssert.AreEquivalent("""
            {"instances":[{"content":"first text","task_type":"RETRIEVAL_DOCUMENT"},{"content":"second text","task_type":"RETRIEVAL_DOCUMENT"}],
             "parameters":{"outputDimensionality":3}}
            """, _fake.LastRequestBody);
    }

    [Test]
    public void Vertex_descriptor_needs_no_api_key_and_reads_the_location_from_its_default_base()
    {
        var d = VertexAIProvider.Descriptor;
        Assert.That(d.Name, Is.EqualTo("vertex_ai"));
        Assert.That(d.RequiresApiKey, Is.False);
        Assert.That(d.DefaultApiBase, Does.Contain("{location}"));
        Assert.That(d.Capabilities.HasFlag(ProviderCapabilities.Embeddings), Is.True);
    }
}
