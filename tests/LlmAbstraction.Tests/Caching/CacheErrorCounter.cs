using System.Diagnostics.Metrics;
using LlmAbstraction.Telemetry;

namespace LlmAbstraction.Tests.Caching;

/// <summary>Counts <c>llmabstraction.cache.errors</c> measurements by operation while alive.</summary>
public sealed class CacheErrorCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _byOperation = [];

    public CacheErrorCounter()
    {
        _listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == LlmTelemetry.SourceName && instrument.Name == "llmabstraction.cache.errors") l.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var operation = "";
            foreach (var t in tags) if (t.Key == "llmabstraction.cache.operation") operation = (string)t.Value!;
            lock (_byOperation) _byOperation[operation] = _byOperation.GetValueOrDefault(operation) + value;
        });
        _listener.Start();
    }

    public long this[string operation] { get { lock (_byOperation) return _byOperation.GetValueOrDefault(operation); } }

    public long Total { get { lock (_byOperation) return _byOperation.Values.Sum(); } }

    public void Dispose() => _listener.Dispose();
}
