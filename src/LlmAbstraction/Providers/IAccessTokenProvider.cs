namespace LlmAbstraction.Providers;

/// <summary>
/// Supplies bearer access tokens (e.g. Microsoft Entra ID for Azure OpenAI, Google OAuth for Vertex AI).
/// Implementations own caching and refresh; they are called once per provider request.
/// </summary>
/// <remarks>Implementations must be thread-safe. Tokens are secrets: never log them.</remarks>
public interface IAccessTokenProvider
{
    /// <summary>Returns a valid access token (without the <c>Bearer </c> prefix).</summary>
    /// <param name="cancellationToken">Cancels the token request.</param>
    ValueTask<string> GetTokenAsync(CancellationToken cancellationToken);
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
        public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) => getToken(cancellationToken);
    }
}
