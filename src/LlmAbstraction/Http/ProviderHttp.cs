using System.Net.Http.Headers;

namespace LlmAbstraction.Providers;

/// <summary>Builds the JSON POST every adapter sends: body, content type, optional bearer key, and the endpoint's extra headers.</summary>
public static class ProviderHttp
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    /// <summary>A POST of <paramref name="body"/> (UTF-8 JSON) to <paramref name="url"/>, with <c>Authorization: Bearer</c> when <paramref name="bearerKey"/> is given.</summary>
    public static HttpRequestMessage JsonPost(string url, byte[] body, ProviderEndpoint endpoint, string? bearerKey)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var message = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = JsonMediaType } },
        };
        if (bearerKey is not null) message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerKey);
        if (endpoint.Headers is { } headers)
            foreach (var h in headers) message.Headers.TryAddWithoutValidation(h.Key, h.Value);
        return message;
    }
}
