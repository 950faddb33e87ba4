namespace LlmAbstraction.Providers;

/// <summary>
/// Supplies OAuth bearer tokens for providers that authenticate with them (Vertex AI, Azure OpenAI with Entra ID).
/// Implementations cache and refresh tokens themselves; they are called once per request.
/// </summary>
/// <remarks>Implementations must be thread-safe. Tokens are secrets: never log them.</remarks>
public interface IAccessTokenProvider
{
    /// <summary>Returns a valid access token (without the <c>Bearer </c> prefix).</summary>
    ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken);
}

/// <summary>Builds <see cref="IAccessTokenProvider"/> instances.</summary>
public static class AccessTokenProvider
{
    /// <summary>Wraps a delegate (e.g. one that calls Azure.Identity or gcloud) as a token provider.</summary>
    public static IAccessTokenProvider FromDelegate(Func<CancellationToken, ValueTask<string>> getToken)
    {
        ArgumentNullException.ThrowIfNull(getToken);
        return new DelegateTokenProvider(getToken);
    }

    private sealed class DelegateTokenProvider(Func<CancellationToken, ValueTask<string>> getToken) : IAccessTokenProvider
    {
        public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken) => getToken(cancellationToken);
    }
}
