using LlmAbstraction.Providers;
using LlmAbstraction.Providers.OpenAICompatible;

namespace LlmAbstraction;

/// <summary>Registers OpenAI-wire hosts on an <see cref="LlmClientBuilder"/>.</summary>
public static class OpenAICompatibleBuilderExtensions
{
    /// <summary>Adds (or replaces) an OpenAI-wire host; models are then addressed as <c>name/model</c>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="host">The host entry (same shape as the built-in catalogue's).</param>
    public static LlmClientBuilder AddOpenAICompatibleProvider(this LlmClientBuilder builder, OpenAICompatibleHost host)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddProvider(OpenAICompatibleProviders.CreateDescriptor(host));
    }

    /// <summary>Adds (or replaces) an OpenAI-wire host by name and base URL.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The registry name and model prefix.</param>
    /// <param name="baseUrl">The base URL (e.g. <c>https://host/v1</c>).</param>
    /// <param name="apiKeyEnvironmentVariable">The environment variable holding the key, if any.</param>
    /// <param name="requiresApiKey">Whether calls without a key are refused. Default <see langword="false"/>.</param>
    public static LlmClientBuilder AddOpenAICompatibleProvider(this LlmClientBuilder builder, string name, string baseUrl, string? apiKeyEnvironmentVariable = null, bool requiresApiKey = false)
        => builder.AddOpenAICompatibleProvider(new OpenAICompatibleHost
        {
            Name = name,
            ApiBase = baseUrl,
            ApiKeyEnvironmentVariables = apiKeyEnvironmentVariable is null ? [] : [apiKeyEnvironmentVariable],
            RequiresApiKey = requiresApiKey,
            Capabilities = ProviderCapabilities.Chat | ProviderCapabilities.Streaming | ProviderCapabilities.Tools,
        });
}
