using System.Diagnostics;
using LlmAbstraction.Budgets;
using LlmAbstraction.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LlmAbstraction.Tests.Budgets;

public class BudgetPipelineTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 10, 9, 0, 0, TimeSpan.Zero);
    private const decimal ActualCost = 10 * ScriptedProvider.InputPrice + 20 * ScriptedProvider.OutputPrice; // the default scripted usage

    private static ChatCompletionRequest Request(string? user = "alice", int maxTokens = 100, IDictionary<string, string>? metadata = null)
        => new() { Model = "scripted/m", Messages = [ChatMessage.User("Summarise the quarterly report in one line.")], MaxTokens = maxTokens, User = user, Metadata = metadata };

    [Test]
    public async Task A_call_that_cannot_fit_is_refused_before_it_is_sent()
    {
        var provider = new ScriptedProvider();
        var budgets = new BudgetManager(timeProvider: new FakeTimeProvider(Now));
        await budgets.CreateBudgetAsync(BudgetSubject.User("alice"), 0.0001m, BudgetPeriod.Daily); // less than one call's worst case
        var client = provider.Client(budgets, new FakeTimeProvider(Now));

        var ex = Assert.ThrowsAsync<BudgetExceededException>(() => client.CompletionAsync(Request()));
        Assert.That(provider.Calls, Is.EqualTo(0));
        Assert.That(ex!.Budget!.Subject, Is.EqualTo(BudgetSubject.User("alice")));
        Assert.That(ex.Budget.RequestedCost, Is.EqualTo(ScriptedProvider.MaxCost(Request())));
        Assert.That(ex.Budget.PeriodEnd, Is.EqualTo(new DateTimeOffset(2026, 4, 11, 0, 0, 0, TimeSpan.Zero)));

        var bob = await client.CompletionAsync(Request(user: "bob"));
        Assert.That(bob.Details.Cost, Is.EqualTo(ActualCost), "a user without a budget is not limited");
    }

    [Test]
    public async Task A_call_reserves_its_worst_case_and_settles_to_the_actual_cost()
    {
        var provider = new ScriptedProvider();
        var budgets = new BudgetManager(timeProvider: new FakeTimeProvider(Now));
        var user = BudgetSubject.User("alice");
        await budgets.CreateBudgetAsync(user, 1m, BudgetPeriod.Daily);
        var gate = new TaskCompletionSource();
        provider.Gate = gate.Task;
        var client = provider.Client(budgets);

        var call = client.CompletionAsync(Request());
        while (provider.Calls == 0) await Task.Yield();
        Assert.That((await budgets.GetStatusAsync(user))!.Reserved, Is.EqualTo(ScriptedProvider.MaxCost(Request())));
        gate.SetResult();
        var response = await call;

        var status = (await budgets.GetStatusAsync(user))!;
        Assert.That((status.Spent, status.Reserved), Is.EqualTo((ActualCost, 0m)));
        Assert.That(response.Details.Cost, Is.EqualTo(ActualCost));
        Assert.That(status.ModelSpend, Is.EquivalentTo(new Dictionary<string, decimal> { ["scripted/m"] = ActualCost }));
    }

    [Test]
    public async Task Every_subject_of_the_request_is_charged_and_the_span_names_them()
    {
        var provider = new ScriptedProvider();
        var budgets = new BudgetManager(timeProvider: new FakeTimeProvider(Now));
        foreach (var s in new[] { BudgetSubject.Global, BudgetSubject.User("alice"), BudgetSubject.Team("platform"), BudgetSubject.KeyAlias("ci-key"), BudgetSubject.Tag("nightly"), BudgetSubject.ApiKey("sk-per-request") })
            await budgets.CreateBudgetAsync(s, 1m, BudgetPeriod.Monthly);
        string? spanSubject = null;
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name.StartsWith("LlmAbstraction", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => spanSubject ??= a.GetTagItem(GenAiSemConv.BudgetSubject) as string,
        };
        ActivitySource.AddActivityListener(listener);
        var client = provider.Client(budgets);

        var request = Request(metadata: new Dictionary<string, string> { ["team_id"] = "platform", ["api_key_alias"] = "ci-key", ["tags"] = "nightly,unbudgeted" });
        request.ApiKey = "sk-per-request";
        await client.CompletionAsync(request);

        foreach (var b in await budgets.ListBudgetsAsync())
            Assert.That(await budgets.GetCurrentCostAsync(b.Subject), Is.EqualTo(ActualCost), b.Subject.ToString());
        Assert.That(spanSubject, Does.Contain("user:alice").And.Contain("team:platform").And.Contain("tag:nightly").And.Not.Contain("sk-per-request"));
    }

    [Test]
    public async Task A_failed_call_releases_its_reservation()
    {
        var budgets = new BudgetManager(timeProvider: new FakeTimeProvider(Now));
        var user = BudgetSubject.User("alice");
        await budgets.CreateBudgetAsync(user, 1m, BudgetPeriod.Daily);
        var client = new ScriptedProvider().Client(budgets);
        var request = Request();
        request.Model = "openai/gpt-4o";
        request.MockResponse = MockResponse.Error(500, "boom");
        Assert.ThrowsAsync<InternalServerException>(() => client.CompletionAsync(request));
        var status = (await budgets.GetStatusAsync(user))!;
        Assert.That((status.Spent, status.Reserved), Is.EqualTo((0m, 0m)));
    }

    [Test]
    public async Task A_stream_settles_to_the_cost_on_its_usage_chunk()
    {
        var provider = new ScriptedProvider();
        var budgets = new BudgetManager(timeProvider: new FakeTimeProvider(Now));
        var user = BudgetSubject.User("alice");
        await budgets.CreateBudgetAsync(user, 1m, BudgetPeriod.Daily);
        var client = provider.Client(budgets);
        var chunks = 0;
        await foreach (var _ in client.StreamCompletionAsync(Request()))
        {
            if (chunks++ == 0) Assert.That((await budgets.GetStatusAsync(user))!.Reserved, Is.EqualTo(ScriptedProvider.MaxCost(Request())), "held while streaming");
        }
        var status = (await budgets.GetStatusAsync(user))!;
        Assert.That((status.Spent, status.Reserved), Is.EqualTo((ActualCost, 0m)));
    }

    [Test]
    public async Task A_cancelled_stream_settles_for_the_prompt_and_the_output_it_delivered()
    {
        var provider = new ScriptedProvider();
        var budgets = new BudgetManager(timeProvider: new FakeTimeProvider(Now));
        var user = BudgetSubject.User("alice");
        await budgets.CreateBudgetAsync(user, 1m, BudgetPeriod.Daily);
        var client = provider.Client(budgets);
        using var cts = new CancellationTokenSource();
        var text = "";
        Assert.CatchAsync<OperationCanceledException>(async () =>
        {
            await foreach (var chunk in client.StreamCompletionAsync(Request(), cts.Token))
            {
                text += chunk.Choices.FirstOrDefault()?.Delta.Content;
                if (text.Contains("two", StringComparison.Ordinal)) cts.Cancel();
            }
        });
        var prompt = LlmAbstraction.Pricing.TokenCounter.CountMessages("m", Request().Messages).Tokens;
        var output = LlmAbstraction.Pricing.TokenCounter.CountText("m", "one two").Tokens;
        var status = (await budgets.GetStatusAsync(user))!;
        Assert.That((status.Spent, status.Reserved), Is.EqualTo((prompt * ScriptedProvider.InputPrice + output * ScriptedProvider.OutputPrice, 0m)));
    }

    [Test]
    public async Task Unpriced_models_can_be_refused_when_a_budget_applies()
    {
        var budgets = new BudgetManager(timeProvider: new FakeTimeProvider(Now));
        await budgets.CreateBudgetAsync(BudgetSubject.User("alice"), 1m, BudgetPeriod.Daily);
        var client = new ScriptedProvider().Client(budgets, configure: b => b.UseBudgets(budgets, o => o.RefuseUnpricedModels = true));
        var request = Request();
        request.Model = "mock/unpriced";
        var ex = Assert.ThrowsAsync<BudgetExceededException>(() => client.CompletionAsync(request));
        Assert.That(ex!.Message, Does.Contain("no known price"));
        Assert.That((await budgets.GetStatusAsync(BudgetSubject.User("alice")))!.Reserved, Is.EqualTo(0m));
        request.User = null;
        Assert.That((await client.CompletionAsync(request)).Content, Is.Not.Empty, "without a budget nothing is refused");
    }

    [Test]
    public async Task A_thousand_parallel_calls_overshoot_by_at_most_one_request()
    {
        // Each call costs exactly its worst case, and the admitted calls are all held in flight until every other call
        // has been decided: only reservations (not settled spend) can have refused them.
        var provider = new ScriptedProvider
        {
            Usage = r => new Usage { PromptTokens = LlmAbstraction.Pricing.TokenCounter.CountMessages("m", r.Messages).Tokens, CompletionTokens = r.MaxTokens!.Value },
        };
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        provider.Gate = gate.Task;
        var budgets = new BudgetManager(timeProvider: new FakeTimeProvider(Now));
        var team = BudgetSubject.Team("load");
        const decimal limit = 0.05m;
        await budgets.CreateBudgetAsync(team, limit, BudgetPeriod.Daily);
        var client = provider.Client(budgets);
        var oneRequest = ScriptedProvider.MaxCost(Request());
        var fit = (int)(limit / oneRequest);
        var metadata = new Dictionary<string, string> { ["team"] = "load" };
        var refused = 0;

        var all = Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(async () =>
        {
            try { await client.CompletionAsync(Request(user: null, metadata: metadata)); return "ok"; }
            catch (BudgetExceededException) { Interlocked.Increment(ref refused); return "refused"; }
        })));
        for (var i = 0; i < 20_000 && provider.Calls + Volatile.Read(ref refused) < 1000 && !all.IsCompleted; i++) await Task.Delay(1);
        var inFlight = provider.Calls;
        gate.SetResult();
        var outcomes = await all;

        var spent = await budgets.GetCurrentCostAsync(team);
        var ok = outcomes.Count(o => o == "ok");
        TestContext.Out.WriteLine($"ok={ok} in flight together={inFlight} spent={spent} limit={limit} one request={oneRequest}");
        Assert.That(inFlight, Is.EqualTo(fit), "exactly the calls that fit were in flight together");
        Assert.That(ok, Is.EqualTo(fit));
        Assert.That(outcomes.Count(o => o == "refused"), Is.EqualTo(1000 - fit));
        Assert.That(provider.Calls, Is.EqualTo(ok), "refused calls were never sent");
        Assert.That(spent, Is.EqualTo(ok * oneRequest));
        Assert.That(spent, Is.LessThanOrEqualTo(limit + oneRequest));
        Assert.That((await budgets.GetStatusAsync(team))!.Reserved, Is.EqualTo(0m));
    }

    [Test]
    public async Task Dependency_injection_wires_budgets_into_the_client()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        services.AddLlmBudgets();
        services.AddLlmClient();
        await using var sp = services.BuildServiceProvider();
        var budgets = sp.GetRequiredService<IBudgetManager>();
        await budgets.CreateBudgetAsync(BudgetSubject.User("alice"), 0.000001m, BudgetPeriod.Daily);
        var client = sp.GetRequiredService<ILlmClient>();
        Assert.ThrowsAsync<BudgetExceededException>(() => client.CompletionAsync(new ChatCompletionRequest { Model = "openai/gpt-4o", Messages = [ChatMessage.User("hi")], User = "alice", MockResponse = "hello" }));
        Assert.That(sp.GetRequiredService<IBudgetStore>(), Is.TypeOf<InMemoryBudgetStore>());
    }
}
