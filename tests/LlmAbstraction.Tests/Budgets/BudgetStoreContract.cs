using LlmAbstraction.Budgets;

namespace LlmAbstraction.Tests.Budgets;

/// <summary>The behaviour every <see cref="IBudgetStore"/> must have; one subclass per store.</summary>
public abstract class BudgetStoreContract
{
    protected static readonly DateTimeOffset Period1 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), Period2 = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);

    protected abstract IBudgetStore CreateStore();

    private static BudgetCharge Charge(BudgetSubject s, decimal amount, decimal limit = 1m, DateTimeOffset? start = null, string? model = null, decimal? cap = null, params decimal[] thresholds)
        => new() { Subject = s, PeriodStart = start ?? Period1, PeriodEnd = (start ?? Period1).AddMonths(1), Limit = limit, Amount = amount, Model = model, ModelLimit = cap, SoftThresholds = thresholds };

    private static BudgetSubject Unique(string kind = "user") => BudgetSubject.Parse(kind + ":" + Guid.NewGuid().ToString("N")[..8]);

    [Test]
    public async Task Definitions_round_trip_with_caps_thresholds_and_zone()
    {
        var store = CreateStore();
        var subject = Unique("team");
        var budget = new BudgetDefinition(subject, 12.5m, BudgetPeriod.Every(TimeSpan.FromHours(36)))
        {
            ModelLimits = new Dictionary<string, decimal> { ["gpt-4o"] = 2.25m }, SoftThresholds = [0.5m, 0.9m],
            CreatedAt = Period1, TimeZoneId = "Europe/Paris",
        };
        await store.SetBudgetAsync(budget, default);
        var read = (await store.GetBudgetsAsync([subject, Unique()], default)).Single();
        Assert.That((read.Subject, read.Limit, read.Period, read.CreatedAt, read.TimeZoneId), Is.EqualTo((subject, 12.5m, budget.Period, budget.CreatedAt, "Europe/Paris")));
        Assert.That(read.ModelLimits, Is.EquivalentTo(budget.ModelLimits));
        Assert.That(read.SoftThresholds, Is.EqualTo(budget.SoftThresholds));
        Assert.That((await store.ListBudgetsAsync(default)).Select(b => b.Subject), Does.Contain(subject));
    }

    [Test]
    public async Task Reserve_is_all_or_nothing_across_subjects()
    {
        var store = CreateStore();
        var (a, b) = (Unique(), Unique("team"));
        await store.SettleAsync([Charge(b, 0m)], 0.9m, default);
        var refused = await store.TryReserveAsync([Charge(a, 0.2m), Charge(b, 0.2m)], default);
        Assert.That(refused.Refused?.Subject, Is.EqualTo(b));
        Assert.That((refused.Spent, refused.ReservedAmount, refused.RefusedByModelLimit), Is.EqualTo((0.9m, 0m, false)));
        Assert.That((await store.GetUsageAsync(a, Period1, default)).Reserved, Is.EqualTo(0m));

        Assert.That((await store.TryReserveAsync([Charge(a, 0.1m), Charge(b, 0.1m)], default)).Refused, Is.Null);
        Assert.That((await store.GetUsageAsync(b, Period1, default)).Reserved, Is.EqualTo(0.1m));
        Assert.That((await store.TryReserveAsync([Charge(b, 0.000000001m)], default)).Refused, Is.Not.Null, "0.9 spent + 0.1 reserved leaves nothing");
    }

    [Test]
    public async Task Settle_replaces_the_reservation_with_the_actual_cost_per_model()
    {
        var store = CreateStore();
        var s = Unique();
        await store.TryReserveAsync([Charge(s, 0.5m, model: "gpt-4o")], default);
        await store.SettleAsync([Charge(s, 0.5m, model: "gpt-4o")], 0.123456789m, default);
        var usage = await store.GetUsageAsync(s, Period1, default);
        Assert.That((usage.Spent, usage.Reserved), Is.EqualTo((0.123456789m, 0m)));
        Assert.That(usage.ModelSpend, Is.EquivalentTo(new Dictionary<string, decimal> { ["gpt-4o"] = 0.123456789m }));
    }

    [Test]
    public async Task Model_caps_refuse_independently_of_the_total()
    {
        var store = CreateStore();
        var s = Unique();
        await store.SettleAsync([Charge(s, 0m, limit: 100m, model: "opus", cap: 1m)], 0.8m, default);
        var r = await store.TryReserveAsync([Charge(s, 0.3m, limit: 100m, model: "opus", cap: 1m)], default);
        Assert.That((r.Refused is not null, r.RefusedByModelLimit, r.Spent), Is.EqualTo((true, true, 0.8m)));
        Assert.That((await store.TryReserveAsync([Charge(s, 0.3m, limit: 100m, model: "sonnet")], default)).Refused, Is.Null);
    }

    [Test]
    public async Task A_newer_period_starts_from_zero_and_an_older_one_keeps_its_own_spend()
    {
        var store = CreateStore();
        var s = Unique();
        await store.TryReserveAsync([Charge(s, 0.4m)], default);
        await store.SettleAsync([Charge(s, 0m)], 0.9m, default);
        Assert.That((await store.TryReserveAsync([Charge(s, 0.4m, start: Period2)], default)).Refused, Is.Null, "February starts empty");
        await store.SettleAsync([Charge(s, 0.4m)], 0.3m, default); // the January call in flight at the roll-over settles into January
        Assert.That((await store.GetUsageAsync(s, Period1, default)).Spent, Is.EqualTo(1.2m));
        Assert.That((await store.GetUsageAsync(s, Period2, default)).Reserved, Is.EqualTo(0.4m));
        Assert.That((await store.GetUsageAsync(s, Period2, default)).Spent, Is.EqualTo(0m));
    }

    [Test]
    public async Task Thresholds_are_reported_once_and_reset_rearms_them()
    {
        var store = CreateStore();
        var s = Unique();
        var first = await store.SettleAsync([Charge(s, 0m, limit: 10m, thresholds: [0.5m, 0.8m])], 8m, default);
        var second = await store.SettleAsync([Charge(s, 0m, limit: 10m, thresholds: [0.5m, 0.8m])], 1m, default);
        Assert.That(first.Select(c => (c.Threshold, c.Spent)), Is.EqualTo(new[] { (0.5m, 8m), (0.8m, 8m) }));
        Assert.That(second, Is.Empty);
        await store.ResetAsync(s, Period1, default);
        Assert.That((await store.GetUsageAsync(s, Period1, default)).Spent, Is.EqualTo(0m));
        Assert.That(await store.SettleAsync([Charge(s, 0m, limit: 10m, thresholds: [0.5m])], 6m, default), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Delete_removes_the_definition_and_its_spend()
    {
        var store = CreateStore();
        var s = Unique();
        await store.SetBudgetAsync(new BudgetDefinition(s, 1m, BudgetPeriod.Monthly), default);
        await store.SettleAsync([Charge(s, 0m)], 0.5m, default);
        Assert.That(await store.DeleteBudgetAsync(s, default), Is.True);
        Assert.That(await store.GetBudgetsAsync([s], default), Is.Empty);
        Assert.That((await store.GetUsageAsync(s, Period1, default)).Spent, Is.EqualTo(0m));
    }

    [Test]
    public async Task Concurrent_reservations_never_exceed_the_limit()
    {
        var store = CreateStore();
        var s = Unique();
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => store.TryReserveAsync([Charge(s, 0.03m)], default))));
        Assert.That(results.Count(r => r.Refused is null), Is.EqualTo(33), "1.00 / 0.03 = 33 reservations fit");
        Assert.That((await store.GetUsageAsync(s, Period1, default)).Reserved, Is.EqualTo(0.99m));
    }
}

public class InMemoryBudgetStoreTests : BudgetStoreContract
{
    protected override IBudgetStore CreateStore() => new InMemoryBudgetStore();
}
