using System.Text.Json;
using LlmAbstraction.Providers.OpenAI;

namespace LlmAbstraction.Providers.OpenAICompatible;

/// <summary>
/// The catalogue of OpenAI-wire hosts (Groq, Together, Fireworks, DeepSeek, OpenRouter, xAI, vLLM, LM Studio…)
/// and the way to register more at runtime. Every host is served by <see cref="OpenAIProvider"/> with an
/// <see cref="OpenAIProfile"/> built from its entry: adding a host is a data change.
/// </summary>
/// <example><code>
/// var registry = ProviderRegistry.CreateDefault();
/// OpenAICompatibleProviders.Register(registry, "my_gateway", "https://llm.internal.example/v1", apiKeyEnvironmentVariable: "MY_GATEWAY_KEY");
/// var client = new LlmClientBuilder().UseProviders(registry).Build(); // "my_gateway/some-model"
/// </code></example>
public static class OpenAICompatibleProviders
{
    private const string ResourceName = "LlmAbstraction.Providers.OpenAICompatible.openai-compatible-hosts.json";
    private static readonly Lazy<IReadOnlyList<OpenAICompatibleHost>> BuiltIn = new(LoadBuiltIn);

    /// <summary>The built-in catalogue, ordered as in the file.</summary>
    public static IReadOnlyList<OpenAICompatibleHost> Catalog => BuiltIn.Value;

    /// <summary>Registers every built-in host (replacing same-named entries).</summary>
    public static void RegisterCatalog(ProviderRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var host in Catalog) registry.Register(CreateDescriptor(host));
    }

    /// <summary>Registers (or replaces) one host and returns its descriptor.</summary>
    public static ProviderDescriptor Register(ProviderRegistry registry, OpenAICompatibleHost host)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var descriptor = CreateDescriptor(host);
        registry.Register(descriptor);
        return descriptor;
    }

    /// <summary>Registers (or replaces) an OpenAI-wire host by name and base URL; models are then addressed as <c>name/model</c>.</summary>
    /// <param name="registry">The registry to add to.</param>
    /// <param name="name">The registry name and model prefix.</param>
    /// <param name="baseUrl">The base URL, e.g. <c>https://host/v1</c> (without <c>/chat/completions</c>).</param>
    /// <param name="apiKeyEnvironmentVariable">The environment variable holding the key, if any.</param>
    /// <param name="requiresApiKey">Whether calls without a key are refused. Default <see langword="false"/> (many private gateways take none).</param>
    /// <param name="capabilities">What the host supports. Default chat, streaming and tools.</param>
    /// <param name="unsupportedParams">Request fields the host rejects.</param>
    public static ProviderDescriptor Register(ProviderRegistry registry, string name, string baseUrl, string? apiKeyEnvironmentVariable = null,
        bool requiresApiKey = false, ProviderCapabilities capabilities = ProviderCapabilities.Chat | ProviderCapabilities.Streaming | ProviderCapabilities.Tools,
        IReadOnlyList<string>? unsupportedParams = null)
        => Register(registry, new OpenAICompatibleHost
        {
            Name = name,
            ApiBase = baseUrl,
            ApiKeyEnvironmentVariables = apiKeyEnvironmentVariable is null ? [] : [apiKeyEnvironmentVariable],
            RequiresApiKey = requiresApiKey,
            Capabilities = capabilities,
            UnsupportedParams = unsupportedParams ?? [],
        });

    /// <summary>Builds the registry entry for a host, after checking it.</summary>
    /// <exception cref="ArgumentException">The entry is invalid (name, base URL, unknown parameter names…).</exception>
    public static ProviderDescriptor CreateDescriptor(OpenAICompatibleHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        OpenAICompatibleHostValidator.Validate(host);
        var profile = new OpenAIProfile
        {
            ChatPath = host.ChatPath,
            EmbeddingsPath = host.EmbeddingsPath,
            AuthHeader = host.AuthHeader,
            SupportsStreamUsage = host.SupportsStreamUsage,
            RequiresDoneMarker = host.RequiresDoneMarker,
            UnsupportedParams = host.UnsupportedParams,
        };
        var auth = string.Equals(host.AuthHeader, "Authorization", StringComparison.OrdinalIgnoreCase) ? "Bearer key" : $"`{host.AuthHeader}` header";
        var keys = host.ApiKeyEnvironmentVariables.Count > 0 ? $" (`{host.ApiKeyEnvironmentVariables[0]}`)" : "";
        return new ProviderDescriptor
        {
            Name = host.Name,
            DisplayName = host.DisplayName ?? host.Name,
            DefaultApiBase = host.ApiBase,
            ApiKeyEnvironmentVariables = host.ApiKeyEnvironmentVariables,
            ApiBaseEnvironmentVariables = host.ApiBaseEnvironmentVariables,
            RequiresApiKey = host.RequiresApiKey,
            BareModelPrefixes = host.BareModelPrefixes,
            Capabilities = host.Capabilities,
            Authentication = host.RequiresApiKey ? auth + keys : $"none, or optional {auth}{keys}",
            Factory = s => new OpenAIProvider(s, profile),
        };
    }

    /// <summary>Reads a catalogue file of the built-in shape (<c>{"hosts":[{"name":…,"api_base":…},…]}</c>) and checks every entry.</summary>
    /// <exception cref="JsonException">The JSON is malformed.</exception>
    /// <exception cref="ArgumentException">An entry is invalid or a name repeats.</exception>
    public static IReadOnlyList<OpenAICompatibleHost> LoadCatalog(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var file = JsonSerializer.Deserialize(json, OpenAICompatibleJsonContext.Default.OpenAICompatibleCatalogFile)
            ?? throw new JsonException("The catalogue is empty: expected {\"hosts\":[…]}.");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var hosts = new List<OpenAICompatibleHost>(file.Hosts.Count);
        foreach (var entry in file.Hosts)
        {
            var host = entry.ToHost();
            OpenAICompatibleHostValidator.Validate(host);
            if (!seen.Add(host.Name)) throw new ArgumentException($"The catalogue names '{host.Name}' twice.", nameof(json));
            hosts.Add(host);
        }
        return hosts.AsReadOnly();
    }

    private static IReadOnlyList<OpenAICompatibleHost> LoadBuiltIn()
    {
        using var stream = typeof(OpenAICompatibleProviders).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded catalogue '{ResourceName}' is missing.");
        return LoadCatalog(stream);
    }
}
