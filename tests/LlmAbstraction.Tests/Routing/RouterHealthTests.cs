using LlmAbstraction.Configuration;
using LlmAbstraction.Tests.TestSupport;
using A = LlmAbstraction.Tests.TestSupport.FakeProvider.Answer;

namespace LlmAbstraction.Tests.Routing;

/// <summary>Cooldowns, recovery on the fake clock, the all-cooling error, rpm/tpm limits, order tiers, and retries moving between deployments.</summary>
public class RouterHealthTests
{
    private RouterKit _kit = null!;

    [SetUp] public void SetUp() => _kit = new RouterKit();
    [TearDown] public void TearDown() => _kit.Dispose();

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(375); // 500 ms × 2^0 with equal jitter at 0.5

    [Test]
    public async Task Order_tiers_use_the_lowest_order_until_it_cools_then_the_next_then_recover()
    {
        _kit.Ok("primary", "backup");
        var client = _kit.Client(r => r.Deployments = [_kit.Deployment("backup", order: 2), _kit.Deployment("primary", order: 1)]);
        for (var i = 0; i < 5; i++) Assert.That((await client.CompletionAsync(RouterKit.Ask())).Details.Deployment, Is.EqualTo("primary"));

        var group = _kit.Group();
        await _kit.Store.SetCooldownAsync(group, group.IndexOf("primary"), _kit.Time.GetUtcNow().AddSeconds(5), _kit.Time.GetUtcNow(), default);
        Assert.That((await client.CompletionAsync(RouterKit.Ask())).Details.Deployment, Is.EqualTo("backup"));
        _kit.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.That((await client.CompletionAsync(RouterKit.Ask())).Details.Deployment, Is.EqualTo("primary"));
    }

