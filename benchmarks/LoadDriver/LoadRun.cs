using System.Diagnostics;

namespace LoadDriver;

/// <summary>Latency percentiles and throughput of one target at one concurrency.</summary>
internal sealed record LoadResult(string Target, int Concurrency, int Requests, int Errors, double P50Ms, double P99Ms, double RequestsPerSecond, double BytesPerRequest, double CpuUsPerRequest, double WorkItemsPerRequest);

/// <summary>
/// A closed loop: <c>concurrency</c> workers each send one request at a time until <c>requests</c> have been sent in total
/// or <c>maxDuration</c> has passed (whichever comes first), after a short warm-up. Latency is per request, client-side;
/// bytes and CPU time are the driver process's own per request (the fake and the gateway are other processes).
/// </summary>
internal static class LoadRun
{
    public static async Task<LoadResult> RunAsync(Target target, int concurrency, int requests, TimeSpan maxDuration, int warmup)
    {
        for (var i = 0; i < warmup; i++) await target.CallAsync(CancellationToken.None).ConfigureAwait(false);

        var latencies = new double[requests];
        var next = -1;
        var errors = 0;
        var deadline = Stopwatch.GetTimestamp() + (long)(maxDuration.TotalSeconds * Stopwatch.Frequency);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var items = ThreadPool.CompletedWorkItemCount;
        var wall = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests && Stopwatch.GetTimestamp() < deadline)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    if (await target.CallAsync(CancellationToken.None).ConfigureAwait(false) is null) Interlocked.Increment(ref errors);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref errors);
                }
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        })).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        wall.Stop();
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        items = ThreadPool.CompletedWorkItemCount - items;

        var done = Math.Min(requests, next);
        var sorted = latencies.AsSpan(0, done).ToArray();
        Array.Sort(sorted);
        return new LoadResult(target.Name, concurrency, done, errors, Percentile(sorted, 0.50), Percentile(sorted, 0.99), done / wall.Elapsed.TotalSeconds,
            done == 0 ? double.NaN : allocated / (double)done, done == 0 ? double.NaN : cpu.TotalMicroseconds / done,
            done == 0 ? double.NaN : items / (double)done);
    }

    private static double Percentile(double[] sorted, double p)
        => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
