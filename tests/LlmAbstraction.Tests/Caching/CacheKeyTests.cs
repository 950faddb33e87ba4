using System.Text.Json;
using LlmAbstraction.Caching;
using LlmAbstraction.Providers;
using LlmAbstraction.Tests.TestSupport;

namespace LlmAbstraction.Tests.Caching;

public class CacheKeyTests
{
    private static CacheKeys Keys(CacheTenantScope scope = CacheTenantScope.PerCaller, string? tenantKey = null)
        => new(new ModelResolver(ProviderRegistry.CreateDefault(), new Dictionary<string, string> { ["fast"] = "openai/gpt-4o-mini" }),
            new CacheOptions { TenantScope = scope, TenantMetadataKey = tenantKey });

    private static ChatCompletionRequest Base() => new()
    {
        Model = "openai/gpt-4o-mini",
        Messages = [ChatMessage.System("Be brief."), ChatMessage.User("What is the capital of France?")],
        Temperature = 0.2,
    };

    private static JsonElement Json(string s) => JsonDocument.Parse(s).RootElement.Clone();

    private static readonly Dictionary<string, Action<ChatCompletionRequest>> OutputAffecting = new()
    {
        ["model"] = r => r.Model = "openai/gpt-4o",
        ["message text"] = r => r.Messages = [ChatMessage.System("Be brief."), ChatMessage.User("What is the capital of Spain?")],
        ["message role"] = r => r.Messages = [ChatMessage.User("Be brief."), ChatMessage.User("What is the capital of France?")],
        ["message order"] = r => r.Messages = [ChatMessage.User("What is the capital of France?"), ChatMessage.System("Be brief.")],
        ["tools"] = r => r.Tools = [ToolDefinition.ForFunction("get_weather", "Weather", Json("""{"type":"object"}"""))],
        ["tool_choice"] = r => r.ToolChoice = ToolChoice.Function("get_weather"),
        ["response_format"] = r => r.ResponseFormat = ResponseFormat.JsonObject,
        ["temperature"] = r => r.Temperature = 0.3,
        ["top_p"] = r => r.TopP = 0.9,
        ["seed"] = r => r.Seed = 42,
        ["max_tokens"] = r => r.MaxTokens = 100,
        ["max_completion_tokens"] = r => r.MaxCompletionTokens = 100,
        ["stop"] = r => r.Stop = ["\n"],
        ["n"] = r => r.N = 2,
        ["presence_penalty"] = r => r.PresencePenalty = 0.5,
        ["frequency_penalty"] = r => r.FrequencyPenalty = 0.5,
        ["reasoning_effort"] = r => r.ReasoningEffort = "high",
        ["logprobs"] = r => r.Logprobs = true,
        ["top_logprobs"] = r => r.TopLogprobs = 3,
        ["parallel_tool_calls"] = r => r.ParallelToolCalls = false,
        ["extra body"] = r => r.AdditionalProperties = new Dictionary<string, JsonElement> { ["top_k"] = Json("40") },
        ["api_base"] = r => r.ApiBase = "http://127.0.0.1:9/v1",
        ["mock response"] = r => r.MockResponse = "canned",
    };

    private static readonly Dictionary<string, Action<ChatCompletionRequest>> NotOutputAffecting = new()
    {
        ["metadata"] = r => r.Metadata = new Dictionary<string, string> { ["trace"] = "abc" },
        ["timeout"] = r => r.Timeout = TimeSpan.FromSeconds(5),
        ["num_retries"] = r => r.NumRetries = 7,
        ["fallbacks"] = r => r.Fallbacks = ["openai/gpt-4o"],
        ["extra headers"] = r => r.ExtraHeaders = new Dictionary<string, string> { ["x-trace"] = "1" },
        ["stream flag"] = r => { r.Stream = true; r.StreamOptions = new StreamOptions { IncludeUsage = true }; },
        ["drop_params"] = r => r.DropParams = true,
        ["cache controls"] = r => r.Cache = new CacheControlOptions { Ttl = TimeSpan.FromSeconds(5), NoStore = true },
        ["metadata in extra body"] = r => r.AdditionalProperties = new Dictionary<string, JsonElement> { ["metadata"] = Json("""{"a":1}""") },
    };

    [Test]
    public void Key_is_stable_for_equal_requests_and_has_a_fixed_shape()
    {
        var a = Keys().Chat(Base(), null);
        var b = Keys().Chat(Base(), null);
        Assert.That(a, Is.EqualTo(b));
        Assert.That(a, Does.Match("^llm:c:[0-9a-f]{32}$"));
        Assert.That(Keys().Chat(Base(), "team-a"), Does.Match("^llm:c:team-a:[0-9a-f]{32}$"));
    }

    [TestCaseSource(nameof(OutputAffectingNames))]
    public void Key_changes_with_each_output_affecting_parameter(string parameter)
    {
        var changed = Base();
        OutputAffecting[parameter](changed);
        Assert.That(Keys().Chat(changed, null), Is.Not.EqualTo(Keys().Chat(Base(), null)));
    }

    [TestCaseSource(nameof(NotOutputAffectingNames))]
    public void Key_ignores_what_does_not_change_the_output(string parameter)
    {
        var changed = Base();
        NotOutputAffecting[parameter](changed);
        Assert.That(Keys().Chat(changed, null), Is.EqualTo(Keys().Chat(Base(), null)));
    }

