namespace LlmAbstraction.Providers;

/// <summary>What a provider can do, for capability checks and the README's provider table.</summary>
[Flags]
public enum ProviderCapabilities
{
    /// <summary>Nothing.</summary>
    None = 0,
    /// <summary>Chat completions.</summary>
    Chat = 1,
    /// <summary>Streaming chat completions.</summary>
    Streaming = 2,
    /// <summary>Tool calling.</summary>
    Tools = 4,
    /// <summary>Image input.</summary>
    Vision = 8,
    /// <summary>JSON-schema structured output.</summary>
    JsonSchema = 16,
    /// <summary>Embeddings.</summary>
    Embeddings = 32,
}

/// <summary>
/// Describes a provider to the registry: its prefix, how to infer it from bare model names, where its
/// keys come from, and how to build its adapter. Adding a provider is registering a descriptor.
/// </summary>
public sealed class ProviderDescriptor
{
    /// <summary>The registry name and model prefix (e.g. <c>anthropic</c> for <c>anthropic/claude-…</c>).</summary>
    public required string Name { get; init; }

    /// <summary>A human-readable name.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The default base URL.</summary>
    public required string DefaultApiBase { get; init; }

    /// <summary>Environment variables that may hold the API key, in order of preference.</summary>
    public IReadOnlyList<string> ApiKeyEnvironmentVariables { get; init; } = [];

    /// <summary>Environment variables that may hold the base URL.</summary>
    public IReadOnlyList<string> ApiBaseEnvironmentVariables { get; init; } = [];

    /// <summary>Environment variables that may hold the API version.</summary>
    public IReadOnlyList<string> ApiVersionEnvironmentVariables { get; init; } = [];

    /// <summary>Whether a call without a key is refused before it is sent.</summary>
    public bool RequiresApiKey { get; init; } = true;

    /// <summary>
    /// Bare-name prefixes that select this provider without an explicit prefix (e.g. <c>gpt-</c>, <c>o3</c>).
    /// A prefix not ending in '-' matches only a whole name or a name continuing with '-'.
    /// </summary>
    public IReadOnlyList<string> BareModelPrefixes { get; init; } = [];

    /// <summary>What the provider supports.</summary>
    public ProviderCapabilities Capabilities { get; init; }

    /// <summary>How it authenticates, for documentation (e.g. <c>Bearer key</c>).</summary>
    public string Authentication { get; init; } = "";

    /// <summary>Builds the adapter; called once per client.</summary>
    public required Func<ProviderServices, ILlmProvider> Factory { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>What an adapter gets from the client: the shared HTTP transport, time, logging, and model information.</summary>
public sealed class ProviderServices
{
    /// <summary>The shared HTTP transport.</summary>
    public required LlmHttpTransport Transport { get; init; }
    /// <summary>The clock.</summary>
    public required TimeProvider TimeProvider { get; init; }
    /// <summary>Model limits and capabilities.</summary>
    public required IModelInfoProvider ModelInfo { get; init; }
    /// <summary>The client options.</summary>
    public required LlmClientOptions Options { get; init; }
    /// <summary>The descriptor the adapter is built for.</summary>
    public required ProviderDescriptor Descriptor { get; init; }
    /// <summary>Reads environment variables for adapters with credentials beyond one key (e.g. AWS); the process environment by default.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;
}
