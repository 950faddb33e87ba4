namespace LlmAbstraction.Providers.Azure;

/// <summary>Options for an Azure OpenAI registration built with <see cref="AzureOpenAIProvider.CreateDescriptor"/>.</summary>
public sealed class AzureOpenAIOptions
{
    /// <summary>
    /// The <c>api-version</c> used when none is configured (request, <c>Providers:azure:ApiVersion</c>,
    /// <c>AZURE_API_VERSION</c>). Default <c>2024-10-21</c> (the latest GA dated version). Use <c>v1</c> or
    /// <c>latest</c> to call the version-less v1 API.
    /// </summary>
    public string DefaultApiVersion { get; set; } = AzureOpenAIUrls.DefaultApiVersion;

    /// <summary>
    /// A source of Microsoft Entra ID tokens (scope <c>https://cognitiveservices.azure.com/.default</c>).
    /// When set, calls send <c>Authorization: Bearer &lt;token&gt;</c> instead of the <c>api-key</c> header and no key is required.
    /// Default <see langword="null"/> (key authentication).
    /// </summary>
    public IAccessTokenProvider? TokenProvider { get; set; }

    /// <summary>The registry name. Default <c>azure</c>; use another to register a second Azure resource side by side.</summary>
    public string Name { get; set; } = "azure";
}