    private static IEnumerable<string> OutputAffectingNames() => OutputAffecting.Keys;
    private static IEnumerable<string> NotOutputAffectingNames() => NotOutputAffecting.Keys;

    [Test]
    public void Key_uses_the_resolved_model_so_an_alias_and_its_target_share_entries()
    {
        var viaAlias = Base();
        viaAlias.Model = "fast";
        var bare = Base();
        bare.Model = "gpt-4o-mini";
        Assert.That(Keys().Chat(viaAlias, null), Is.EqualTo(Keys().Chat(Base(), null)));
        Assert.That(Keys().Chat(bare, null), Is.EqualTo(Keys().Chat(Base(), null)));
    }

    [Test]
    public void Key_differs_by_namespace()
        => Assert.That(Keys().Chat(Base(), "a"), Is.Not.EqualTo(Keys().Chat(Base(), "b")));

    [Test]
    public void Two_tenants_never_share_a_key_by_default()
    {
        var alice = Base(); alice.User = "alice";
        var bob = Base(); bob.User = "bob";
        var keyA = Base(); keyA.ApiKey = "sk-tenant-a-0000000000000000";
        var keyB = Base(); keyB.ApiKey = "sk-tenant-b-1111111111111111";
        var keys = Keys();
        Assert.That(keys.Chat(alice, null), Is.Not.EqualTo(keys.Chat(bob, null)));
        Assert.That(keys.Chat(keyA, null), Is.Not.EqualTo(keys.Chat(keyB, null)));
        Assert.That(keys.Chat(keyA, null), Is.Not.EqualTo(keys.Chat(Base(), null)));
    }

    [Test]
    public void Tenant_metadata_key_separates_tenants_when_configured()
    {
        var a = Base(); a.Metadata = new Dictionary<string, string> { ["tenant"] = "a" };
        var b = Base(); b.Metadata = new Dictionary<string, string> { ["tenant"] = "b" };
        Assert.That(Keys(tenantKey: "tenant").Chat(a, null), Is.Not.EqualTo(Keys(tenantKey: "tenant").Chat(b, null)));
        Assert.That(Keys().Chat(a, null), Is.EqualTo(Keys().Chat(b, null)), "without the option metadata stays out of the key");
    }

    [Test]
    public void Shared_scope_lets_tenants_share()
    {
        var alice = Base(); alice.User = "alice"; alice.ApiKey = "sk-a-000000000000";
        var bob = Base(); bob.User = "bob"; bob.ApiKey = "sk-b-111111111111";
        var keys = Keys(CacheTenantScope.Shared);
        Assert.That(keys.Chat(alice, null), Is.EqualTo(keys.Chat(bob, null)));
    }

    [Test]
    public void Semantic_scope_ignores_the_messages_but_not_the_rest()
    {
        var other = Base();
        other.Messages = [ChatMessage.User("Something else entirely")];
        var hotter = Base();
        hotter.Temperature = 1.5;
        var keys = Keys();
        Assert.That(keys.SemanticScope(other, null), Is.EqualTo(keys.SemanticScope(Base(), null)));
        Assert.That(keys.SemanticScope(hotter, null), Is.Not.EqualTo(keys.SemanticScope(Base(), null)));
        Assert.That(keys.SemanticScope(Base(), null), Is.Not.EqualTo(keys.Chat(Base(), null)));
    }

    [Test]
    public void Embedding_keys_differ_by_input_model_dimensions_and_tenant()
    {
        var keys = Keys();
        var request = new EmbeddingRequest { Model = "openai/text-embedding-3-small", Input = ["a", "b"] };
        var a = keys.Embedding(request, "a", null);
        Assert.That(keys.Embedding(request, "a", null), Is.EqualTo(a));
        Assert.That(keys.Embedding(request, "b", null), Is.Not.EqualTo(a));
        Assert.That(keys.Embedding(new EmbeddingRequest { Model = "openai/text-embedding-3-large" }, "a", null), Is.Not.EqualTo(a));
        Assert.That(keys.Embedding(new EmbeddingRequest { Model = "openai/text-embedding-3-small", Dimensions = 256 }, "a", null), Is.Not.EqualTo(a));
        Assert.That(keys.Embedding(new EmbeddingRequest { Model = "openai/text-embedding-3-small", User = "bob" }, "a", null), Is.Not.EqualTo(a));
        Assert.That(keys.Embedding(new EmbeddingRequest { Model = "openai/text-embedding-3-small", Metadata = new Dictionary<string, string> { ["x"] = "y" } }, "a", null), Is.EqualTo(a));
    }

    [Test]
    public void Key_never_contains_the_api_key()
    {
        var request = Base();
        request.ApiKey = FakeProvider.TestKey;
        var key = Keys().Chat(request, "ns");
        Assert.That(key, Does.Not.Contain("CANARY"));
        Assert.That(key, Does.Not.Contain(FakeProvider.TestKey));
    }

    [Test]
    public void Long_api_keys_are_digested_without_failing()
    {
        var a = Base(); a.ApiKey = new string('k', 5000);
        var b = Base(); b.ApiKey = new string('k', 4999) + "j";
        Assert.That(Keys().Chat(a, null), Is.Not.EqualTo(Keys().Chat(b, null)));
    }
}
