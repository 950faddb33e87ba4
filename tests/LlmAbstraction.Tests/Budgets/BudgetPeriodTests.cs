using LlmAbstraction.Budgets;
using Microsoft.Extensions.Time.Testing;

namespace LlmAbstraction.Tests.Budgets;

public class BudgetPeriodTests
{
    private static DateTimeOffset Utc(int y, int m, int d, int h = 0, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.Zero);

    [Test]
    public void Monthly_periods_follow_the_calendar_not_28_days()
    {
        var (start, end) = BudgetPeriod.Monthly.Window(Utc(2026, 1, 31, 23, 59), Utc(2026, 1, 15), null);
        Assert.That(start, Is.EqualTo(Utc(2026, 1, 1)));
        Assert.That(end, Is.EqualTo(Utc(2026, 2, 1)));
        (start, end) = BudgetPeriod.Monthly.Window(Utc(2026, 2, 28, 12), Utc(2026, 1, 15), null);
        Assert.That(start, Is.EqualTo(Utc(2026, 2, 1)));
        Assert.That(end, Is.EqualTo(Utc(2026, 3, 1)), "February 2026 has 28 days; March still starts a new period");
        (start, end) = BudgetPeriod.Monthly.Window(Utc(2024, 2, 29, 12), Utc(2024, 1, 1), null);
        Assert.That((start, end), Is.EqualTo((Utc(2024, 2, 1), (DateTimeOffset?)Utc(2024, 3, 1))), "leap February");
    }

    [Test]
    public void Daily_weekly_and_yearly_periods_start_at_utc_midnight()
    {
        var wednesday = Utc(2026, 3, 18, 15, 30);
        Assert.That(BudgetPeriod.Daily.Window(wednesday, default, null), Is.EqualTo((Utc(2026, 3, 18), (DateTimeOffset?)Utc(2026, 3, 19))));
        Assert.That(BudgetPeriod.Weekly.Window(wednesday, default, null), Is.EqualTo((Utc(2026, 3, 16), (DateTimeOffset?)Utc(2026, 3, 23))), "ISO weeks start on Monday");
        Assert.That(BudgetPeriod.Weekly.Window(Utc(2026, 3, 22, 23), default, null).Start, Is.EqualTo(Utc(2026, 3, 16)), "Sunday belongs to the week that started on Monday");
        Assert.That(BudgetPeriod.Yearly.Window(wednesday, default, null), Is.EqualTo((Utc(2026, 1, 1), (DateTimeOffset?)Utc(2027, 1, 1))));
        Assert.That(BudgetPeriod.Lifetime.Window(wednesday, default, null).End, Is.Null);
    }

    [Test]
    public void Custom_periods_count_from_the_budget_creation()
    {
        var anchor = Utc(2026, 1, 1, 10);
        var every = BudgetPeriod.Every(TimeSpan.FromHours(5));
        Assert.That(every.Window(Utc(2026, 1, 1, 14, 59), anchor, null), Is.EqualTo((anchor, (DateTimeOffset?)Utc(2026, 1, 1, 15))));
        Assert.That(every.Window(Utc(2026, 1, 1, 15), anchor, null).Start, Is.EqualTo(Utc(2026, 1, 1, 15)));
        Assert.That(every.Window(Utc(2026, 1, 1, 9), anchor, null).Start, Is.EqualTo(Utc(2026, 1, 1, 5)), "before the anchor, periods extend backwards");
    }

    [Test]
    public void Calendar_periods_can_start_at_midnight_of_a_time_zone()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var (start, end) = BudgetPeriod.Monthly.Window(Utc(2026, 3, 31, 22, 30), default, zone);
        Assert.That(start, Is.EqualTo(Utc(2026, 3, 31, 22)), "1 April 00:00 in Paris (CEST, UTC+2) is 31 March 22:00 UTC");
        (start, end) = BudgetPeriod.Daily.Window(Utc(2026, 3, 29, 12), default, zone);
        Assert.That((start, end), Is.EqualTo((Utc(2026, 3, 28, 23), (DateTimeOffset?)Utc(2026, 3, 29, 22))), "the spring-forward day is 23 hours long");
    }

    [TestCase("daily", BudgetPeriodKind.Daily)]
    [TestCase("weekly", BudgetPeriodKind.Weekly)]
    [TestCase("monthly", BudgetPeriodKind.Monthly)]
    [TestCase("1mo", BudgetPeriodKind.Monthly)]
    [TestCase("yearly", BudgetPeriodKind.Yearly)]
    [TestCase("lifetime", BudgetPeriodKind.Lifetime)]
    [TestCase("30d", BudgetPeriodKind.Custom)]
    public void Parse_reads_litellm_budget_durations(string text, BudgetPeriodKind kind)
    {
        var period = BudgetPeriod.Parse(text);
        Assert.That(period.Kind, Is.EqualTo(kind));
        Assert.That(BudgetPeriod.Parse(period.ToString()), Is.EqualTo(period));
    }

    [Test]
    public void Parse_reads_lengths_and_rejects_nonsense()
    {
        Assert.That(BudgetPeriod.Parse("30d").Length, Is.EqualTo(TimeSpan.FromDays(30)));
        Assert.That(BudgetPeriod.Parse("90m").Length, Is.EqualTo(TimeSpan.FromMinutes(90)));
        Assert.That(BudgetPeriod.Parse("2w").Length, Is.EqualTo(TimeSpan.FromDays(14)));
        Assert.That(() => BudgetPeriod.Parse("fortnightly"), Throws.TypeOf<FormatException>());
        Assert.That(() => BudgetPeriod.Parse("0d"), Throws.TypeOf<FormatException>());
        Assert.That(() => BudgetPeriod.Every(TimeSpan.Zero), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public async Task Spend_rolls_over_on_the_first_of_the_month_with_a_fake_clock()
    {
        var time = new FakeTimeProvider(Utc(2026, 1, 30, 12));
        var budgets = new BudgetManager(timeProvider: time);
        var user = BudgetSubject.User("alice");
        await budgets.CreateBudgetAsync(user, 10m, BudgetPeriod.Monthly);
        await budgets.AddCostAsync(user, "openai/gpt-4o", 9m);

        time.Advance(TimeSpan.FromDays(1)); // 31 January: 28 days have passed since nothing; still January
        Assert.That(await budgets.GetCurrentCostAsync(user), Is.EqualTo(9m));
        var status = await budgets.GetStatusAsync(user);
        Assert.That(status!.PeriodEnd, Is.EqualTo(Utc(2026, 2, 1)));

        time.Advance(TimeSpan.FromHours(12)); // 1 February 00:00
        Assert.That(await budgets.GetCurrentCostAsync(user), Is.EqualTo(0m));
        Assert.That(await budgets.GetRemainingAsync(user), Is.EqualTo(10m));

        time.SetUtcNow(Utc(2026, 2, 28, 23, 59));
        await budgets.AddCostAsync(user, null, 4m);
        time.SetUtcNow(Utc(2026, 3, 1));
        Assert.That(await budgets.GetCurrentCostAsync(user), Is.EqualTo(0m), "March starts after February's 28 days because it is a new calendar month");
    }
}
