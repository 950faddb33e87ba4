using System.Net;
using System.Net.Http.Headers;

namespace LlmAbstraction.Benchmarks.Stub;

/// <summary>
/// The in-process "provider" every arm talks to: drains the request body (so every arm pays its own serialization)
/// and answers 200 with the same bytes, content type and request-id header each time. No sockets, no delay.
/// </summary>
public sealed class StubHttpHandler(byte[] body, string contentType, string requestIdHeader) : HttpMessageHandler
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly MediaTypeHeaderValue EventStream = new("text/event-stream");
    private readonly MediaTypeHeaderValue _contentType = contentType == "text/event-stream" ? EventStream : Json;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { } content) await content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        var response = new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new ByteArrayContent(body) };
        response.Content.Headers.ContentType = _contentType;
        response.Headers.TryAddWithoutValidation(requestIdHeader, "req_0123456789abcdef0123456789abcdef");
        return response;
    }

    /// <summary>An HttpClient over a stub, with no client-side timeout (every arm applies its own).</summary>
    public static HttpClient Client(byte[] body, string contentType, string requestIdHeader)
        => new(new StubHttpHandler(body, contentType, requestIdHeader)) { Timeout = Timeout.InfiniteTimeSpan };
}
