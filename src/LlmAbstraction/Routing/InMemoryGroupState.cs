namespace LlmAbstraction.Routing;

/// <summary>One group's state in <see cref="InMemoryRouterStateStore"/>: flat arrays by deployment index.</summary>
internal sealed class InMemoryGroupState : RouterGroupState
{
    private readonly object _gate = new();
    private readonly long[] _cooldownUntil;
    private readonly long[] _usageMinute, _requests, _tokens;
    private readonly long[] _failBucket, _failCount;
    private readonly LatencyWindow[] _latency, _ttft;

    public InMemoryGroupState(DeploymentGroup group)
    {
        Group = group;
        var n = group.Count;
        InFlightCounts = new int[n];
        _cooldownUntil = new long[n];
        _usageMinute = new long[n];
        _requests = new long[n];
        _tokens = new long[n];
        _failBucket = new long[n];
        _failCount = new long[n];
        _latency = new LatencyWindow[n];
        _ttft = new LatencyWindow[n];
        for (var i = 0; i < n; i++) { _latency[i] = new(); _ttft[i] = new(); }
    }

    public DeploymentGroup Group { get; }

    public int[] InFlightCounts { get; }

    public override ReadOnlySpan<int> InFlight => InFlightCounts;

    public override long CooldownUntilUtcTicks(int index) => Volatile.Read(ref _cooldownUntil[index]);

    public override long Requests(int index, long minute)
    {
        lock (_gate) return _usageMinute[index] == minute ? _requests[index] : 0;
    }

    public override long Tokens(int index, long minute)
    {
        lock (_gate) return _usageMinute[index] == minute ? _tokens[index] : 0;
    }

    public override double AverageLatencyMs(int index, bool timeToFirstToken, DateTimeOffset now)
        => (timeToFirstToken ? _ttft : _latency)[index].Average(now.UtcTicks);

    public bool TryReserve(Deployment deployment, int index, long tokens, bool enforce, long minute)
    {
        lock (_gate)
        {
            if (_usageMinute[index] != minute) { _usageMinute[index] = minute; _requests[index] = 0; _tokens[index] = 0; }
            if (enforce && (deployment.Rpm is { } rpm && _requests[index] + 1 > rpm || deployment.Tpm is { } tpm && _tokens[index] + tokens > tpm)) return false;
            _requests[index]++;
            _tokens[index] += tokens;
            return true;
        }
    }

    public void Reconcile(int index, long delta, long minute)
    {
        lock (_gate)
            if (_usageMinute[index] == minute) _tokens[index] = Math.Max(0, _tokens[index] + delta);
    }

    public long RecordFailure(int index, long bucket)
    {
        lock (_gate)
        {
            if (_failBucket[index] != bucket) { _failBucket[index] = bucket; _failCount[index] = 0; }
            return ++_failCount[index];
        }
    }

    public void SetCooldown(int index, long untilTicks)
    {
        long current;
        do current = Volatile.Read(ref _cooldownUntil[index]);
        while (untilTicks > current && Interlocked.CompareExchange(ref _cooldownUntil[index], untilTicks, current) != current);
    }

    public void RecordLatency(int index, double ms, bool ttft, int maxSamples, long nowTicks, long expiresTicks)
        => (ttft ? _ttft : _latency)[index].Add(ms, maxSamples, nowTicks, expiresTicks);

    /// <summary>A capped ring of samples; all expire together, like a list key with a TTL.</summary>
    private sealed class LatencyWindow
    {
        private readonly object _samplesGate = new();
        private double[] _samples = [];
        private int _count, _next;
        private long _expires;
        private double _average = double.NaN;

        public double Average(long nowTicks) => nowTicks >= Volatile.Read(ref _expires) ? double.NaN : Volatile.Read(ref _average);

        public void Add(double ms, int max, long now, long expires)
        {
            lock (_samplesGate)
            {
                if (_samples.Length != max || now >= _expires) { _samples = new double[max]; _count = 0; _next = 0; }
                _samples[_next] = ms;
                _next = (_next + 1) % max;
                if (_count < max) _count++;
                double sum = 0;
                for (var i = 0; i < _count; i++) sum += _samples[i];
                Volatile.Write(ref _average, sum / _count);
                Volatile.Write(ref _expires, expires);
            }
        }
    }
}
