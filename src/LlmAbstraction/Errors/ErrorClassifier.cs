using System.Net;

namespace LlmAbstraction;

/// <summary>
/// Maps a provider failure to an <see cref="LlmErrorKind"/>: the HTTP status first, then the provider's
/// error type or code, then the message. One table for every provider.
/// </summary>
public static class ErrorClassifier
{
    private static readonly string[] ContextWindowPhrases =
    [
        "context length", "context_length", "context window", "prompt is too long", "input is too long",
        "too many tokens", "maximum number of tokens", "exceeds the maximum", "reduce the length", "token limit",
    ];

    private static readonly string[] ContentPolicyPhrases =
    [
        "content management policy", "content_policy", "content policy", "content filter", "content_filter", "safety system", "responsibleaipolicyviolation",
    ];

    /// <summary>Classifies a failure.</summary>
    /// <param name="status">The HTTP status, or <see langword="null"/> for errors inside a 200 stream.</param>
    /// <param name="errorType">The provider's error type (e.g. <c>overloaded_error</c>).</param>
    /// <param name="errorCode">The provider's error code (e.g. <c>insufficient_quota</c>).</param>
    /// <param name="message">The provider's message.</param>
    public static LlmErrorKind Classify(HttpStatusCode? status, string? errorType, string? errorCode, string? message)
    {
        var kind = status is { } s ? FromStatus((int)s) : LlmErrorKind.Unknown;
        var byCode = FromCode(errorCode) ?? FromCode(errorType);
        switch (kind)
        {
            case LlmErrorKind.BadRequest:
            case LlmErrorKind.UnprocessableEntity:
                return byCode is LlmErrorKind.ContextWindowExceeded or LlmErrorKind.ContentPolicyViolation or LlmErrorKind.UnsupportedParams or LlmErrorKind.Authentication
                    ? byCode.Value
                    : FromMessage(message) ?? kind;
            case LlmErrorKind.RateLimit:
                return byCode == LlmErrorKind.QuotaExceeded ? LlmErrorKind.QuotaExceeded : kind;
            case LlmErrorKind.InternalServer:
            case LlmErrorKind.ServiceUnavailable:
                return byCode == LlmErrorKind.Overloaded ? LlmErrorKind.Overloaded : kind;
            case LlmErrorKind.Unknown:
                if (byCode is LlmErrorKind.BadRequest) return FromMessage(message) ?? LlmErrorKind.BadRequest;
                return byCode ?? FromMessage(message) ?? LlmErrorKind.Unknown;
            default:
                return kind;
        }
    }

    private static LlmErrorKind FromStatus(int status) => status switch
    {
        400 or 413 => LlmErrorKind.BadRequest,
        401 => LlmErrorKind.Authentication,
        403 => LlmErrorKind.PermissionDenied,
        404 => LlmErrorKind.NotFound,
        408 or 504 => LlmErrorKind.Timeout,
        424 => LlmErrorKind.InternalServer, // Bedrock ModelErrorException: the model failed while processing
        409 => LlmErrorKind.Conflict,
        422 => LlmErrorKind.UnprocessableEntity,
        429 => LlmErrorKind.RateLimit,
        503 => LlmErrorKind.ServiceUnavailable,
        529 => LlmErrorKind.Overloaded,
        >= 500 and <= 599 => LlmErrorKind.InternalServer,
        >= 400 and <= 499 => LlmErrorKind.BadRequest,
        _ => LlmErrorKind.Unknown,
    };

    private static LlmErrorKind? FromCode(string? code) => code?.ToLowerInvariant() switch
    {
        null or "" => null,
        "context_length_exceeded" or "string_above_max_length" or "model_context_window_exceeded" => LlmErrorKind.ContextWindowExceeded,
        "content_filter" or "content_policy_violation" or "responsibleaipolicyviolation" or "safety" => LlmErrorKind.ContentPolicyViolation,
        "unsupported_parameter" or "unsupported_value" => LlmErrorKind.UnsupportedParams,
        "insufficient_quota" or "billing_hard_limit_reached" or "billing_not_active" or "quota_exceeded" => LlmErrorKind.QuotaExceeded,
        "rate_limit_error" or "rate_limit_exceeded" or "rate_limited" or "resource_exhausted" or "throttlingexception" or "tokens" or "requests" => LlmErrorKind.RateLimit,
        "overloaded_error" or "overloaded" => LlmErrorKind.Overloaded,
        "api_error" or "internal_error" or "internal" or "server_error" or "internalserverexception" or "modelerrorexception" or "modelstreamerrorexception" => LlmErrorKind.InternalServer,
        "authentication_error" or "invalid_api_key" or "unauthenticated" or "api_key_invalid" => LlmErrorKind.Authentication,
        "permission_error" or "permission_denied" or "accessdeniedexception" => LlmErrorKind.PermissionDenied,
        "not_found_error" or "model_not_found" or "not_found" or "deploymentnotfound" or "resourcenotfoundexception" => LlmErrorKind.NotFound,
        "timeout_error" or "deadline_exceeded" or "modeltimeoutexception" => LlmErrorKind.Timeout,
        "service_unavailable" or "unavailable" or "serviceunavailableexception" => LlmErrorKind.ServiceUnavailable,
        "invalid_request_error" or "invalid_argument" or "failed_precondition" or "out_of_range" or "validationexception" or "request_too_large" => LlmErrorKind.BadRequest,
        _ => null,
    };

    private static LlmErrorKind? FromMessage(string? message)
    {
        if (string.IsNullOrEmpty(message)) return null;
        foreach (var p in ContextWindowPhrases)
            if (message.Contains(p, StringComparison.OrdinalIgnoreCase)) return LlmErrorKind.ContextWindowExceeded;
        foreach (var p in ContentPolicyPhrases)
            if (message.Contains(p, StringComparison.OrdinalIgnoreCase)) return LlmErrorKind.ContentPolicyViolation;
        return null;
    }
}
