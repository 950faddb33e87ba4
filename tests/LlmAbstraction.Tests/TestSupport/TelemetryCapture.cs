using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using LlmAbstraction.Telemetry;

namespace LlmAbstraction.Tests.TestSupport;

/// <summary>Captures the library's spans (with the tags samplers saw at creation) and measurements.</summary>
public sealed class TelemetryCapture : IDisposable
{
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters;

    public TelemetryCapture()
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = s => s.Name == LlmTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> o) =>
            {
                CreationTags.Enqueue((o.Name, o.Tags?.ToDictionary(t => t.Key, t => t.Value) ?? []));
                return ActivitySamplingResult.AllDataAndRecorded;
            },
            ActivityStopped = a => Spans.Enqueue(a),
        };
        ActivitySource.AddActivityListener(_activities);
        _meters = new MeterListener
        {
            InstrumentPublished = (i, l) => { if (i.Meter.Name == LlmTelemetry.SourceName) l.EnableMeasurementEvents(i); },
        };
        _meters.SetMeasurementEventCallback<int>((i, v, t, _) => Record(i, v, t));
        _meters.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        _meters.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        _meters.Start();
    }

    public ConcurrentQueue<(string Name, Dictionary<string, object?> Tags)> CreationTags { get; } = new();

    public ConcurrentQueue<Activity> Spans { get; } = new();

    public ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> Measurements { get; } = new();

    public IEnumerable<(double Value, Dictionary<string, object?> Tags)> Of(string instrument)
        => Measurements.Where(m => m.Instrument == instrument).Select(m => (m.Value, m.Tags));

    private void Record<T>(Instrument i, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags) where T : struct
    {
        var dict = new Dictionary<string, object?>();
        foreach (var t in tags) dict[t.Key] = t.Value;
        Measurements.Enqueue((i.Name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), dict));
    }

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }
}
