using System.Collections.Concurrent;
using System.Net.Http.Headers;
using LlmAbstraction.Providers.Bedrock.Signing;

namespace LlmAbstraction.Providers.Bedrock;

/// <summary>
/// Builds and authenticates Bedrock Runtime requests: <c>POST {base}/model/{modelId}/{operation}</c> with the model id
/// percent-encoded as one path segment (<c>:</c> → <c>%3A</c>, an ARN's <c>/</c> → <c>%2F</c>), then either a bearer
/// Bedrock API key or a SigV4 signature (service <c>bedrock</c>, time from the client's <see cref="TimeProvider"/>).
/// A <c>{region}</c> placeholder in the base URL is replaced by the resolved region. Thread-safe.
/// </summary>
internal sealed class BedrockRequestFactory(ProviderServices services)
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");
    private readonly ConcurrentDictionary<string, AwsSigV4Signer> _signers = new(StringComparer.Ordinal);

    /// <summary>The model id without LiteLLM's route prefixes (<c>converse/</c>, <c>invoke/</c>): this adapter always uses Converse for chat.</summary>
    public static string ModelId(string model)
    {
        foreach (var route in (ReadOnlySpan<string>)["converse/", "invoke/"])
            if (model.StartsWith(route, StringComparison.Ordinal)) return model[route.Length..];
        return model;
    }

    public static string Url(string apiBase, string region, string modelId, string operation)
        => apiBase.Replace("{region}", region, StringComparison.Ordinal) + "/model/" + Uri.EscapeDataString(modelId) + "/" + operation;

    public BedrockAuth Authenticate(ProviderEndpoint endpoint, string model) => BedrockAuth.Resolve(endpoint, model, services.Environment);

    public async Task<HttpRequestMessage> CreateAsync(ProviderEndpoint endpoint, BedrockAuth auth, string modelId, string operation, byte[] body, string accept, CancellationToken cancellationToken)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, Url(endpoint.ApiBase, auth.Region, modelId, operation))
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = JsonMediaType } },
        };
        try
        {
            message.Headers.TryAddWithoutValidation("Accept", accept);
            if (endpoint.Headers is { } headers)
                foreach (var h in headers) message.Headers.TryAddWithoutValidation(h.Key, h.Value);
            if (auth.BearerToken is { } token)
                message.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            else
                await Signer(auth.Region).SignAsync(message, auth.Credentials!, services.TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            return message;
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }

    private AwsSigV4Signer Signer(string region)
        => _signers.GetOrAdd(region, static r => new AwsSigV4Signer(new AwsSigV4SigningOptions { Region = r, Service = "bedrock" }));
}
