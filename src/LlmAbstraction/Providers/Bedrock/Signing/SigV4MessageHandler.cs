namespace LlmAbstraction.Providers.Bedrock.Signing;

/// <summary>
/// A <see cref="DelegatingHandler"/> that signs every outgoing request with SigV4 just before it is sent, so each
/// retry is signed with a fresh time. Place it innermost (after retry handlers).
/// </summary>
public sealed class SigV4MessageHandler : DelegatingHandler
{
    private readonly AwsSigV4Signer _signer;
    private readonly Func<CancellationToken, ValueTask<AwsCredentials>> _credentials;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a handler that signs with fixed credentials.</summary>
    /// <param name="signer">The signer.</param>
    /// <param name="credentials">The credentials.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    public SigV4MessageHandler(AwsSigV4Signer signer, AwsCredentials credentials, TimeProvider? timeProvider = null)
        : this(signer, CredentialsOf(credentials), timeProvider)
    {
    }

    /// <summary>Creates a handler that asks <paramref name="credentials"/> before each request (rotating credentials).</summary>
    /// <param name="signer">The signer.</param>
    /// <param name="credentials">Returns the current credentials.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    public SigV4MessageHandler(AwsSigV4Signer signer, Func<CancellationToken, ValueTask<AwsCredentials>> credentials,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(credentials);
        (_signer, _credentials, _timeProvider) = (signer, credentials, timeProvider ?? TimeProvider.System);
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var credentials = await _credentials(cancellationToken).ConfigureAwait(false);
        await _signer.SignAsync(request, credentials, _timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static Func<CancellationToken, ValueTask<AwsCredentials>> CredentialsOf(AwsCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return _ => ValueTask.FromResult(credentials);
    }
}
