using LlmAbstraction.Pricing;

namespace LlmAbstraction.Tests.Pricing;

public class CostCalculatorTests
{
    private static ChatCompletionResponse Response(string provider, string model, Usage? usage, string? requested = null, string? serviceTier = null)
        => new()
        {
            Model = model,
            Usage = usage,
            ServiceTier = serviceTier,
            Details = new ResponseDetails { Provider = provider, Model = model, RequestedModel = requested ?? $"{provider}/{model}" },
        };

    [Test]
    public void Anthropic_response_with_cache_read_and_write_is_priced_from_its_usage()
    {
        // Anthropic usage input 1,000 + cache_read 20,000 + cache_creation 5,000, normalised to inclusive prompt tokens.
        var usage = new Usage { PromptTokens = 26_000, CompletionTokens = 800, PromptTokensDetails = new PromptTokensDetails { CachedTokens = 20_000, CacheWriteTokens = 5_000 } };
        var result = CostCalculator.Default.CompletionCost(Response("anthropic", "claude-sonnet-4-5-20250929", usage, "anthropic/claude-sonnet-4-5"));

        Assert.That(result.Cost, Is.EqualTo(0.03975m));
        Assert.That(result.Breakdown, Is.EqualTo(new CostBreakdown { Input = 0.003m, CacheRead = 0.006m, CacheWrite = 0.01875m, Output = 0.012m }));
    }

    [Test]
    public void Gemini_thinking_tokens_are_billed_as_output()
    {
        // 60,000×1.25e-6 = 0.075; 40,000×1.25e-7 = 0.005; text 1,000×1e-5 = 0.01; thinking 4,000×1e-5 = 0.04
        var usage = new Usage { PromptTokens = 100_000, CompletionTokens = 5_000, PromptTokensDetails = new() { CachedTokens = 40_000 }, CompletionTokensDetails = new() { ReasoningTokens = 4_000 } };
        var result = Response("gemini", "gemini-2.5-pro", usage).CompletionCost();
        Assert.That(result.Cost, Is.EqualTo(0.13m));
        Assert.That(result.Breakdown!.Reasoning, Is.EqualTo(0.04m));
    }

    [Test]
    public void Openai_service_tier_on_the_response_selects_flex_prices()
    {
        var usage = new Usage { PromptTokens = 20_000, CompletionTokens = 1_000, PromptTokensDetails = new() { CachedTokens = 10_000 } };
        var result = CostCalculator.Default.CompletionCost(Response("openai", "gpt-5-2025-08-07", usage, serviceTier: "flex"));
        Assert.That(result.Cost, Is.EqualTo(0.011875m));
        Assert.That(result.Breakdown!.ServiceTier, Is.EqualTo("flex"));
    }

    [Test]
    public void Azure_deployment_is_priced_by_its_base_model_not_the_generic_name_azure_returns()
    {
        var catalog = ModelCatalog.CreateDefault();
        catalog.Register("azure/my-gpt4o", [new("base_model", "azure/gpt-4o-2024-08-06")]);
        var usage = new Usage { PromptTokens = 10_000, CompletionTokens = 500, PromptTokensDetails = new() { CachedTokens = 4_000 } };
        // Azure reports "gpt-4" for the deployment; azure/gpt-4 would cost 10,000×3e-5 + 500×6e-5 = 0.33.
        // The base model's prices: 6,000×2.5e-6 = 0.015; 4,000×1.25e-6 = 0.005; 500×1e-5 = 0.005.
        var result = new CostCalculator(catalog).CompletionCost(Response("azure", "gpt-4", usage, requested: "azure/my-gpt4o"));
        Assert.That(result.Cost, Is.EqualTo(0.025m));
        Assert.That(result.Model!.Key, Is.EqualTo("azure/my-gpt4o"));
        Assert.That(new CostCalculator(catalog).CompletionCost(Response("azure", "gpt-4", new Usage { PromptTokens = 10_000, CompletionTokens = 500 }, requested: "azure/other")).Cost, Is.EqualTo(0.33m));
    }

    [Test]
    public void Flat_priced_openai_compatible_host_registered_at_runtime()
    {
        var catalog = ModelCatalog.CreateEmpty();
        catalog.Register("my-host/llama-3-70b", new ModelInfo { Key = "", InputCostPerToken = 0.0000006m, OutputCostPerToken = 0.0000008m });
        // cached tokens without a cache price cost the input price: 5,000×6e-7 = 0.003; 1,000×8e-7 = 0.0008
        var usage = new Usage { PromptTokens = 5_000, CompletionTokens = 1_000, PromptTokensDetails = new() { CachedTokens = 1_000 } };
        Assert.That(new CostCalculator(catalog).CompletionCost(Response("my-host", "llama-3-70b", usage)).Cost, Is.EqualTo(0.0038m));
    }

