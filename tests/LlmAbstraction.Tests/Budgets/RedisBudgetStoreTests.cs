using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using LlmAbstraction.Budgets;
using LlmAbstraction.Pricing;
using LlmAbstraction.Redis.Budgets;
using LlmAbstraction.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace LlmAbstraction.Tests.Budgets;

[NonParallelizable]
public class RedisBudgetStoreTests : BudgetStoreContract
{
    private RedisServer? _server;
    private ConnectionMultiplexer? _redis;

    [OneTimeSetUp]
    public async Task StartRedis()
    {
        _server = RedisServer.Start();
        _redis = await ConnectionMultiplexer.ConnectAsync(_server.ConnectionString);
    }

    [OneTimeTearDown]
    public async Task StopRedis()
    {
        if (_redis is not null) await _redis.DisposeAsync();
        _server?.Dispose();
    }

    private static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..8] + ":";

    protected override IBudgetStore CreateStore() => new RedisBudgetStore(_redis!, NewPrefix());

    [Test]
    public void Amounts_are_whole_nano_dollars_with_reservations_rounded_up()
    {
        Assert.That(RedisBudgetStore.Nanos(0.0000000375m), Is.EqualTo(38));
        Assert.That(RedisBudgetStore.Nanos(0.0000000371m, up: true), Is.EqualTo(38));
        Assert.That(RedisBudgetStore.Nanos(1234.5m), Is.EqualTo(1_234_500_000_000L));
        Assert.That(() => RedisBudgetStore.Nanos(10_000_000_000m), Throws.TypeOf<OverflowException>());
    }

    [Test]
    public async Task Keys_never_contain_a_raw_api_key()
    {
        const string key = "sk-live-SECRET-abcdef0123";
        var prefix = NewPrefix();
        var budgets = new BudgetManager(new RedisBudgetStore(_redis!, prefix));
        await budgets.CreateBudgetAsync(BudgetSubject.ApiKey(key), 1m, BudgetPeriod.Daily);
        await (await budgets.ReserveAsync([BudgetSubject.ApiKey(key)], "m", 0.1m)).SettleAsync(0.05m);
        var server = _redis!.GetServer(_redis.GetEndPoints()[0]);
        var keys = server.Keys(pattern: prefix + "*").Select(k => k.ToString()).ToList();
        Assert.That(keys, Is.Not.Empty);
        Assert.That(keys, Has.None.Contains("SECRET"));
        Assert.That(keys, Has.All.StartWith(prefix + "budgets:{b}:"));
        var defs = await _redis.GetDatabase().HashGetAllAsync(prefix + "budgets:{b}:defs");
        Assert.That(defs.Select(e => e.Name + "=" + e.Value), Has.None.Contains("SECRET"));
    }

    [Test]
    public async Task Two_managers_sharing_redis_fire_a_threshold_once()
    {
        var prefix = NewPrefix();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var a = new BudgetManager(new RedisBudgetStore(_redis!, prefix), time);
        var b = new BudgetManager(new RedisBudgetStore(_redis!, prefix), time);
        var fired = 0;
        a.ThresholdReached += (_, _) => Interlocked.Increment(ref fired);
        b.ThresholdReached += (_, _) => Interlocked.Increment(ref fired);
        var team = BudgetSubject.Team("shared");
        await a.CreateBudgetAsync(new BudgetDefinition(team, 1m, BudgetPeriod.Monthly) { SoftThresholds = [0.8m] });
        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => (i % 2 == 0 ? a : b).AddCostAsync(team, null, 0.01m)));
        Assert.That(fired, Is.EqualTo(1));
        Assert.That(await b.GetCurrentCostAsync(team), Is.EqualTo(1m));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Two_processes_share_one_budget_and_overshoot_by_at_most_one_request(CancellationToken cancellationToken)
    {
        var worker = WorkerPath();
        var prefix = NewPrefix();
        var team = "two-processes";
        var prompt = TokenCounter.CountMessages("budget-worker", [ChatMessage.User("Hello from the budget worker process.")]).Tokens;
        var oneRequest = prompt * 0.000001m + 20 * 0.000002m; // the worker's reservation: counted prompt + max_tokens 20
        var limit = decimal.Round(100 * oneRequest, 9); // room for 100 calls at their worst case, fewer than either process makes
        var budgets = new BudgetManager(new RedisBudgetStore(_redis!, prefix));
        await budgets.CreateBudgetAsync(BudgetSubject.Team(team), limit, BudgetPeriod.Monthly);

        var processes = new[] { Launch(worker, prefix, team), Launch(worker, prefix, team) };
        try
        {
            foreach (var p in processes) Assert.That(await p.StandardOutput.ReadLineAsync(cancellationToken), Is.EqualTo("ready"));
            foreach (var p in processes) p.StandardInput.Write("go\n");
            foreach (var p in processes) await p.StandardInput.FlushAsync(cancellationToken);
            var results = new List<Dictionary<string, string>>();
            foreach (var p in processes)
            {
                var line = await p.StandardOutput.ReadLineAsync(cancellationToken);
                var errors = await p.StandardError.ReadToEndAsync(cancellationToken);
                await p.WaitForExitAsync(cancellationToken);
                Assert.That(p.ExitCode, Is.EqualTo(0), errors);
                TestContext.Out.WriteLine(line);
                results.Add(line!.Split(' ').Select(kv => kv.Split('=')).ToDictionary(kv => kv[0], kv => kv[1]));
            }

            var spent = await budgets.GetCurrentCostAsync(BudgetSubject.Team(team));
            var reported = results.Sum(r => decimal.Parse(r["spent"], CultureInfo.InvariantCulture));
            TestContext.Out.WriteLine($"limit={limit} one request<={oneRequest} spent={spent}");
            Assert.That(results.Select(r => r["other"]), Is.All.EqualTo("0"), "every refusal was BudgetExceeded");
            Assert.That(results.Select(r => int.Parse(r["refused"], CultureInfo.InvariantCulture)), Is.All.GreaterThan(0), "both processes were refused");
            Assert.That(results.Select(r => int.Parse(r["ok"], CultureInfo.InvariantCulture)), Is.All.GreaterThan(0), "both processes spent from the shared budget (they ran together)");
            Assert.That(results.Sum(r => int.Parse(r["ok"], CultureInfo.InvariantCulture) + int.Parse(r["refused"], CultureInfo.InvariantCulture)), Is.EqualTo(400));
            Assert.That(spent, Is.LessThanOrEqualTo(limit + oneRequest));
            Assert.That(spent, Is.EqualTo(reported).Within(0.000000001m * 400), "the shared spend is the sum of both processes' costs: no update was lost");
            Assert.That(spent, Is.GreaterThan(limit - 16 * oneRequest), "the budget was used up, but for what the 16 calls in flight over-reserved");
            Assert.That((await budgets.GetStatusAsync(BudgetSubject.Team(team)))!.Reserved, Is.EqualTo(0m));
        }
        finally
        {
            foreach (var p in processes)
            {
                if (!p.HasExited) p.Kill(entireProcessTree: true);
                p.Dispose();
            }
        }
    }

    private Process Launch(string worker, string prefix, string team)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { worker, _server!.ConnectionString, prefix, team, "200" },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return Process.Start(psi) ?? throw new InvalidOperationException("the budget worker did not start");
    }

    private static string WorkerPath()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "LlmAbstraction.BudgetWorker.dll");
        if (File.Exists(beside)) return beside;
        var built = typeof(RedisBudgetStoreTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "BudgetWorkerPath")?.Value;
        if (built is not null && File.Exists(built)) return built;
        Assert.Fail($"The budget worker was not built (looked beside the tests and at '{built}').");
        return "";
    }
}
