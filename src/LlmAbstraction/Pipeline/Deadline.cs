namespace LlmAbstraction.Pipeline;

/// <summary>
/// A cancellation source linked to the caller's token that also fires after a delay measured by an injected
/// <see cref="TimeProvider"/> (so fake clocks drive it), and can be disarmed.
/// </summary>
internal sealed class Deadline : IDisposable
{
    private readonly CancellationTokenSource _cts;
    private readonly ITimer? _timer;

    public Deadline(CancellationToken cancellationToken, TimeSpan? delay, TimeProvider time)
    {
        _cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (delay is { } d && d != Timeout.InfiniteTimeSpan)
            _timer = time.CreateTimer(static s => ((Deadline)s!).Expire(), this, d, Timeout.InfiniteTimeSpan);
    }

    public CancellationToken Token => _cts.Token;

    /// <summary>True when the delay elapsed (as opposed to the caller cancelling).</summary>
    public bool Expired { get; private set; }

    /// <summary>Stops the delay from firing (the caller's token still applies).</summary>
    public void Disarm() => _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    private void Expire()
    {
        Expired = true;
        try { _cts.Cancel(); } catch (ObjectDisposedException) { }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _cts.Dispose();
    }
}
