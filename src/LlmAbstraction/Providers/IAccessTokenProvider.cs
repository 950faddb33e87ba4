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