    [Test]
    public void Time_priced_host_is_priced_per_second_when_a_duration_is_known()
    {
        var catalog = ModelCatalog.CreateEmpty();
        catalog.Register("sagemaker/my-endpoint", [new("input_cost_per_second", "0.001"), new("output_cost_per_second", "0.002")]);
        var calc = new CostCalculator(catalog);
        var q = new TokenQuantities { PromptTokens = 100, CompletionTokens = 100 };
        // 2.5 s × (0.001 + 0.002)
        Assert.That(calc.CostPerToken("sagemaker", "my-endpoint", q with { Duration = TimeSpan.FromSeconds(2.5) }).Cost, Is.EqualTo(0.0075m));
        Assert.That(calc.CostPerToken("sagemaker", "my-endpoint", q).Reason, Is.EqualTo(UnknownPriceReason.NoPrice));
    }

    [Test]
    public void Unknown_model_gives_a_typed_unknown_result_with_the_reason_not_an_exception()
    {
        var result = CostCalculator.Default.CompletionCost(Response("openai", "gpt-99-hyper", new Usage { PromptTokens = 1, CompletionTokens = 1 }));
        Assert.Multiple(() =>
        {
            Assert.That(result.IsKnown, Is.False);
            Assert.That(result.Cost, Is.Null);
            Assert.That(result.Reason, Is.EqualTo(UnknownPriceReason.UnknownModel));
            Assert.That(result.Message, Does.Contain("gpt-99-hyper").And.Contain("openai"));
        });
    }

    [Test]
    public void Strict_mode_throws_for_an_unknown_price()
    {
        var response = Response("openai", "gpt-99-hyper", new Usage { PromptTokens = 1, CompletionTokens = 1 });
        var ex = Assert.Throws<ModelPriceUnknownException>(() => CostCalculator.Default.CompletionCost(response, strict: true));
        Assert.That(ex!.Reason, Is.EqualTo(UnknownPriceReason.UnknownModel));
        Assert.Throws<ModelPriceUnknownException>(() => CostCalculator.Default.CompletionCost(response).GetValueOrThrow());
    }

    [Test]
    public void Missing_usage_is_reported_as_no_usage()
        => Assert.That(CostCalculator.Default.CompletionCost(Response("openai", "gpt-4o", null)).Reason, Is.EqualTo(UnknownPriceReason.NoUsage));

    [Test]
    public void Known_model_without_any_price_is_no_price()
    {
        var catalog = ModelCatalog.CreateEmpty();
        catalog.Register("acme/mystery", new ModelInfo { Key = "", Mode = "chat" });
        Assert.That(new CostCalculator(catalog).CostPerToken("acme", "mystery", new TokenQuantities { PromptTokens = 10 }).Reason, Is.EqualTo(UnknownPriceReason.NoPrice));
    }

    [Test]
    public void Inconsistent_usage_never_produces_a_negative_part()
    {
        // cached > prompt and reasoning > completion (an adapter bug) must not bill negative tokens
        var q = new TokenQuantities { PromptTokens = 100, CachedTokens = 500, CompletionTokens = 10, ReasoningTokens = 50 };
        var result = CostCalculator.Default.CostPerToken("openai", "gpt-4o", q);
        Assert.That(result.Breakdown!.Input, Is.EqualTo(0m));
        Assert.That(result.Breakdown.Output, Is.EqualTo(0m));
        Assert.That(result.Cost, Is.EqualTo(500 * 0.00000125m + 50 * 0.00001m));
    }

    [Test]
    public void Embedding_response_is_priced_by_its_prompt_tokens()
    {
        var response = new EmbeddingResponse { Model = "text-embedding-3-small", Usage = new Usage { PromptTokens = 1_000_000, TotalTokens = 1_000_000 }, Details = new ResponseDetails { Provider = "openai", Model = "text-embedding-3-small" } };
        Assert.That(response.EmbeddingCost().Cost, Is.EqualTo(0.02m));
    }

    [Test]
    public void Final_stream_chunk_is_priced_like_a_response()
    {
        var chunk = new ChatCompletionChunk { Model = "gpt-4o-mini-2024-07-18", Usage = new Usage { PromptTokens = 50_000, CompletionTokens = 2_000, PromptTokensDetails = new() { CachedTokens = 20_000 } }, Details = new ResponseDetails { Provider = "openai", Model = "gpt-4o-mini-2024-07-18" } };
        Assert.That(CostCalculator.Default.CompletionCost(chunk).Cost, Is.EqualTo(0.0072m));
    }

    [Test]
    public void Mock_provider_is_priced_as_the_requested_model()
    {
        var response = Response("mock", "openai/gpt-4o", new Usage { PromptTokens = 1_000, CompletionTokens = 100 }, requested: "openai/gpt-4o");
        Assert.That(response.CompletionCost().Cost, Is.EqualTo(0.0035m));
    }
}
