using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace LlmAbstraction.Providers;

/// <summary>Reads a provider's error body into its type, code and message.</summary>
/// <param name="status">The HTTP status (or null for an error event inside a stream).</param>
/// <param name="body">The raw body text.</param>
public delegate ProviderError ProviderErrorParser(HttpStatusCode? status, string body);

/// <summary>A provider's error as its body states it.</summary>
/// <param name="Type">The error type (e.g. <c>invalid_request_error</c>).</param>
/// <param name="Code">The error code (e.g. <c>context_length_exceeded</c>).</param>
/// <param name="Message">The message.</param>
/// <param name="RetryAfter">A wait the body asks for (e.g. Google's <c>RetryInfo.retryDelay</c>), used when no header gives one.</param>
public readonly record struct ProviderError(string? Type, string? Code, string? Message, TimeSpan? RetryAfter = null);

/// <summary>
/// The one HTTP transport every adapter shares: a pooled <see cref="HttpClient"/> (from
/// IHttpClientFactory under DI), failures turned into typed errors, secrets redacted.
/// It never retries: retries live in exactly one layer of the pipeline.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class LlmHttpTransport
{
    private const int MaxErrorBodyChars = 64 * 1024;
    private readonly Func<HttpClient> _client;
    private readonly TimeProvider _time;

    /// <summary>Creates the transport over an HttpClient source (called per request: cheap with IHttpClientFactory).</summary>
    public LlmHttpTransport(Func<HttpClient> client, TimeProvider timeProvider)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    }

    /// <summary>
    /// Sends <paramref name="message"/> and returns the successful response (headers read; the body is the caller's
    /// to read and dispose). A failure status becomes the matching <see cref="LlmException"/>.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage message, ProviderCallInfo call, ProviderErrorParser parseError, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(parseError);
        HttpResponseMessage response;
        try
        {
            response = await _client().SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ApiConnectionException(
                $"{call.Provider} connection failed for model '{call.Model}': {SecretRedactor.Redact(ex.Message, call.ApiKey)}",
                new LlmErrorDetails { Provider = call.Provider, Model = call.Model }, ex);
        }

        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
            throw CreateError(response.StatusCode, body, response.Headers, call, parseError);
        }
    }

    /// <summary>Builds the typed error for a failed answer or an error event inside a stream.</summary>
    public LlmException CreateError(HttpStatusCode? status, string body, HttpResponseHeaders? headers, ProviderCallInfo call, ProviderErrorParser parseError)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(parseError);
        ProviderError parsed;
        try { parsed = parseError(status, body); }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            parsed = new ProviderError(null, null, body.Length > 500 ? body[..500] : body);
        }
        var details = new LlmErrorDetails
        {
            Provider = call.Provider,
            Model = call.Model,
            StatusCode = status,
            ErrorType = parsed.Type ?? AwsErrorType(headers),
            ErrorCode = parsed.Code,
            ProviderMessage = SecretRedactor.Redact(parsed.Message ?? (body.Length == 0 ? status?.ToString() : body), call.ApiKey),
            RawBody = SecretRedactor.Redact(body, call.ApiKey),
            RetryAfter = (headers is null ? null : RetryAfterParser.Parse(headers, _time)) ?? parsed.RetryAfter,
            ProviderRequestId = headers is null ? null : RequestId(headers),
            ShouldRetryHint = headers is null ? null : ShouldRetry(headers),
        };
        return LlmErrors.FromProvider(details);
    }

    /// <summary>The provider's request id from the usual headers.</summary>
    public static string? RequestId(HttpResponseHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        foreach (var name in RequestIdHeaders)
            if (headers.TryGetValues(name, out var values)) return values.FirstOrDefault();
        return null;
    }

    // AWS services name the error in a header: "x-amzn-ErrorType: ThrottlingException:http://…" (the code is before ':').
    private static string? AwsErrorType(HttpResponseHeaders? headers)
    {
        if (headers is null || !headers.TryGetValues("x-amzn-ErrorType", out var values) || values.FirstOrDefault() is not { Length: > 0 } value) return null;
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return (colon < 0 ? value : value[..colon]).Trim();
    }

    private static readonly string[] RequestIdHeaders = ["x-request-id", "request-id", "apim-request-id", "x-amzn-requestid"];

    private static bool? ShouldRetry(HttpResponseHeaders headers)
        => headers.TryGetValues("x-should-retry", out var v) ? string.Equals(v.FirstOrDefault(), "true", StringComparison.OrdinalIgnoreCase) : null;

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            var text = Encoding.UTF8.GetString(bytes);
            return text.Length > MaxErrorBodyChars ? text[..MaxErrorBodyChars] : text;
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }
}

/// <summary>Who is being called, for error messages and redaction.</summary>
/// <param name="Provider">The provider name.</param>
/// <param name="Model">The model requested.</param>
/// <param name="ApiKey">The key in use, so that it can be redacted from anything the provider echoes.</param>
public sealed record ProviderCallInfo(string Provider, string Model, string? ApiKey)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Provider}/{Model}";

    /// <summary>Excludes the key from printing.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Provider = ").Append(Provider).Append(", Model = ").Append(Model);
        return true;
    }
}
