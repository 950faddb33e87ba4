using System.Net;
using LlmAbstraction.Providers;
using Microsoft.Extensions.Time.Testing;

namespace LlmAbstraction.Tests.Core;

public class ErrorClassifierTests
{
    [TestCase(400, null, null, "bad", LlmErrorKind.BadRequest)]
    [TestCase(400, "invalid_request_error", "context_length_exceeded", "x", LlmErrorKind.ContextWindowExceeded)]
    [TestCase(400, "invalid_request_error", null, "prompt is too long: 215000 tokens > 200000 maximum", LlmErrorKind.ContextWindowExceeded)]
    [TestCase(400, null, "content_filter", "x", LlmErrorKind.ContentPolicyViolation)]
    [TestCase(400, "invalid_request_error", "unsupported_parameter", "x", LlmErrorKind.UnsupportedParams)]
    [TestCase(401, null, null, null, LlmErrorKind.Authentication)]
    [TestCase(403, null, null, null, LlmErrorKind.PermissionDenied)]
    [TestCase(404, null, null, null, LlmErrorKind.NotFound)]
    [TestCase(408, null, null, null, LlmErrorKind.Timeout)]
    [TestCase(409, null, null, null, LlmErrorKind.Conflict)]
    [TestCase(422, null, null, null, LlmErrorKind.UnprocessableEntity)]
    [TestCase(429, "requests", "rate_limit_exceeded", null, LlmErrorKind.RateLimit)]
    [TestCase(429, "insufficient_quota", "insufficient_quota", null, LlmErrorKind.QuotaExceeded)]
    [TestCase(500, null, null, null, LlmErrorKind.InternalServer)]
    [TestCase(500, "overloaded_error", null, null, LlmErrorKind.Overloaded)]
    [TestCase(502, null, null, null, LlmErrorKind.InternalServer)]
    [TestCase(503, null, null, null, LlmErrorKind.ServiceUnavailable)]
    [TestCase(504, null, null, null, LlmErrorKind.Timeout)]
    [TestCase(529, "overloaded_error", null, "Overloaded", LlmErrorKind.Overloaded)]
    [TestCase(null, "overloaded_error", null, "Overloaded", LlmErrorKind.Overloaded)]
    [TestCase(null, "rate_limit_error", null, null, LlmErrorKind.RateLimit)]
    [TestCase(null, "invalid_request_error", null, "maximum context length is 8192", LlmErrorKind.ContextWindowExceeded)]
    [TestCase(null, null, null, "something odd", LlmErrorKind.Unknown)]
    public void Status_then_code_then_message(int? status, string? type, string? code, string? message, LlmErrorKind expected)
        => Assert.That(ErrorClassifier.Classify(status is null ? null : (HttpStatusCode)status, type, code, message), Is.EqualTo(expected));

    [Test]
    public void Every_kind_builds_its_own_exception_type()
    {
        foreach (var kind in Enum.GetValues<LlmErrorKind>())
            Assert.That(LlmErrors.Create(kind, "m").Kind, Is.EqualTo(kind));
    }

    [Test]
    public void An_explicit_do_not_retry_hint_wins_but_cannot_make_a_400_retryable()
    {
        Assert.That(new RateLimitException("m", new LlmErrorDetails { ShouldRetryHint = false }).IsRetryable, Is.False);
        Assert.That(new BadRequestException("m", new LlmErrorDetails { ShouldRetryHint = true }).IsRetryable, Is.False);
    }

    [Test]
    public void Retry_after_headers_are_read_in_order_of_precision()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 10, 30, 16, 17, 30, TimeSpan.Zero));
        using var r = new HttpResponseMessage();
        r.Headers.TryAddWithoutValidation("anthropic-ratelimit-requests-reset", "2025-10-30T16:17:35Z");
        Assert.That(RetryAfterParser.Parse(r.Headers, time), Is.EqualTo(TimeSpan.FromSeconds(5)));
        r.Headers.TryAddWithoutValidation("x-ratelimit-reset-tokens", "6m0s");
        Assert.That(RetryAfterParser.Parse(r.Headers, time), Is.EqualTo(TimeSpan.FromMinutes(6)));
        r.Headers.TryAddWithoutValidation("retry-after", "Thu, 30 Oct 2025 16:17:40 GMT");
        Assert.That(RetryAfterParser.Parse(r.Headers, time), Is.EqualTo(TimeSpan.FromSeconds(10)));
        r.Headers.TryAddWithoutValidation("retry-after-ms", "250");
        Assert.That(RetryAfterParser.Parse(r.Headers, time), Is.EqualTo(TimeSpan.FromMilliseconds(250)));
    }
}
