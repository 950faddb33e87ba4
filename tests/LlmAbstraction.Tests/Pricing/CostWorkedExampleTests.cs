using LlmAbstraction.Pricing;

namespace LlmAbstraction.Tests.Pricing;

public class CostWorkedExampleTests
{
    private static ModelCatalog? _shared;

    [TestCaseSource(typeof(CostWorkedExamples), nameof(CostWorkedExamples.All))]
    public void Built_in_catalogue_prices_example_exactly(CostWorkedExamples.Example example)
    {
        var result = new CostCalculator(ModelCatalog.Default).CostPerToken(example.Provider, example.Model, example.Usage);

        Assert.That(result.Reason, Is.EqualTo(UnknownPriceReason.None), result.Message);
        Assert.That(result.Cost, Is.EqualTo(example.Expected));
        Assert.That(result.Breakdown!.Total, Is.EqualTo(result.Cost));
    }

    [TestCaseSource(typeof(CostWorkedExamples), nameof(CostWorkedExamples.All))]
    public void Shared_litellm_price_map_loaded_directly_prices_example_identically(CostWorkedExamples.Example example)
    {
        var catalog = SharedCatalog();
        var fromFile = new CostCalculator(catalog).CostPerToken(example.Provider, example.Model, example.Usage);
        var builtIn = new CostCalculator(ModelCatalog.Default).CostPerToken(example.Provider, example.Model, example.Usage);

        Assert.That(fromFile.Cost, Is.EqualTo(example.Expected), fromFile.Message);
        Assert.That(fromFile.Breakdown, Is.EqualTo(builtIn.Breakdown));
        Assert.That(fromFile.Model!.Key, Is.EqualTo(builtIn.Model!.Key));
    }

    [Test]
    public void There_are_at_least_forty_worked_examples()
        => Assert.That(CostWorkedExamples.Examples, Has.Length.GreaterThanOrEqualTo(40));

    [Test]
    public void Every_shared_price_map_entry_matches_the_built_in_catalogue()
    {
        var catalog = SharedCatalog();
        // 2,455 entries; lookups are case-insensitive and two keys differ only by case
        // (together_ai/BAAI/bge-base-en-v1.5, same prices), so 2,454 distinct names.
        Assert.That(catalog.Count, Is.EqualTo(2454));
        Assert.That(ModelCatalog.Default.Count, Is.EqualTo(2454));
        using var stream = File.OpenRead(SharedPriceMap.RequirePath());
        var entries = LiteLlmPriceMapReader.Read(stream);
        var builtIn = CompactCatalogReader.ReadEmbedded();
        var mismatches = entries.Where(e => !builtIn.TryGetValue(e.Key, out var b) || !Same(b, e.Value)).Select(e => e.Key).Take(10).ToList();
        Assert.That(mismatches, Is.Empty);
    }

    private static bool Same(ModelInfo a, ModelInfo b)
        => string.Equals(a.Key, b.Key, StringComparison.OrdinalIgnoreCase) // the case-only duplicate keeps either spelling
           && a with { Key = b.Key, LongContextTiers = [], ServiceTiers = b.ServiceTiers } == b with { LongContextTiers = [] }
           && a.LongContextTiers.SequenceEqual(b.LongContextTiers)
           && a.ServiceTiers.Count == b.ServiceTiers.Count && a.ServiceTiers.All(kv => b.ServiceTiers.TryGetValue(kv.Key, out var v) && v == kv.Value);

    private static ModelCatalog SharedCatalog()
    {
        var path = SharedPriceMap.RequirePath();
        if (_shared is null)
        {
            using var stream = File.OpenRead(path);
            _shared = ModelCatalog.FromLiteLlmJson(stream);
        }
        return _shared;
    }
}
