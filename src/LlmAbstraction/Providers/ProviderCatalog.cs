using System.Collections.Concurrent;
using LlmAbstraction.Providers.Mock;

namespace LlmAbstraction.Providers;

/// <summary>The client's provider instances: one adapter per provider, built on first use.</summary>
internal sealed class ProviderCatalog
{
    private readonly ConcurrentDictionary<string, ILlmProvider> _instances = new(StringComparer.OrdinalIgnoreCase);
    private readonly Func<ProviderDescriptor, ProviderServices> _services;

    public ProviderCatalog(ProviderRegistry registry, ModelResolver resolver, Func<ProviderDescriptor, ProviderServices> services)
    {
        Registry = registry;
        Resolver = resolver;
        _services = services;
    }

    public ProviderRegistry Registry { get; }

    public ModelResolver Resolver { get; }

    /// <summary>Resolves a model; when <paramref name="mock"/> is set, the mock provider answers for any model.</summary>
    public (ProviderDescriptor Descriptor, string ProviderModel) Resolve(string model, bool mock)
    {
        if (mock)
        {
            var slash = model.IndexOf('/', StringComparison.Ordinal);
            return (MockProvider.Descriptor, slash > 0 ? model[(slash + 1)..] : model);
        }
        var resolved = Resolver.Resolve(model);
        return (resolved.Descriptor, resolved.ProviderModel);
    }

    public ILlmProvider Get(ProviderDescriptor descriptor)
        => _instances.GetOrAdd(descriptor.Name, static (_, state) => state.d.Factory(state.self._services(state.d)), (d: descriptor, self: this));
}
