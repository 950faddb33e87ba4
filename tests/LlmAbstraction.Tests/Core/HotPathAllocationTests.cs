using System.Text.Json;
using LlmAbstraction.Pipeline;
using Microsoft.Extensions.Time.Testing;

namespace LlmAbstraction.Tests.Core;

/// <summary>The allocation cuts on the hot path keep values and defaults exactly as before.</summary>
public class HotPathAllocationTests
{
    private const string Chunk = """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","system_fingerprint":"fp_1","service_tier":"default","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}""";

    [Test]
    public void Repeated_chunk_strings_are_shared_when_equal()
    {
        var a = JsonSerializer.Deserialize(Chunk, LlmJsonContext.Default.ChatCompletionChunk)!;
        var b = JsonSerializer.Deserialize(Chunk, LlmJsonContext.Default.ChatCompletionChunk)!;
        Assert.That(ReferenceEquals(a.Id, b.Id) && ReferenceEquals(a.Model, b.Model) && ReferenceEquals(a.SystemFingerprint, b.SystemFingerprint), Is.True);
        Assert.That(b.Id, Is.EqualTo("chatcmpl-1"));
    }

    [Test]
    public void Repeated_chunk_strings_never_return_a_stale_value()
    {
        JsonSerializer.Deserialize(Chunk, LlmJsonContext.Default.ChatCompletionChunk);
        var other = JsonSerializer.Deserialize(Chunk.Replace("chatcmpl-1", "chatcmpl-2").Replace("gpt-4o-mini", "gpt-\\u0034o"), LlmJsonContext.Default.ChatCompletionChunk)!;
        Assert.That((other.Id, other.Model), Is.EqualTo(("chatcmpl-2", "gpt-4o")));
    }

    [Test]
    public void A_chunk_id_that_is_not_a_string_is_a_json_error()
        => Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(Chunk.Replace("\"chatcmpl-1\"", "42"), LlmJsonContext.Default.ChatCompletionChunk));

    [Test]
    public void Defaults_are_still_created_on_first_read()
    {
        Assert.That(new ChatCompletionChunk().Choices, Is.Empty);
        Assert.That(new ChunkChoice().Delta, Is.Not.Null);
        Assert.That(new ChatChoice().Message.Role, Is.EqualTo(ChatRoles.Assistant));
        var details = new ResponseDetails();
        Assert.That((details.Attempts.Count, details.Warnings.Count, details.SkippedDeployments.Count), Is.EqualTo((0, 0, 0)));
    }

    [Test]
    public void Deadline_without_a_delay_passes_the_callers_token_through()
    {
        using var cts = new CancellationTokenSource();
        using var deadline = new Deadline(cts.Token, null, TimeProvider.System);
        Assert.That(deadline.Token, Is.EqualTo(cts.Token));
        cts.Cancel();
        Assert.That(deadline.Expired, Is.False);
    }

    [Test]
    public void Deadline_over_an_uncancellable_token_expires_on_the_fake_clock_and_can_be_disarmed()
    {
        var time = new FakeTimeProvider();
        using var fires = new Deadline(CancellationToken.None, TimeSpan.FromSeconds(5), time);
        using var disarmed = new Deadline(CancellationToken.None, TimeSpan.FromSeconds(5), time);
        disarmed.Disarm();
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.That((fires.Token.IsCancellationRequested, fires.Expired), Is.EqualTo((true, true)));
        Assert.That((disarmed.Token.IsCancellationRequested, disarmed.Expired), Is.EqualTo((false, false)));
    }
}
