using LlmAbstraction.Pricing;
using Microsoft.Extensions.Configuration;

namespace LlmAbstraction.Tests.Pricing;

public class ModelCatalogTests
{
    private static Stream MiniMap() => File.OpenRead(Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "Pricing", "mini-price-map.json"));

    [TestCase("anthropic", "claude-sonnet-4-5-20250929", "claude-sonnet-4-5-20250929")]
    [TestCase("anthropic", "anthropic/claude-sonnet-4-5", "claude-sonnet-4-5")]
    [TestCase("openai", "gpt-4o-2024-08-06", "gpt-4o-2024-08-06")]
    [TestCase("azure", "gpt-4o", "azure/gpt-4o")]
    [TestCase("gemini", "gemini-2.5-pro", "gemini/gemini-2.5-pro")]
    [TestCase("vertex_ai", "gemini-2.5-pro", "gemini-2.5-pro")]
    [TestCase("bedrock", "amazon.nova-pro-v1:0", "amazon.nova-pro-v1:0")]
    [TestCase(null, "gemini/gemini-2.5-pro", "gemini/gemini-2.5-pro")]
    [TestCase(null, "gpt-4o", "gpt-4o")]
    public void Find_resolves_provider_and_native_name_to_the_right_key(string? provider, string model, string key)
        => Assert.That(ModelCatalog.Default.Find(provider, model)?.Key, Is.EqualTo(key));

    [TestCase("anthropic", "claude-sonnet-4-5-20991231", "claude-sonnet-4-5")]
    [TestCase("openai", "gpt-4o-2099-01-01", "gpt-4o")]
    [TestCase("bedrock", "ca.amazon.nova-pro-v1:0", "amazon.nova-pro-v1:0")]
    [TestCase("gemini", "models/gemini-2.5-flash", "gemini/gemini-2.5-flash")]
    [TestCase("openai", "ft:gpt-4o-2024-08-06:acme::9xYz", "ft:gpt-4o-2024-08-06")]
    public void Find_applies_documented_normalizations(string provider, string model, string key)
        => Assert.That(ModelCatalog.Default.Find(provider, model)?.Key, Is.EqualTo(key));

    [TestCase("groq", "gpt-4o")]                  // gpt-4o is OpenAI's entry, not Groq's price
    [TestCase("openai", "gpt-4o-ultra-turbo")]    // no substring guessing
    [TestCase("anthropic", "claude")]
    [TestCase(null, "definitely-not-a-model")]
    public void Find_rejects_other_providers_entries_and_never_guesses(string? provider, string model)
        => Assert.That(ModelCatalog.Default.Find(provider, model), Is.Null);

    [Test]
    public void Capabilities_come_from_the_table()
    {
        var catalog = ModelCatalog.Default;
        Assert.Multiple(() =>
        {
            Assert.That(catalog.Supports("gpt-4o", ModelCapabilities.Vision | ModelCapabilities.FunctionCalling | ModelCapabilities.ResponseSchema), Is.True);
            Assert.That(catalog.Supports("text-embedding-3-small", ModelCapabilities.FunctionCalling), Is.False);
            Assert.That(catalog.Supports("groq", "llama-3.3-70b-versatile", ModelCapabilities.ResponseSchema), Is.False); // stated false
            Assert.That(catalog.Supports("groq", "llama-3.3-70b-versatile", ModelCapabilities.FunctionCalling), Is.True);
            Assert.That(catalog.Supports("claude-sonnet-4-5", ModelCapabilities.PromptCaching | ModelCapabilities.Reasoning), Is.True);
            Assert.That(catalog.Supports("my-gpt-4o-vision-clone", ModelCapabilities.Vision), Is.False);
            Assert.That(catalog.Supports("gpt-4o", ModelCapabilities.None), Is.False);
        });
    }

    [Test]
    public void Model_info_has_limits_mode_and_provider()
    {
        var info = ModelCatalog.Default.GetModelInfo("claude-sonnet-4-5");
        Assert.Multiple(() =>
        {
            Assert.That(info.MaxInputTokens, Is.EqualTo(200_000));
            Assert.That(info.MaxOutputTokens, Is.EqualTo(64_000));
            Assert.That(info.Mode, Is.EqualTo("chat"));
            Assert.That(info.Provider, Is.EqualTo("anthropic"));
            Assert.That(info.LongContextTiers.Single().ThresholdTokens, Is.EqualTo(200_000));
            Assert.That(ModelCatalog.Default.GetModelInfo("text-embedding-3-small").MaxOutputTokens, Is.Null);
        });
    }

    [Test]
    public void Max_output_tokens_come_from_the_catalogue_then_the_built_in_anthropic_table()
    {
        Assert.That(ModelCatalog.Default.GetMaxOutputTokens("anthropic", "claude-sonnet-4-5-20250929"), Is.EqualTo(64_000));
        Assert.That(ModelCatalog.Default.GetMaxOutputTokens("anthropic", "claude-opus-4-6"), Is.EqualTo(128_000)); // newer than the snapshot
        Assert.That(ModelCatalog.Default.GetMaxOutputTokens("openai", "no-such-model"), Is.Null);
    }

    [Test]
    public void Unknown_model_info_throws_a_clear_KeyNotFoundException()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => ModelCatalog.Default.GetModelInfo("no-such-model"));
        Assert.That(ex!.Message, Does.Contain("no-such-model"));
        Assert.That(ModelCatalog.Default.TryGetModelInfo("no-such-model", out _), Is.False);
    }

    [Test]
    public void Litellm_json_loads_as_is_with_unknown_fields_numeric_strings_integers_and_any_threshold()
    {
        using var stream = MiniMap();
        var catalog = ModelCatalog.FromLiteLlmJson(stream);
        var info = catalog.GetModelInfo("acme/long-model");
        Assert.Multiple(() =>
        {
            Assert.That(catalog.Count, Is.EqualTo(3)); // sample_spec skipped
            Assert.That(info.OutputCostPerToken, Is.EqualTo(0.00001m));      // "1e-05" as a string
            Assert.That(info.LongContextTiers.Single(), Is.EqualTo(new LongContextTier { ThresholdTokens = 272_000, InputCostPerToken = 0.0000025m, OutputCostPerToken = 0.000015m, CacheReadCostPerToken = 0.00000025m }));
            Assert.That(info.Capabilities, Is.EqualTo(ModelCapabilities.FunctionCalling));
            Assert.That(catalog.GetModelInfo("acme/free-model").InputCostPerToken, Is.EqualTo(0m)); // integer 0
            Assert.That(catalog.GetModelInfo("acme/embed-1").InputCostPerToken, Is.EqualTo(0.00000002m));
        });
    }

    [Test]
    public void Any_long_context_threshold_is_strictly_greater_than()
    {
        using var stream = MiniMap();
        var calc = new CostCalculator(ModelCatalog.FromLiteLlmJson(stream));
        // at 272,000: 272,000×1.25e-6 = 0.34; 1,000×1e-5 = 0.01
        Assert.That(calc.CostPerToken("acme", "long-model", new TokenQuantities { PromptTokens = 272_000, CompletionTokens = 1_000 }).Cost, Is.EqualTo(0.35m));
        // at 272,001 the whole request reprices: 272,001×2.5e-6 = 0.6800025; 1,000×1.5e-5 = 0.015
        Assert.That(calc.CostPerToken("acme", "long-model", new TokenQuantities { PromptTokens = 272_001, CompletionTokens = 1_000 }).Cost, Is.EqualTo(0.6950025m));
    }

    [TestCase("[1, 2]")]
    [TestCase("{ not json")]
    [TestCase("{\"m\": {\"input_cost_per_token\": \"cheap\"}}")]
    [TestCase("{\"m\": {\"supports_vision\": \"maybe\"}}")]
    public void Bad_litellm_json_is_a_FormatException(string json)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        Assert.Throws<FormatException>(() => ModelCatalog.FromLiteLlmJson(stream));
    }

    [Test]
    public void Loading_litellm_json_into_a_catalogue_overrides_built_in_entries()
    {
        var catalog = ModelCatalog.CreateDefault();
        using var json = new MemoryStream("{\"gpt-4o\": {\"input_cost_per_token\": 1e-06, \"litellm_provider\": \"openai\"}}"u8.ToArray());
        Assert.That(catalog.Find("openai", "gpt-4o")!.InputCostPerToken, Is.EqualTo(0.0000025m)); // cached lookup
        Assert.That(catalog.LoadLiteLlmJson(json), Is.EqualTo(1));
        Assert.That(catalog.Find("openai", "gpt-4o")!.InputCostPerToken, Is.EqualTo(0.000001m));
        Assert.That(ModelCatalog.Default.Find("openai", "gpt-4o")!.InputCostPerToken, Is.EqualTo(0.0000025m));
    }

    [Test]
    public void Register_with_fields_updates_an_existing_entry_keeping_the_rest()
    {
        var catalog = ModelCatalog.CreateDefault();
        var info = catalog.Register("gpt-4o", [new("input_cost_per_token", "2e-06")]);
        Assert.That(info.InputCostPerToken, Is.EqualTo(0.000002m));
        Assert.That(info.OutputCostPerToken, Is.EqualTo(0.00001m));
        Assert.That(info.CacheReadCostPerToken, Is.EqualTo(0.00000125m));
        Assert.That(catalog.Unregister("gpt-4o"), Is.True);
        Assert.That(catalog.Find("gpt-4o")!.InputCostPerToken, Is.EqualTo(0.0000025m));
    }

    [Test]
    public void Register_with_an_unknown_base_model_or_a_bad_number_is_an_ArgumentException()
    {
        var catalog = ModelCatalog.CreateDefault();
        Assert.Throws<ArgumentException>(() => catalog.Register("azure/x", [new("base_model", "azure/no-such-model")]));
        Assert.Throws<ArgumentException>(() => catalog.Register("azure/y", [new("input_cost_per_token", "two dollars")]));
        Assert.Throws<ArgumentException>(() => catalog.Register(" ", new ModelInfo { Key = "k" }));
    }

    [Test]
    public void Configuration_registers_deployments_with_base_model_and_flat_hosts()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ModelPrices:azure/prod-chat:base_model"] = "azure/gpt-4o",
            ["ModelPrices:azure/prod-chat:input_cost_per_token"] = "2e-06",
            ["ModelPrices:my-host/llama-3-70b:input_cost_per_token"] = "0.0000006",
            ["ModelPrices:my-host/llama-3-70b:output_cost_per_token"] = "8e-07",
            ["ModelPrices:bedrock-arn:model"] = "bedrock/arn:aws:bedrock:us-east-1:123:inference-profile/x",
            ["ModelPrices:bedrock-arn:base_model"] = "anthropic.claude-3-5-sonnet-20240620-v1:0",
        }).Build();
        var catalog = ModelCatalog.CreateDefault();

        Assert.That(catalog.RegisterFromConfiguration(config.GetSection("ModelPrices")), Is.EqualTo(3));
        var prod = catalog.GetModelInfo("azure/prod-chat");
        Assert.That(prod.InputCostPerToken, Is.EqualTo(0.000002m));
        Assert.That(prod.OutputCostPerToken, Is.EqualTo(0.00001m)); // from azure/gpt-4o
        Assert.That(prod.Supports(ModelCapabilities.Vision), Is.True);
        Assert.That(catalog.Find("my-host", "llama-3-70b")!.OutputCostPerToken, Is.EqualTo(0.0000008m));
        Assert.That(catalog.Find("bedrock/arn:aws:bedrock:us-east-1:123:inference-profile/x")!.InputCostPerToken, Is.EqualTo(0.000003m));
    }

    [Test]
    public void Malformed_compact_catalogue_is_a_FormatException()
    {
        Assert.Throws<FormatException>(() => CompactCatalogReader.Read(new StringReader("gpt-4o\t0=openai\n")));
        Assert.Throws<FormatException>(() => CompactCatalogReader.Read(new StringReader("F\tmode\ngpt-4o\t7=chat\n")));
        Assert.Throws<FormatException>(() => CompactCatalogReader.Read(new StringReader("F\tinput_cost_per_token\ngpt-4o\t0=abc\n")));
    }

    [Test]
    public void Built_in_catalogue_is_embedded_and_names_its_source()
    {
        using var stream = typeof(ModelCatalog).Assembly.GetManifestResourceStream(CompactCatalogReader.ResourceName);
        Assert.That(stream, Is.Not.Null);
        using var reader = new StreamReader(stream!);
        reader.ReadLine();
        Assert.That(reader.ReadLine(), Does.Contain("sha256=b3ebfedddd6ada7970e0c14616e2c78a35126a7b93d315033616c1fa7631d20a"));
    }
}
