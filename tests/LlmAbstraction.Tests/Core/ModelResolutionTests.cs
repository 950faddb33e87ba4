using LlmAbstraction.Providers;

namespace LlmAbstraction.Tests.Core;

public class ModelResolutionTests
{
    private static ModelResolver Resolver(Dictionary<string, string>? aliases = null) => new(ProviderRegistry.CreateDefault(), aliases);

    [TestCase("gpt-4o", "openai", "gpt-4o")]
    [TestCase("o3-mini", "openai", "o3-mini")]
    [TestCase("o1", "openai", "o1")]
    [TestCase("o4-mini-2025-04-16", "openai", "o4-mini-2025-04-16")]
    [TestCase("text-embedding-3-small", "openai", "text-embedding-3-small")]
    [TestCase("claude-sonnet-4-6", "anthropic", "claude-sonnet-4-6")]
    [TestCase("anthropic/claude-sonnet-4-6", "anthropic", "claude-sonnet-4-6")]
    [TestCase("openai/ft:gpt-4o-mini:org:custom:id", "openai", "ft:gpt-4o-mini:org:custom:id")]
    [TestCase("mock/anything/at/all", "mock", "anything/at/all")]
    public void Model_strings_resolve_by_prefix_or_bare_name(string model, string provider, string providerModel)
    {
        var r = Resolver().Resolve(model);
        Assert.That(r.Descriptor.Name, Is.EqualTo(provider));
        Assert.That(r.ProviderModel, Is.EqualTo(providerModel));
    }

    [Test]
    public void Aliases_resolve_before_prefixes_and_nest()
    {
        var r = Resolver(new() { ["fast"] = "smart", ["smart"] = "anthropic/claude-haiku-4-5" }).Resolve("fast");
        Assert.That(r.CanonicalName, Is.EqualTo("anthropic/claude-haiku-4-5"));
    }

    [Test]
    public void An_alias_cycle_is_a_clear_error()
    {
        var ex = Assert.Throws<BadRequestException>(() => Resolver(new() { ["a"] = "b", ["b"] = "a" }).Resolve("a"));
        Assert.That(ex!.ErrorCode, Is.EqualTo("alias_cycle"));
    }

    [Test]
    public void Unknown_provider_is_a_typed_error_naming_the_known_ones()
    {
        var ex = Assert.Throws<BadRequestException>(() => Resolver().Resolve("nosuch/model-x"));
        Assert.That(ex!.Message, Does.Contain("nosuch").And.Contain("anthropic").And.Contain("openai"));
        Assert.That(ex.ErrorCode, Is.EqualTo("unknown_provider"));
    }

    [Test]
    public void A_bare_name_nobody_claims_is_a_typed_error()
    {
        var ex = Assert.Throws<BadRequestException>(() => Resolver().Resolve("llama3.2"));
        Assert.That(ex!.Message, Does.Contain("provider/model"));
    }

    [Test]
    public void A_prefix_alone_is_not_a_model()
        => Assert.Throws<BadRequestException>(() => Resolver().Resolve("openai/"));

    [Test]
    public void Bare_prefix_without_dash_does_not_match_longer_words()
        => Assert.Throws<BadRequestException>(() => Resolver().Resolve("o1x"));

    [Test]
    public void Registered_providers_extend_resolution_without_code_changes()
    {
        var registry = ProviderRegistry.CreateDefault();
        registry.Register(new ProviderDescriptor { Name = "acme", DefaultApiBase = "http://127.0.0.1:1", BareModelPrefixes = ["acme-"], Factory = _ => throw new NotSupportedException() });
        Assert.That(new ModelResolver(registry).Resolve("acme-large").Descriptor.Name, Is.EqualTo("acme"));
    }
}
