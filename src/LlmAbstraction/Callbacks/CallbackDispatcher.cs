using System.Threading.Channels;
using LlmAbstraction.Telemetry;
using Microsoft.Extensions.Logging;

namespace LlmAbstraction.Callbacks;

/// <summary>
/// Delivers call events to the callbacks on a background loop through a bounded queue: the call path only enqueues
/// (never waits); when the queue is full the event is dropped and logged. Disposing flushes what is queued.
/// </summary>
internal sealed class CallbackDispatcher : IAsyncDisposable
{
    private readonly Channel<LlmCallEvent> _queue;
    private readonly IReadOnlyList<ILlmCallback> _callbacks;
    private readonly ILogger _logger;
    private readonly Task _loop;
    private readonly CancellationTokenSource _stop = new();

    public CallbackDispatcher(IReadOnlyList<ILlmCallback> callbacks, int capacity, ILogger logger)
    {
        _callbacks = callbacks;
        _logger = logger;
        _queue = Channel.CreateBounded<LlmCallEvent>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
        _loop = Task.Run(RunAsync);
    }

    public void Enqueue(LlmCallEvent callEvent)
    {
        if (!_queue.Writer.TryWrite(callEvent)) Log.CallbackQueueFull(_logger, callEvent.CallId);
    }

    private async Task RunAsync()
    {
        await foreach (var e in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            foreach (var callback in _callbacks)
            {
                try
                {
                    foreach (var attempt in e.Attempts)
                        await callback.OnAttemptAsync(e, attempt, _stop.Token).ConfigureAwait(false);
                    if (e.Status == LlmCallStatus.Success) await callback.OnSuccessAsync(e, _stop.Token).ConfigureAwait(false);
                    else await callback.OnFailureAsync(e, _stop.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    Log.CallbackFailed(_logger, callback.GetType().Name, e.CallId, ex);
                }
            }
        }
    }

    /// <summary>Stops accepting events; queued ones are still delivered.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Stops accepting events and waits for the queued ones to be delivered.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
