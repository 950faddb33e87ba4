using LlmAbstraction.Budgets;
using LlmAbstraction.Pricing;
using Microsoft.Extensions.Time.Testing;

namespace LlmAbstraction.Tests.Budgets;

public class BudgetManagerTests
{
    private static readonly DateTimeOffset Jan15 = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    // The LiteLLM guide's demo_budget_manager(), in C#: a $5 monthly budget for user_8821, checked before the call
    // and updated from the response.
    [Test]
    public async Task Guide_budget_manager_example_tracks_a_users_monthly_spend()
    {
        var time = new FakeTimeProvider(Jan15);
        var catalog = ModelCatalog.CreateDefault();
        catalog.Register("anthropic/claude-sonnet-4-6", catalog.GetModelInfo("anthropic/claude-sonnet-4-5")); // newer than the catalogue; same prices
        var client = new LlmClientBuilder().UseTimeProvider(time).UseModelInfo(catalog).Build();
        var budgetManager = new BudgetManager(timeProvider: time);
        var userId = BudgetSubject.User("user_8821");

        await budgetManager.CreateBudgetAsync(userId, totalBudget: 5.00m, BudgetPeriod.Monthly);
        var messages = new List<ChatMessage> { ChatMessage.User("What is a transformer?") };

        Assert.That(await budgetManager.GetCurrentCostAsync(userId), Is.LessThan(await budgetManager.GetTotalBudgetAsync(userId)));
        var response = await client.CompletionAsync(new ChatCompletionRequest
        {
            Model = "anthropic/claude-sonnet-4-6", Messages = messages, MaxTokens = 200,
            MockResponse = "A transformer is a neural network architecture built on self-attention.",
        });
        var cost = response.Details.Cost!.Value;
        Assert.That(await budgetManager.UpdateCostAsync(userId, response), Is.True);

        Assert.That(cost, Is.GreaterThan(0m));
        Assert.That(await budgetManager.GetCurrentCostAsync(userId), Is.EqualTo(cost));
        Assert.That(await budgetManager.GetRemainingAsync(userId), Is.EqualTo(5.00m - cost));
        Assert.That(await budgetManager.GetModelCostAsync(userId), Is.EquivalentTo(new Dictionary<string, decimal> { ["anthropic/claude-sonnet-4-6"] = cost }));
    }

    [Test]
    public async Task Per_model_caps_refuse_the_capped_model_but_not_others()
    {
        var budgets = new BudgetManager(timeProvider: new FakeTimeProvider(Jan15));
        var team = BudgetSubject.Team("platform");
        await budgets.CreateBudgetAsync(new BudgetDefinition(team, 500m, BudgetPeriod.Monthly)
        {
            ModelLimits = new Dictionary<string, decimal> { ["claude-opus-4-6"] = 50m, ["claude-sonnet-4-6"] = 300m },
        });
        await budgets.AddCostAsync(team, "anthropic/claude-opus-4-6", 49m);

        var ex = Assert.ThrowsAsync<BudgetExceededException>(() => budgets.ReserveAsync([team], "anthropic/claude-opus-4-6", 2m));
        Assert.That(ex!.Budget!.Model, Is.EqualTo("claude-opus-4-6"));
        Assert.That(ex.Budget.Limit, Is.EqualTo(50m));
        Assert.That(ex.Budget.Spent, Is.EqualTo(49m));
        Assert.That(ex.Message, Does.Contain("claude-opus-4-6").And.Contain("$50"));

        var ok = await budgets.ReserveAsync([team], "anthropic/claude-opus-4-6", 1m);
        await ok.SettleAsync(1m);
        var sonnet = await budgets.ReserveAsync([team], "claude-sonnet-4-6", 100m);
        await sonnet.SettleAsync(80m);

        var status = (await budgets.GetStatusAsync(team))!;
        Assert.That(status.Spent, Is.EqualTo(130m));
        Assert.That(status.ModelSpend["claude-opus-4-6"], Is.EqualTo(50m), "spend is recorded under the cap's key");
        Assert.That(status.ModelSpend["claude-sonnet-4-6"], Is.EqualTo(80m));
    }

