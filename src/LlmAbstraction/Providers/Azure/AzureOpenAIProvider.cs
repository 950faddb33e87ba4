using LlmAbstraction.Providers.OpenAI;

namespace LlmAbstraction.Providers.Azure;

/// <summary>
/// Azure OpenAI (<c>azure/&lt;deployment&gt;</c>): the OpenAI wire format on deployment URLs with
/// <c>api-version</c>, or the v1 API; authenticated by the <c>api-key</c> header or a Microsoft Entra ID
/// bearer token. Served by <see cref="OpenAIProvider"/> with an Azure <see cref="OpenAIProfile"/>.
/// Content-filter annotations are readable through <see cref="AzureContentFilterExtensions"/>.
/// </summary>
/// <example><code>
/// // Entra ID instead of a key:
/// builder.AddProvider(AzureOpenAIProvider.CreateDescriptor(new AzureOpenAIOptions { TokenProvider = myEntraTokens }));
/// </code></example>
public static class AzureOpenAIProvider
{
    /// <summary>The default registration: key authentication, base URL from <c>AZURE_API_BASE</c> / <c>AZURE_OPENAI_ENDPOINT</c>.</summary>
    public static ProviderDescriptor Descriptor { get; } = CreateDescriptor(new AzureOpenAIOptions());

    /// <summary>Builds an Azure registration; with a token provider, no API key is required.</summary>
    public static ProviderDescriptor CreateDescriptor(AzureOpenAIOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DefaultApiVersion);
        var profile = new OpenAIProfile
        {
            AuthHeader = "api-key",
            TokenProvider = options.TokenProvider,
            UrlBuilder = AzureOpenAIUrls.Create(options.DefaultApiVersion),
        };
        return new ProviderDescriptor
        {
            Name = options.Name,
            DisplayName = "Azure OpenAI",
            DefaultApiBase = "",
            ApiKeyEnvironmentVariables = ["AZURE_API_KEY", "AZURE_OPENAI_API_KEY"],
            ApiBaseEnvironmentVariables = ["AZURE_API_BASE", "AZURE_OPENAI_ENDPOINT"],
            ApiVersionEnvironmentVariables = ["AZURE_API_VERSION", "OPENAI_API_VERSION"],
            RequiresApiKey = options.TokenProvider is null,
            Capabilities = ProviderCapabilities.Chat | ProviderCapabilities.Streaming | ProviderCapabilities.Tools | ProviderCapabilities.Vision | ProviderCapabilities.JsonSchema | ProviderCapabilities.Embeddings,
            Authentication = "`api-key` header (`AZURE_API_KEY`) or Entra ID bearer token (token provider)",
            Factory = s => new OpenAIProvider(s, profile),
        };
    }
}
