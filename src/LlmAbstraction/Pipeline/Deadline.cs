namespace LlmAbstraction.Pipeline;

/// <summary>
/// A cancellation source linked to the caller's token that also fires after a delay measured by an injected
/// <see cref="TimeProvider"/> (so fake clocks drive it), and can be disarmed.
/// </summary>
/// <remarks>
/// Allocates only what the case needs: with no delay, nothing (the caller's token is used as is); with a delay and a
/// caller token that cannot be cancelled, one source that owns its timer; otherwise a linked source and a timer.
/// </remarks>
internal sealed class Deadline : IDisposable
{
    private readonly CancellationToken _caller;
    private readonly CancellationTokenSource? _cts;
    private readonly ITimer? _timer;
    private volatile bool _expired;

    public Deadline(CancellationToken cancellationToken, TimeSpan? delay, TimeProvider time)
    {
        _caller = cancellationToken;
        if (delay is not { } d || d == Timeout.InfiniteTimeSpan) return;
        if (!cancellationToken.CanBeCanceled)
        {
            _cts = new CancellationTokenSource(d, time); // only its own timer can cancel it
            return;
        }
        _cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _timer = time.CreateTimer(static s => ((Deadline)s!).Expire(), this, d, Timeout.InfiniteTimeSpan);
    }

    public CancellationToken Token => _cts?.Token ?? _caller;

    /// <summary>True when the delay elapsed (as opposed to the caller cancelling).</summary>
    public bool Expired => _expired || (_timer is null && _cts is { IsCancellationRequested: true });

    /// <summary>Stops the delay from firing (the caller's token still applies).</summary>
    public void Disarm()
    {
        if (_timer is not null) _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        else _cts?.CancelAfter(Timeout.InfiniteTimeSpan);
    }

    private void Expire()
    {
        _expired = true;
        try { _cts!.Cancel(); } catch (ObjectDisposedException) { }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _cts?.Dispose();
    }
}
