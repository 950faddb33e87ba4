using System.Globalization;
using System.Text;
using LoadDriver;

// Loopback load comparison (non-streaming chat completions). Usage:
//   dotnet LoadDriver.dll --fake http://127.0.0.1:5199 [--portkey http://127.0.0.1:8787] [--concurrency 1,16,64]
//                         [--requests 2000] [--seconds 20] [--warmup 200] [--out results.md] [--only direct|ours|portkey]
var options = Args.Parse(args);
var fake = options.GetValueOrDefault("fake") ?? throw new ArgumentException("--fake <url> is required");
foreach (var url in new[] { fake, options.GetValueOrDefault("portkey") })
    if (url is not null && !new Uri(url).IsLoopback) throw new ArgumentException($"Only loopback addresses: {url}");

var targets = new List<Target>
{
    new RawTarget("direct HTTP", fake + "/v1/chat/completions"),
    new OursTarget(fake + "/v1"),
};
if (options.GetValueOrDefault("portkey") is { } portkey)
    targets.Add(new RawTarget("Portkey gateway", portkey + "/v1/chat/completions",
        new Dictionary<string, string> { ["x-portkey-provider"] = "openai", ["x-portkey-custom-host"] = fake + "/v1" }));

if (options.GetValueOrDefault("only") is { } only) targets.RemoveAll(t => !t.Name.StartsWith(only, StringComparison.OrdinalIgnoreCase));
var levels = (options.GetValueOrDefault("concurrency") ?? "1,16,64").Split(',').Select(int.Parse).ToArray();
var requests = int.Parse(options.GetValueOrDefault("requests") ?? "2000", CultureInfo.InvariantCulture);
var seconds = double.Parse(options.GetValueOrDefault("seconds") ?? "20", CultureInfo.InvariantCulture);
var warmup = int.Parse(options.GetValueOrDefault("warmup") ?? "200", CultureInfo.InvariantCulture);

// Warm every target before measuring any (JIT tiering, connection pools), so the first one measured is not penalised.
foreach (var t in targets)
    for (var i = 0; i < warmup; i++) await t.CallAsync(CancellationToken.None);

var results = new List<LoadResult>();
foreach (var c in levels)
    foreach (var t in targets)
    {
        var r = await LoadRun.RunAsync(t, c, requests, TimeSpan.FromSeconds(seconds), warmup);
        Console.Error.WriteLine($"{r.Target,-20} c={c,-3} n={r.Requests,-6} errors={r.Errors,-4} p50={r.P50Ms:F3} ms p99={r.P99Ms:F3} ms {r.RequestsPerSecond:F0} req/s {r.BytesPerRequest:F0} B/req {r.CpuUsPerRequest:F1} us-cpu/req {r.WorkItemsPerRequest:F2} items/req");
        results.Add(r);
    }

var md = new StringBuilder();
md.AppendLine("| Concurrency | Target | Requests | Errors | p50 (ms) | p99 (ms) | Added p50 vs direct (ms) | Added p99 vs direct (ms) | Throughput (req/s) | Driver alloc (B/req) | Driver CPU (µs/req) | Thread-pool items/req |");
md.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var r in results)
{
    var direct = results.First(x => x.Concurrency == r.Concurrency);
    md.AppendLine(CultureInfo.InvariantCulture, $"| {r.Concurrency} | {r.Target} | {r.Requests} | {r.Errors} | {r.P50Ms:F3} | {r.P99Ms:F3} | {r.P50Ms - direct.P50Ms:+0.000;-0.000;0.000} | {r.P99Ms - direct.P99Ms:+0.000;-0.000;0.000} | {r.RequestsPerSecond:F0} | {r.BytesPerRequest:F0} | {r.CpuUsPerRequest:F1} | {r.WorkItemsPerRequest:F2} |");
}
Console.Write(md.ToString());
if (options.GetValueOrDefault("out") is { } path) await File.WriteAllTextAsync(path, md.ToString());
return results.Any(r => r.Errors > 0) ? 2 : 0;

internal static class Args
{
    public static Dictionary<string, string> Parse(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
            map[args[i].TrimStart('-')] = args[i + 1];
        return map;
    }
}