    [Test]
    public async Task More_than_allowed_fails_cools_a_deployment_for_cooldown_time_then_it_recovers()
    {
        _kit.Ok("b").Fail("a", 500);
        var client = _kit.Client(r =>
        {
            r.AllowedFails = 1;
            r.CooldownTime = TimeSpan.FromSeconds(30);
            r.Deployments = [_kit.Deployment("a", order: 1), _kit.Deployment("b", order: 2)];
        }, retries: 1);

        var first = await client.CompletionAsync(RouterKit.Ask());   // a fails (1 of 1 allowed), retry on b
        var second = await client.CompletionAsync(RouterKit.Ask());  // a fails again (2 > 1): cooled; retry on b
        var third = await client.CompletionAsync(RouterKit.Ask());   // a is cooling: straight to b
        Assert.That(first.Details.Attempts.Select(a => a.Deployment), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(second.Details.Attempts.Select(a => a.Deployment), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(third.Details.Attempts.Select(a => a.Deployment), Is.EqualTo(new[] { "b" }));

        _kit.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.That((await client.CompletionAsync(RouterKit.Ask())).Details.Attempts[0].Deployment, Is.EqualTo("b"), "still cooling at 29 s");
        _kit.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.That((await client.CompletionAsync(RouterKit.Ask())).Details.Attempts[0].Deployment, Is.EqualTo("a"), "back after cooldown_time");
        Assert.That(_kit.Count("a"), Is.EqualTo(3));
    }

    [Test]
    public async Task Bad_requests_do_not_count_towards_cooldown()
    {
        _kit.Fake.Reply("/a/v1/chat/completions", 400, "{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}");
        _kit.Ok("b");
        var client = _kit.Client(r => { r.AllowedFails = 0; r.Deployments = [_kit.Deployment("a", order: 1), _kit.Deployment("b", order: 2)]; });
        for (var i = 0; i < 3; i++) Assert.CatchAsync<BadRequestException>(() => client.CompletionAsync(RouterKit.Ask()));
        Assert.That(_kit.Count("a"), Is.EqualTo(3));
        Assert.That(_kit.Count("b"), Is.EqualTo(0));
    }

    [Test]
    public async Task Rate_limit_cools_the_deployment_for_its_retry_after_and_the_retry_moves_on_at_once()
    {
        _kit.Ok("b").Fail("a", 429, new Dictionary<string, string> { ["retry-after"] = "20" });
        var client = _kit.Client(r => r.Deployments = [_kit.Deployment("a", order: 1), _kit.Deployment("b", order: 2)], retries: 2);
        var response = await client.CompletionAsync(RouterKit.Ask());
        Assert.That(response.Details.Attempts.Select(a => (a.Deployment, a.ErrorKind)), Is.EqualTo(new (string?, LlmErrorKind?)[] { ("a", LlmErrorKind.RateLimit), ("b", null) }));
        Assert.That(response.Details.Attempts[1].DelayBefore, Is.EqualTo(TimeSpan.Zero), "another healthy deployment: no wait, Retry-After notwithstanding");

        _kit.Time.Advance(TimeSpan.FromSeconds(19));
        Assert.That((await client.CompletionAsync(RouterKit.Ask())).Details.Attempts.Single().Deployment, Is.EqualTo("b"));
        _kit.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.That((await client.CompletionAsync(RouterKit.Ask())).Details.Attempts[0].Deployment, Is.EqualTo("a"));
    }

    [Test]
    public async Task Retry_moves_to_another_healthy_deployment_with_zero_delay()
    {
        _kit.Ok("b").Fail("a", 500);
        var client = _kit.Client(r => r.Deployments = [_kit.Deployment("a", order: 1), _kit.Deployment("b", order: 1)], retries: 2, seed: 1);
        ChatCompletionResponse? moved = null;
        for (var i = 0; i < 10 && moved is null; i++)
        {
            var response = await client.CompletionAsync(RouterKit.Ask());
            if (response.Details.Attempts.Count == 2) moved = response;
        }
        Assert.That(moved, Is.Not.Null, "some call started on a");
        Assert.That(moved!.Details.Attempts.Select(a => a.Deployment), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(moved.Details.Attempts[1].DelayBefore, Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public async Task Retry_backs_off_when_no_other_deployment_is_healthy()
    {
        _kit.Ok("b").Sequence("a", new A(500, RouterKit.ServerError), new A(200, RouterKit.ChatOk));
        var client = _kit.Client(r => r.Deployments = [_kit.Deployment("a"), _kit.Deployment("b")], retries: 2);
        var group = _kit.Group();
        await _kit.Store.SetCooldownAsync(group, group.IndexOf("b"), _kit.Time.GetUtcNow().AddMinutes(1), _kit.Time.GetUtcNow(), default);
        var response = await Clock.Drive(_kit.Time, client.CompletionAsync(RouterKit.Ask()));
        Assert.That(response.Details.Attempts.Select(a => a.Deployment), Is.EqualTo(new[] { "a", "a" }));
        Assert.That(response.Details.Attempts[1].DelayBefore, Is.EqualTo(FirstBackoff));
    }

    [Test]
    public async Task When_every_deployment_is_cooling_the_error_names_them_and_says_when_the_first_returns()
    {
        _kit.Fail("a", 429, new Dictionary<string, string> { ["retry-after"] = "7" }).Fail("b", 429, new Dictionary<string, string> { ["retry-after"] = "3" });
        var client = _kit.Client(r => r.Deployments = [_kit.Deployment("a", order: 1), _kit.Deployment("b", order: 2)], retries: 1);
        Assert.CatchAsync<RateLimitException>(() => client.CompletionAsync(RouterKit.Ask()));

        var ex = Assert.CatchAsync<NoDeploymentAvailableException>(() => client.CompletionAsync(RouterKit.Ask()))!;
        Assert.That(ex.Message, Does.Contain("model group 'chat'"));
        Assert.That(ex.Message, Does.Contain("a (cooling down until 12:00:17Z, in 7 s)"));
        Assert.That(ex.Message, Does.Contain("b (cooling down until 12:00:13Z, in 3 s)"));
        Assert.That(ex.Message, Does.Contain("The first one returns in 3 s"));
        Assert.That(ex.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(3)));
        Assert.That(ex.Message, Does.Not.Contain("sk-test"));
        Assert.That(_kit.Count("a") + _kit.Count("b"), Is.EqualTo(2), "the second call sent nothing");

        _kit.Time.Advance(TimeSpan.FromSeconds(3));
        _kit.Ok("b");
        Assert.That((await client.CompletionAsync(RouterKit.Ask())).Details.Deployment, Is.EqualTo("b"));
    }

    [Test]
    public async Task All_cooling_moves_the_call_to_its_fallback_group()
    {
        _kit.Ok("other");
        var client = _kit.Client(r => r.Deployments = [_kit.Deployment("a"), _kit.Deployment("b"), _kit.Deployment("other", group: "backup")],
            configure: b => b.Configure(o => o.Resilience.Fallbacks["chat"] = ["backup"]));
        var group = _kit.Group();
        var now = _kit.Time.GetUtcNow();
        await _kit.Store.SetCooldownAsync(group, 0, now.AddSeconds(9), now, default);
        await _kit.Store.SetCooldownAsync(group, 1, now.AddSeconds(9), now, default);
        var response = await client.CompletionAsync(RouterKit.Ask());
        Assert.That(response.Details.Deployment, Is.EqualTo("other"));
        Assert.That(response.Details.Attempts.Single().FallbackReason, Is.EqualTo("NoDeploymentAvailable"));
    }

    [Test]
    public async Task Usage_based_respects_rpm_per_minute_and_recovers_next_minute()
    {
        _kit.Ok("a", "b");
        var client = _kit.Client(r => { r.Strategy = RoutingStrategy.UsageBasedRoutingV2; r.Deployments = [_kit.Deployment("a", rpm: 2), _kit.Deployment("b", rpm: 1)]; });
        for (var i = 0; i < 3; i++) await client.CompletionAsync(RouterKit.Ask());
        Assert.That((_kit.Count("a"), _kit.Count("b")), Is.EqualTo((2, 1)));
        var ex = Assert.CatchAsync<NoDeploymentAvailableException>(() => client.CompletionAsync(RouterKit.Ask()))!;
        Assert.That(ex.Message, Does.Contain("a (rpm limit 2 reached this minute)"));
        Assert.That(ex.Message, Does.Contain("b (rpm limit 1 reached this minute)"));
        Assert.That(ex.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(50)), "the clock is at 12:00:10");
        _kit.Time.Advance(TimeSpan.FromSeconds(50));
        await client.CompletionAsync(RouterKit.Ask());
        Assert.That(_kit.Count("a") + _kit.Count("b"), Is.EqualTo(4));
    }

    [Test]
    public async Task Usage_based_reserves_the_prompt_estimate_then_reconciles_with_actual_usage()
    {
        _kit.Ok("a", "b");
        var client = _kit.Client(r => { r.Strategy = RoutingStrategy.UsageBasedRoutingV2; r.Deployments = [_kit.Deployment("a", tpm: 100), _kit.Deployment("b", tpm: 100)]; });
        var reservations = new List<long>();
        var request = RouterKit.Ask(text: new string('x', 40)); // estimate: 40 chars / 4 + 4 per message = 14
        var first = await client.CompletionAsync(request);
        var group = _kit.Group();
        var state = await _kit.Store.GetStateAsync(group, _kit.Time.GetUtcNow(), default);
        var minute = LlmAbstraction.Routing.RouterGroupState.MinuteOf(_kit.Time.GetUtcNow());
        var used = group.IndexOf(first.Details.Deployment!);
        Assert.That(state.Tokens(used, minute), Is.EqualTo(22), "reconciled to the response's total_tokens");
        Assert.That(state.Requests(used, minute), Is.EqualTo(1));
        var second = await client.CompletionAsync(request);
        Assert.That(second.Details.Deployment, Is.Not.EqualTo(first.Details.Deployment), "fewest tokens this minute wins");
    }

    [Test]
    public async Task Usage_based_skips_a_deployment_whose_tpm_cannot_take_the_prompt()
    {
        _kit.Ok("small", "big");
        var client = _kit.Client(r => { r.Strategy = RoutingStrategy.UsageBasedRoutingV2; r.Deployments = [_kit.Deployment("small", tpm: 50), _kit.Deployment("big", tpm: 10_000)]; });
        var response = await client.CompletionAsync(RouterKit.Ask(text: new string('x', 400))); // about 104 tokens
        Assert.That(response.Details.Deployment, Is.EqualTo("big"));
        Assert.That(_kit.Count("small"), Is.EqualTo(0));
    }

    [Test]
    public async Task Failed_calls_give_back_their_token_reservation()
    {
        _kit.Fail("a", 400);
        var client = _kit.Client(r => { r.Strategy = RoutingStrategy.UsageBasedRoutingV2; r.Deployments = [_kit.Deployment("a", tpm: 1000)]; });
        Assert.CatchAsync<BadRequestException>(() => client.CompletionAsync(RouterKit.Ask()));
        var state = await _kit.Store.GetStateAsync(_kit.Group(), _kit.Time.GetUtcNow(), default);
        var minute = LlmAbstraction.Routing.RouterGroupState.MinuteOf(_kit.Time.GetUtcNow());
        Assert.That((state.Requests(0, minute), state.Tokens(0, minute)), Is.EqualTo((1L, 0L)));
        Assert.That(state.InFlight[0], Is.EqualTo(0));
    }

    [Test]
    public async Task A_stream_that_fails_before_its_first_chunk_is_retried_on_another_deployment_at_once()
    {
        _kit.Fail("a", 500);
        _kit.Fake.Reply("/b/v1/chat/completions", 200, OwnFixtures.Text("openai/chat-stream-text.sse"), "text/event-stream");
        var client = _kit.Client(r => r.Deployments = [_kit.Deployment("a", order: 1), _kit.Deployment("b", order: 2)], retries: 1);
        var response = await client.StreamCompletionAsync(RouterKit.Ask()).ToResponseAsync();
        Assert.That(response.Details.Attempts.Select(a => a.Deployment), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(response.Details.Attempts[1].DelayBefore, Is.EqualTo(TimeSpan.Zero));
        Assert.That(response.Details.Deployment, Is.EqualTo("b"));
        var state = await _kit.Store.GetStateAsync(_kit.Group(), _kit.Time.GetUtcNow(), default);
        Assert.That(state.InFlight.ToArray(), Is.EqualTo(new[] { 0, 0 }), "both attempts released their deployment");
    }
}
