namespace LlmAbstraction.Configuration;

/// <summary>
/// Per-error-type counts, used for LiteLLM <c>retry_policy</c> (keys <c>RateLimitErrorRetries</c>, ...) and
/// <c>allowed_fails_policy</c> (keys <c>RateLimitErrorAllowedFails</c>, ...). Null means "use the general value".
/// </summary>
public sealed class ErrorTypeCounts
{
    /// <summary><c>BadRequestError*</c> (400).</summary>
    /// <value>Default null.</value>
    public int? BadRequest { get; init; }

    /// <summary><c>AuthenticationError*</c> (401).</summary>
    /// <value>Default null.</value>
    public int? Authentication { get; init; }

    /// <summary><c>TimeoutError*</c> (408/504).</summary>
    /// <value>Default null.</value>
    public int? Timeout { get; init; }

    /// <summary><c>RateLimitError*</c> (429).</summary>
    /// <value>Default null.</value>
    public int? RateLimit { get; init; }

    /// <summary><c>ContentPolicyViolationError*</c>.</summary>
    /// <value>Default null.</value>
    public int? ContentPolicyViolation { get; init; }

    /// <summary><c>InternalServerError*</c> (5xx).</summary>
    /// <value>Default null.</value>
    public int? InternalServer { get; init; }
}
