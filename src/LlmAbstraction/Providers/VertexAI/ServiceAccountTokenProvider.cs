using System.Globalization;
using System.Net;
using System.Text.Json;

namespace LlmAbstraction.Providers.VertexAI;

/// <summary>
/// Access tokens for a Google service account: a signed JWT assertion exchanged at the key's <c>token_uri</c>
/// (grant <c>urn:ietf:params:oauth:grant-type:jwt-bearer</c>), cached until <see cref="RefreshMargin"/> before expiry.
/// Concurrent callers share one exchange (one caller fetches while the others wait, then read the cache).
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class ServiceAccountTokenProvider(string credentialsSource, LlmHttpTransport transport, TimeProvider time) : IAccessTokenProvider
{
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);
    private const string GrantType = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private GoogleServiceAccount? _account;
    private volatile CachedToken? _token;

    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_token is { } cached && time.GetUtcNow() < cached.RefreshAt) return cached.Value;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is { } again && time.GetUtcNow() < again.RefreshAt) return again.Value;
            var fresh = await ExchangeAsync(cancellationToken).ConfigureAwait(false);
            _token = fresh;
            return fresh.Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The account's project id (loads the key when needed).</summary>
    public async ValueTask<string?> GetProjectIdAsync(CancellationToken cancellationToken)
        => (await AccountAsync(cancellationToken).ConfigureAwait(false)).ProjectId;

    private async ValueTask<GoogleServiceAccount> AccountAsync(CancellationToken cancellationToken)
        => _account ??= await GoogleServiceAccount.LoadAsync(credentialsSource, cancellationToken).ConfigureAwait(false);

    private async Task<CachedToken> ExchangeAsync(CancellationToken cancellationToken)
    {
        var account = await AccountAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var assertion = GoogleJwtAssertion.Create(account, now);
        using var message = new HttpRequestMessage(HttpMethod.Post, account.TokenUri)
        {
            Content = new FormUrlEncodedContent([new("grant_type", GrantType), new("assertion", assertion)]),
        };
        var call = new ProviderCallInfo("vertex_ai", "oauth2 token", assertion);
        HttpResponseMessage response;
        try
        {
            response = await transport.SendAsync(message, call, ParseTokenError, cancellationToken).ConfigureAwait(false);
        }
        catch (LlmException ex) when (ex.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new AuthenticationException($"Vertex AI: the token endpoint refused the service account {account.ClientEmail}: {ex.Details.ProviderMessage}",
                new LlmErrorDetails { Provider = "vertex_ai", StatusCode = ex.StatusCode, ErrorCode = ex.ErrorCode, ProviderMessage = ex.Details.ProviderMessage }, ex);
        }
        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            var token = root.TryGetProperty("access_token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (string.IsNullOrEmpty(token))
                throw new AuthenticationException("Vertex AI: the token endpoint answered without an access_token.", new LlmErrorDetails { Provider = "vertex_ai", ErrorCode = "invalid_token_response" });
            var lifetime = TimeSpan.FromSeconds(ExpiresIn(root) ?? 3600);
            var margin = lifetime > RefreshMargin * 2 ? RefreshMargin : lifetime / 2;
            return new CachedToken(token, now + lifetime - margin);
        }
    }

    private static double? ExpiresIn(JsonElement root)
    {
        if (!root.TryGetProperty("expires_in", out var e)) return null;
        if (e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var n)) return n;
        return e.ValueKind == JsonValueKind.String && double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : null;
    }

    private static ProviderError ParseTokenError(HttpStatusCode? status, string body)
    {
        if (!body.TrimStart().StartsWith('{')) return new ProviderError(null, null, body.Trim());
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        var error = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        var description = root.TryGetProperty("error_description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        return new ProviderError(error, error, description ?? error);
    }

    private sealed record CachedToken(string Value, DateTimeOffset RefreshAt)
    {
        public override string ToString() => $"token (refresh at {RefreshAt:O})";
    }
}
