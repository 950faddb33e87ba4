using System.Globalization;
using LlmAbstraction;
using LlmAbstraction.Budgets;
using LlmAbstraction.Pricing;
using LlmAbstraction.Redis.Budgets;
using StackExchange.Redis;

// Usage: LlmAbstraction.BudgetWorker <redis-connection> <key-prefix> <team> <calls>
// Warms up, prints "ready", waits for the line "go" on standard input, runs <calls> budgeted calls for the team
// (8 at a time) on the mock provider, and prints one line: ok=N refused=N other=N spent=USD.
if (args.Length != 4 || !int.TryParse(args[3], CultureInfo.InvariantCulture, out var calls))
{
    Console.Error.WriteLine("usage: LlmAbstraction.BudgetWorker <redis-connection> <key-prefix> <team> <calls>");
    return 2;
}
var (connection, prefix, team) = (args[0], args[1], args[2]);
await using var redis = await ConnectionMultiplexer.ConnectAsync(connection);
var budgets = new BudgetManager(new RedisBudgetStore(redis, prefix));
var client = new LlmClientBuilder().UseModelInfo(WorkerModel.Catalog()).UseBudgets(budgets).Build();

// Warm up the whole budgeted path (JIT, scripts) on this process's own subject, so both workers start at full speed.
var own = "warm-up-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
await budgets.CreateBudgetAsync(BudgetSubject.Team(own), 1m, BudgetPeriod.Daily);
for (var i = 0; i < 20; i++) await client.CompletionAsync(WorkerModel.Request(own));
Console.WriteLine("ready");
if (await Console.In.ReadLineAsync() != "go") return 3; // the test releases both workers at once through their standard input

int ok = 0, refused = 0, other = 0;
long spentNanos = 0;
await Parallel.ForEachAsync(Enumerable.Range(0, calls), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, ct) =>
{
    try
    {
        var response = await client.CompletionAsync(WorkerModel.Request(team), ct);
        Interlocked.Add(ref spentNanos, (long)(response.Details.Cost!.Value * 1_000_000_000m));
        Interlocked.Increment(ref ok);
    }
    catch (BudgetExceededException)
    {
        Interlocked.Increment(ref refused);
    }
    catch (Exception ex)
    {
        Console.Error.WriteLine(ex.GetType().Name + ": " + ex.Message);
        Interlocked.Increment(ref other);
    }
});
Console.WriteLine(FormattableString.Invariant($"ok={ok} refused={refused} other={other} spent={spentNanos / 1_000_000_000m}"));
return 0;

/// <summary>The model the workers call: <c>mock/budget-worker</c> at $1/M input and $2/M output tokens.</summary>
public static class WorkerModel
{
    public const string Name = "mock/budget-worker";

    public static ModelCatalog Catalog()
    {
        var catalog = ModelCatalog.CreateEmpty();
        catalog.Register(Name, new ModelInfo { Key = Name, Provider = "mock", Mode = "chat", InputCostPerToken = 0.000001m, OutputCostPerToken = 0.000002m, MaxOutputTokens = 1000 });
        return catalog;
    }

    public static ChatCompletionRequest Request(string team) => new()
    {
        Model = Name,
        Messages = [ChatMessage.User("Hello from the budget worker process.")],
        MaxTokens = 20,
        Metadata = new Dictionary<string, string> { ["team"] = team },
        MockResponse = "Budgeted reply from the mock provider.",
    };
}
