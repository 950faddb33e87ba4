using LlmAbstraction.Providers.OpenAI;

namespace LlmAbstraction.Providers.Azure;

/// <summary>
/// Azure OpenAI URLs. Deployment style: <c>{base}/openai/deployments/{deployment}/{op}?api-version={v}</c>.
/// v1 style (api version <c>v1</c>/<c>latest</c>, or a base ending in <c>/openai/v1</c>): <c>{base}/openai/v1/{op}</c>
/// with the deployment as the body's <c>model</c> and no dated api-version.
/// </summary>
internal static class AzureOpenAIUrls
{
    public const string DefaultApiVersion = "2024-10-21";

    public static OpenAIUrlBuilder Create(string defaultApiVersion)
        => (endpoint, deployment, operation) => Build(endpoint.ApiBase, deployment, endpoint.ApiVersion ?? defaultApiVersion, operation);

    public static bool IsV1(string apiBase, string? apiVersion)
        => apiVersion is "v1" or "latest" || apiBase.TrimEnd('/').EndsWith("/openai/v1", StringComparison.OrdinalIgnoreCase);

    public static string Build(string apiBase, string deployment, string apiVersion, OpenAIOperation operation)
    {
        var root = apiBase.TrimEnd('/');
        var path = operation == OpenAIOperation.Embeddings ? "/embeddings" : "/chat/completions";
        if (IsV1(root, apiVersion))
        {
            if (!root.EndsWith("/openai/v1", StringComparison.OrdinalIgnoreCase))
                root = root.EndsWith("/openai", StringComparison.OrdinalIgnoreCase) ? root + "/v1" : root + "/openai/v1";
            // The v1 API takes no dated version; only the preview channel is selected by query.
            return root + path + (apiVersion == "preview" ? "?api-version=preview" : "");
        }
        if (!root.EndsWith("/openai", StringComparison.OrdinalIgnoreCase)) root += "/openai";
        return $"{root}/deployments/{Uri.EscapeDataString(deployment)}{path}?api-version={Uri.EscapeDataString(apiVersion)}";
    }
}
