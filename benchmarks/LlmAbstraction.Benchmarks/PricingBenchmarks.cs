using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using LlmAbstraction.Pricing;

namespace LlmAbstraction.Benchmarks;

/// <summary>First use in a fresh process: parse the embedded catalogue and resolve one model (JIT included).</summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 5, warmupCount: 0, iterationCount: 1)]
[MemoryDiagnoser]
public class PricingColdStartBenchmarks
{
    [Benchmark]
    public ModelInfo? CatalogueColdLoadAndFirstLookup() => ModelCatalog.CreateDefault().Find("anthropic", "claude-sonnet-4-5-20250929");
}

/// <summary>Steady state: parsing the table again, cached lookups, and a full CompletionCost.</summary>
[ShortRunJob]
[MemoryDiagnoser]
public class PricingBenchmarks
{
    private readonly ChatCompletionResponse _response = new()
    {
        Model = "claude-sonnet-4-5-20250929",
        Usage = new Usage { PromptTokens = 26_000, CompletionTokens = 800, PromptTokensDetails = new PromptTokensDetails { CachedTokens = 20_000, CacheWriteTokens = 5_000 } },
        Details = new ResponseDetails { Provider = "anthropic", Model = "claude-sonnet-4-5-20250929", RequestedModel = "anthropic/claude-sonnet-4-5" },
    };

    [GlobalSetup]
    public void Setup()
    {
        ModelCatalog.Default.Find("anthropic", "claude-sonnet-4-5-20250929");
        ModelCatalog.Default.Find("bedrock", "ca.amazon.nova-pro-v1:0");
    }

    [Benchmark]
    public int ParseEmbeddedCatalogue() => CompactCatalogReader.ReadEmbedded().Count;

    [Benchmark]
    public ModelInfo? LookupExact() => ModelCatalog.Default.Find("anthropic", "claude-sonnet-4-5-20250929");

    [Benchmark]
    public ModelInfo? LookupNormalized() => ModelCatalog.Default.Find("bedrock", "ca.amazon.nova-pro-v1:0");

    [Benchmark]
    public decimal? CompletionCost() => CostCalculator.Default.CompletionCost(_response).Cost;
}
