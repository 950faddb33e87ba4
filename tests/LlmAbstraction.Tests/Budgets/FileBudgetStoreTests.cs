using LlmAbstraction.Budgets;
using Microsoft.Extensions.Time.Testing;

namespace LlmAbstraction.Tests.Budgets;

public class FileBudgetStoreTests : BudgetStoreContract
{
    private string _dir = "";

    [SetUp]
    public void CreateDirectory() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), "llm-budgets-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    private string FilePath => Path.Combine(_dir, "budgets.json");

    protected override IBudgetStore CreateStore() => new FileBudgetStore(FilePath);

    [Test]
    public async Task Budgets_and_spend_survive_a_restart_but_reservations_do_not()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 10, 8, 0, 0, TimeSpan.Zero));
        var before = new BudgetManager(new FileBudgetStore(FilePath), time);
        var user = BudgetSubject.User("alice");
        await before.CreateBudgetAsync(new BudgetDefinition(user, 3m, BudgetPeriod.Monthly) { SoftThresholds = [0.5m] });
        var fired = 0;
        before.ThresholdReached += (_, _) => fired++;
        await before.AddCostAsync(user, "openai/gpt-4o", 1.75m);
        _ = await before.ReserveAsync([user], "openai/gpt-4o", 0.5m); // in flight when the process "dies"

        var after = new BudgetManager(new FileBudgetStore(FilePath), time);
        after.ThresholdReached += (_, _) => fired++;
        var status = (await after.GetStatusAsync(user))!;
        Assert.That((status.Budget.Limit, status.Spent, status.Reserved), Is.EqualTo((3m, 1.75m, 0m)));
        Assert.That(status.ModelSpend["openai/gpt-4o"], Is.EqualTo(1.75m));
        Assert.That(status.Budget.SoftThresholds, Is.EqualTo(new[] { 0.5m }));
        await after.AddCostAsync(user, null, 0.25m);
        Assert.That(fired, Is.EqualTo(1), "the fired threshold is remembered across the restart");
        Assert.That(Directory.GetFiles(_dir), Is.EqualTo(new[] { FilePath }), "no temporary files are left behind");
    }

    [Test]
    public async Task Concurrent_updates_from_one_process_lose_nothing()
    {
        var store = new FileBudgetStore(FilePath);
        var budgets = new BudgetManager(store, new FakeTimeProvider(new DateTimeOffset(2026, 5, 10, 8, 0, 0, TimeSpan.Zero)));
        var user = BudgetSubject.User("bob");
        await budgets.CreateBudgetAsync(user, 1000m, BudgetPeriod.Monthly);

        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => Task.Run(async () =>
        {
            var r = await budgets.ReserveAsync([user], i % 2 == 0 ? "a" : "b", 0.02m);
            await r.SettleAsync(0.01m);
        })));

        var reread = (await new BudgetManager(new FileBudgetStore(FilePath), new FakeTimeProvider(new DateTimeOffset(2026, 5, 10, 9, 0, 0, TimeSpan.Zero))).GetStatusAsync(user))!;
        Assert.That(reread.Spent, Is.EqualTo(3.00m));
        Assert.That(reread.ModelSpend, Is.EquivalentTo(new Dictionary<string, decimal> { ["a"] = 1.5m, ["b"] = 1.5m }));
    }

    [Test]
    public async Task A_corrupt_file_gives_a_typed_error_naming_the_file()
    {
        await File.WriteAllTextAsync(FilePath, "{ not json");
        var ex = Assert.ThrowsAsync<InvalidDataException>(() => new FileBudgetStore(FilePath).ListBudgetsAsync(default));
        Assert.That(ex!.Message, Does.Contain(FilePath));
    }

    [Test]
    public async Task The_file_never_holds_a_raw_api_key()
    {
        const string key = "sk-live-SECRET-abcdef0123";
        var budgets = new BudgetManager(new FileBudgetStore(FilePath));
        await budgets.CreateBudgetAsync(BudgetSubject.ApiKey(key), 1m, BudgetPeriod.Daily);
        await budgets.AddCostAsync(BudgetSubject.ApiKey(key), null, 0.5m);
        Assert.That(await File.ReadAllTextAsync(FilePath), Does.Not.Contain("SECRET").And.Contain("sha256:"));
    }
}
