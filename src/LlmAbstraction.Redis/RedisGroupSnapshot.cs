using System.Globalization;
using LlmAbstraction.Routing;
using StackExchange.Redis;

namespace LlmAbstraction.Redis;

/// <summary>A group's state as read from Redis in one script call, for one pick.</summary>
internal sealed class RedisGroupSnapshot : RouterGroupState
{
    private readonly int[] _inFlight;
    private readonly long[] _cooldownTicks, _requests, _tokens;
    private readonly double[] _latency, _ttft;
    private readonly long _minute;

    private RedisGroupSnapshot(int n, long minute)
    {
        _inFlight = new int[n];
        _cooldownTicks = new long[n];
        _requests = new long[n];
        _tokens = new long[n];
        _latency = new double[n];
        _ttft = new double[n];
        _minute = minute;
    }

    public static RedisGroupSnapshot From(RedisResult[] values, int n, long minute)
    {
        var s = new RedisGroupSnapshot(n, minute);
        for (var i = 0; i < n; i++)
        {
            var until = (long)values[i * 6];
            s._cooldownTicks[i] = until <= 0 ? 0 : DateTimeOffset.FromUnixTimeMilliseconds(until).UtcTicks;
            s._inFlight[i] = (int)Math.Max(0, (long)values[i * 6 + 1]);
            s._requests[i] = (long)values[i * 6 + 2];
            s._tokens[i] = (long)values[i * 6 + 3];
            s._latency[i] = Average((RedisResult[])values[i * 6 + 4]!);
            s._ttft[i] = Average((RedisResult[])values[i * 6 + 5]!);
        }
        return s;
    }

    private static double Average(RedisResult[] samples)
    {
        if (samples.Length == 0) return double.NaN;
        double sum = 0;
        foreach (var v in samples) sum += double.Parse((string)v!, CultureInfo.InvariantCulture);
        return sum / samples.Length;
    }

    public override ReadOnlySpan<int> InFlight => _inFlight;

    public override long CooldownUntilUtcTicks(int index) => _cooldownTicks[index];

    public override long Requests(int index, long minute) => minute == _minute ? _requests[index] : 0;

    public override long Tokens(int index, long minute) => minute == _minute ? _tokens[index] : 0;

    public override double AverageLatencyMs(int index, bool timeToFirstToken, DateTimeOffset now) => (timeToFirstToken ? _ttft : _latency)[index];
}
