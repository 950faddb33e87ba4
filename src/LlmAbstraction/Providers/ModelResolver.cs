using System.Collections.Concurrent;

namespace LlmAbstraction.Providers;

/// <summary>A model string resolved to a provider and the provider's own model id.</summary>
/// <param name="Descriptor">The provider.</param>
/// <param name="ProviderModel">The model id the provider understands (prefix removed).</param>
public sealed record ResolvedModel(ProviderDescriptor Descriptor, string ProviderModel)
{
    /// <summary>The canonical <c>provider/model</c> string.</summary>
    public string CanonicalName => $"{Descriptor.Name}/{ProviderModel}";
}

/// <summary>
/// Resolves model strings: aliases first, then an explicit <c>provider/</c> prefix, then bare-name
/// inference. Results are memoized (model strings are few and stable).
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class ModelResolver
{
    private const int MaxMemoized = 4096;
    private readonly ProviderRegistry _registry;
    private readonly IReadOnlyDictionary<string, string> _aliases;
    private readonly ConcurrentDictionary<string, ResolvedModel> _memo = new(StringComparer.Ordinal);

    /// <summary>Creates a resolver over a registry and an alias table.</summary>
    public ModelResolver(ProviderRegistry registry, IReadOnlyDictionary<string, string>? aliases = null)
    {
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _aliases = aliases ?? new Dictionary<string, string>();
    }

    /// <summary>Resolves <paramref name="model"/>, or throws <see cref="BadRequestException"/> naming the known providers.</summary>
    public ResolvedModel Resolve(string model)
    {
        if (string.IsNullOrWhiteSpace(model))
            throw new BadRequestException("The request has no model. Use 'provider/model' (e.g. 'openai/gpt-4o') or a bare name such as 'gpt-4o'.",
                new LlmErrorDetails { ErrorCode = "missing_model" });
        if (_memo.TryGetValue(model, out var hit)) return hit;
        var resolved = ResolveUncached(model);
        if (_memo.Count < MaxMemoized) _memo.TryAdd(model, resolved);
        return resolved;
    }

    /// <summary>Resolves <paramref name="model"/>, or returns null when it names no known provider (e.g. a router group).</summary>
    public ResolvedModel? TryResolve(string model)
    {
        if (string.IsNullOrWhiteSpace(model)) return null;
        if (_memo.TryGetValue(model, out var hit)) return hit;
        try
        {
            return Resolve(model);
        }
        catch (BadRequestException)
        {
            return null;
        }
    }

    private ResolvedModel ResolveUncached(string model)
    {
        var name = model;
        for (var depth = 0; _aliases.TryGetValue(name, out var target); depth++)
        {
            if (depth >= 8) throw new BadRequestException($"Model alias '{model}' forms a cycle or is nested too deeply.", new LlmErrorDetails { Model = model, ErrorCode = "alias_cycle" });
            name = target;
        }

        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && _registry.TryGet(name[..slash], out var prefixed))
        {
            var rest = name[(slash + 1)..];
            if (rest.Length == 0) throw new BadRequestException($"Model '{model}' names the provider '{prefixed.Name}' but no model.", new LlmErrorDetails { Model = model, Provider = prefixed.Name, ErrorCode = "missing_model" });
            return new ResolvedModel(prefixed, rest);
        }

        if (_registry.InferFromBareName(name) is { } inferred)
            return new ResolvedModel(inferred, name);

        var what = slash > 0 ? $"Unknown provider '{name[..slash]}' in model '{model}'" : $"Cannot tell which provider serves model '{model}'";
        throw new BadRequestException($"{what}. Use 'provider/model'. Known providers: {_registry.KnownNames}.",
            new LlmErrorDetails { Model = model, ErrorCode = "unknown_provider" });
    }
}