    [Test]
    public async Task A_refusal_names_the_subject_spent_limit_and_period_end_and_reserves_nothing()
    {
        var budgets = new BudgetManager(timeProvider: new FakeTimeProvider(Jan15));
        var user = BudgetSubject.User("bob");
        await budgets.CreateBudgetAsync(BudgetSubject.Global, 1000m, BudgetPeriod.Daily);
        await budgets.CreateBudgetAsync(user, 1m, BudgetPeriod.Monthly);
        await budgets.AddCostAsync(user, null, 0.75m);

        var ex = Assert.ThrowsAsync<BudgetExceededException>(() => budgets.ReserveAsync([BudgetSubject.Global, user], "m", 0.5m));
        Assert.That(ex!.Kind, Is.EqualTo(LlmErrorKind.BudgetExceeded));
        Assert.That(ex.IsRetryable, Is.False);
        Assert.That(ex.Budget, Is.EqualTo(new BudgetExceededDetails
        {
            Subject = user, Spent = 0.75m, Reserved = 0m, Limit = 1m, RequestedCost = 0.5m, PeriodEnd = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero),
        }));
        Assert.That(ex.Message, Does.Contain("user:bob").And.Contain("$0.75").And.Contain("$1").And.Contain("2026-02-01"));
        Assert.That((await budgets.GetStatusAsync(BudgetSubject.Global))!.Reserved, Is.EqualTo(0m), "all or nothing: the global budget holds nothing");
    }

    [Test]
    public async Task Reservations_count_against_the_budget_until_settled()
    {
        var budgets = new BudgetManager(timeProvider: new FakeTimeProvider(Jan15));
        var user = BudgetSubject.User("carol");
        await budgets.CreateBudgetAsync(user, 1m, BudgetPeriod.Daily);
        var first = await budgets.ReserveAsync([user], "m", 0.6m);
        Assert.ThrowsAsync<BudgetExceededException>(() => budgets.ReserveAsync([user], "m", 0.6m));
        await first.SettleAsync(0.1m);
        await first.SettleAsync(0.5m); // ignored: settled once
        var second = await budgets.ReserveAsync([user], "m", 0.6m);
        Assert.That((await budgets.GetStatusAsync(user))!.Reserved, Is.EqualTo(0.6m));
        await second.SettleAsync(null); // unknown cost keeps the reservation as spend
        var status = (await budgets.GetStatusAsync(user))!;
        Assert.That((status.Spent, status.Reserved, status.Remaining), Is.EqualTo((0.7m, 0m, 0.3m)));
    }

    [Test]
    public async Task An_unpriced_call_is_admitted_until_the_budget_is_used_up()
    {
        var budgets = new BudgetManager(timeProvider: new FakeTimeProvider(Jan15));
        var user = BudgetSubject.User("dan");
        await budgets.CreateBudgetAsync(user, 1m, BudgetPeriod.Daily);
        await (await budgets.ReserveAsync([user], "m", 0m)).SettleAsync(0.99m);
        await (await budgets.ReserveAsync([user], "m", 0m)).SettleAsync(0.01m);
        Assert.ThrowsAsync<BudgetExceededException>(() => budgets.ReserveAsync([user], "m", 0m));
    }

    [Test]
    public async Task Soft_thresholds_fire_exactly_once_per_threshold_per_period()
    {
        var time = new FakeTimeProvider(Jan15);
        var budgets = new BudgetManager(timeProvider: time);
        var fired = new List<(string, decimal, decimal)>();
        budgets.ThresholdReached += (_, e) => fired.Add((e.Subject.ToString(), e.Threshold, e.Spent));
        budgets.ThresholdReached += (_, _) => throw new InvalidOperationException("a failing handler is logged, not thrown");
        var team = BudgetSubject.Team("t");
        await budgets.CreateBudgetAsync(new BudgetDefinition(team, 10m, BudgetPeriod.Daily) { SoftThresholds = [0.5m, 0.8m] });

        await budgets.AddCostAsync(team, null, 4m);
        Assert.That(fired, Is.Empty);
        await budgets.AddCostAsync(team, null, 1m);
        await budgets.AddCostAsync(team, null, 1m);
        await budgets.AddCostAsync(team, null, 3m); // 9: crosses 0.8
        await budgets.AddCostAsync(team, null, 1m);
        Assert.That(fired, Is.EqualTo(new[] { ("team:t", 0.5m, 5m), ("team:t", 0.8m, 9m) }));

        time.Advance(TimeSpan.FromDays(1));
        await budgets.AddCostAsync(team, null, 9m);
        Assert.That(fired, Has.Count.EqualTo(4), "a new period re-arms both thresholds");
    }

    [Test]
    public async Task Budgets_can_be_listed_replaced_reset_and_deleted()
    {
        var budgets = new BudgetManager(timeProvider: new FakeTimeProvider(Jan15));
        var user = BudgetSubject.User("erin");
        await budgets.CreateBudgetAsync(user, 5m, BudgetPeriod.Monthly);
        await budgets.CreateBudgetAsync(BudgetSubject.Tag("batch"), 2m, BudgetPeriod.Weekly);
        await budgets.AddCostAsync(user, null, 3m);

        await budgets.CreateBudgetAsync(user, 8m, BudgetPeriod.Monthly);
        Assert.That(await budgets.GetCurrentCostAsync(user), Is.EqualTo(3m), "replacing a budget keeps the period's spend");
        Assert.That(await budgets.GetTotalBudgetAsync(user), Is.EqualTo(8m));
        Assert.That((await budgets.ListBudgetsAsync()).Select(b => b.Subject.ToString()), Is.EquivalentTo(new[] { "user:erin", "tag:batch" }));

        await budgets.ResetAsync(user);
        Assert.That(await budgets.GetCurrentCostAsync(user), Is.EqualTo(0m));
        Assert.That(await budgets.DeleteBudgetAsync(user), Is.True);
        Assert.That(await budgets.DeleteBudgetAsync(user), Is.False);
        Assert.That(await budgets.GetStatusAsync(user), Is.Null);
        Assert.ThrowsAsync<KeyNotFoundException>(() => budgets.GetCurrentCostAsync(user));
        Assert.ThrowsAsync<KeyNotFoundException>(() => budgets.AddCostAsync(user, null, 1m));
    }

    [Test]
    public void Invalid_budgets_are_refused_with_clear_errors()
    {
        var budgets = new BudgetManager();
        Assert.That(() => new BudgetDefinition(BudgetSubject.Global, -1m, BudgetPeriod.Daily), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => budgets.CreateBudgetAsync(new BudgetDefinition(BudgetSubject.Global, 1m, BudgetPeriod.Daily) { SoftThresholds = [1.5m] }));
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => budgets.CreateBudgetAsync(new BudgetDefinition(BudgetSubject.Global, 1m, BudgetPeriod.Daily) { ModelLimits = new Dictionary<string, decimal> { ["m"] = -2m } }));
        Assert.ThrowsAsync<ArgumentException>(() => budgets.CreateBudgetAsync(new BudgetDefinition(BudgetSubject.Global, 1m, BudgetPeriod.Daily) { TimeZoneId = "Mars/Olympus_Mons" }));
        Assert.That(() => BudgetSubject.User(" "), Throws.InstanceOf<ArgumentException>());
        Assert.That(() => BudgetSubject.Parse("planet:earth"), Throws.TypeOf<FormatException>());
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => budgets.ReserveAsync([BudgetSubject.Global], "m", -1m));
    }

    [Test]
    public void Api_key_subjects_keep_only_a_digest_of_the_key()
    {
        const string key = "sk-live-SECRET-0123456789";
        var subject = BudgetSubject.ApiKey(key);
        Assert.That(subject.Kind, Is.EqualTo(BudgetSubjectKind.Key));
        Assert.That(subject.ToString(), Does.StartWith("key:sha256:").And.Not.Contain("SECRET"));
        Assert.That(subject, Is.EqualTo(BudgetSubject.ApiKey(key)));
        Assert.That(BudgetSubject.Parse(subject.ToString()), Is.EqualTo(subject));
    }

    [Test]
    public void Request_subjects_come_from_user_metadata_and_the_hashed_key()
    {
        var subjects = BudgetMetadataKeys.SubjectsOf("alice",
            new Dictionary<string, string> { ["team_id"] = "platform", ["team"] = "ignored", ["key_alias"] = "alice-dev-key", ["tags"] = "batch, nightly,,batch" },
            "sk-abc");
        Assert.That(subjects.Select(s => s.ToString()), Is.EqualTo(new[]
        {
            "global:*", "user:alice", "team:platform", "key:alice-dev-key", BudgetSubject.ApiKey("sk-abc").ToString(), "tag:batch", "tag:nightly",
        }));
        Assert.That(BudgetMetadataKeys.SubjectsOf(null, new Dictionary<string, string> { ["team"] = "ops", ["api_key_alias"] = "k" }, null).Select(s => s.ToString()),
            Is.EqualTo(new[] { "global:*", "team:ops", "key:k" }));
    }
}
