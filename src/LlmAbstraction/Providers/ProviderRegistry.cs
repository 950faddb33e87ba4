using System.Collections.Concurrent;
using LlmAbstraction.Providers.Anthropic;
using LlmAbstraction.Providers.Bedrock;
using LlmAbstraction.Providers.Azure;
using LlmAbstraction.Providers.Mistral;
using LlmAbstraction.Providers.Cohere;
using LlmAbstraction.Providers.Gemini;
using LlmAbstraction.Providers.VertexAI;
using LlmAbstraction.Providers.Mock;
using LlmAbstraction.Providers.Ollama;
using LlmAbstraction.Providers.OpenAI;
using LlmAbstraction.Providers.OpenAICompatible;

namespace LlmAbstraction.Providers;

/// <summary>
/// The providers a client knows, by name. Model strings resolve through it: an explicit
/// <c>provider/</c> prefix, else a bare-name prefix a descriptor claims.
/// </summary>
/// <remarks>Thread-safe. Registering a name again replaces the earlier descriptor.</remarks>
public sealed class ProviderRegistry
{
    private readonly ConcurrentDictionary<string, ProviderDescriptor> _byName = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A registry holding every built-in provider.</summary>
    public static ProviderRegistry CreateDefault()
    {
        var registry = new ProviderRegistry();
        registry.Register(OpenAIProvider.Descriptor);
        registry.Register(AnthropicProvider.Descriptor);
        registry.Register(BedrockProvider.Descriptor);
        registry.Register(AzureOpenAIProvider.Descriptor);
        registry.Register(MistralProvider.Descriptor);
        registry.Register(CohereProvider.Descriptor);
        registry.Register(OllamaProvider.Descriptor);
        registry.Register(GeminiProvider.Descriptor);
        registry.Register(VertexAIProvider.Descriptor);
        registry.Register(MockProvider.Descriptor);
        OpenAICompatibleProviders.RegisterCatalog(registry);
        return registry;
    }

    /// <summary>Adds or replaces a provider.</summary>
    public void Register(ProviderDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentException.ThrowIfNullOrWhiteSpace(descriptor.Name);
        if (descriptor.Name.Contains('/', StringComparison.Ordinal))
            throw new ArgumentException($"Provider name '{descriptor.Name}' must not contain '/'.", nameof(descriptor));
        _byName[descriptor.Name] = descriptor;
    }

    /// <summary>Finds a provider by name.</summary>
    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ProviderDescriptor? descriptor)
        => _byName.TryGetValue(name, out descriptor);

    /// <summary>Every registered provider, ordered by name.</summary>
    public IReadOnlyList<ProviderDescriptor> All => _byName.Values.OrderBy(d => d.Name, StringComparer.Ordinal).ToArray();

    /// <summary>The registered names, comma-separated, for error messages.</summary>
    internal string KnownNames => string.Join(", ", _byName.Keys.Order(StringComparer.Ordinal));

    /// <summary>The provider that claims a bare model name, or <see langword="null"/>.</summary>
    internal ProviderDescriptor? InferFromBareName(string model)
    {
        ProviderDescriptor? best = null;
        var bestLength = 0;
        foreach (var d in _byName.Values)
        {
            foreach (var prefix in d.BareModelPrefixes)
            {
                if (prefix.Length > bestLength && MatchesPrefix(model, prefix))
                {
                    best = d;
                    bestLength = prefix.Length;
                }
            }
        }
        return best;
    }

    private static bool MatchesPrefix(string model, string prefix)
    {
        if (!model.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return false;
        if (prefix.EndsWith('-') || model.Length == prefix.Length) return true;
        return model[prefix.Length] == '-';
    }
}
