namespace LlmAbstraction.Routing;

/// <summary>
/// Which failures cool a deployment down, following LiteLLM: a 429 (rate limit or quota) cools it at once for the
/// provider's Retry-After (else <c>cooldown_time</c>), as do 401/403/404, which another deployment of the group may
/// not have; these immediate cooldowns apply only in groups of two or more (cooling a lone deployment would only
/// turn the provider's answer into ours). Timeouts, 5xx and connection failures are counted, and more than
/// <c>allowed_fails</c> within the failure window cools the deployment for <c>cooldown_time</c>. Bad requests
/// (400, context window, content policy) say nothing about the deployment and are ignored.
/// </summary>
internal static class CooldownPolicy
{
    public enum Action { None, Count, CoolNow }

    public static Action Classify(LlmException error, int groupSize) => error.Kind switch
    {
        LlmErrorKind.RateLimit or LlmErrorKind.QuotaExceeded or LlmErrorKind.Authentication
            or LlmErrorKind.PermissionDenied or LlmErrorKind.NotFound => groupSize > 1 ? Action.CoolNow : Action.Count,
        LlmErrorKind.Timeout or LlmErrorKind.InternalServer or LlmErrorKind.Overloaded or LlmErrorKind.ServiceUnavailable
            or LlmErrorKind.ApiConnection or LlmErrorKind.Conflict or LlmErrorKind.Unknown => Action.Count,
        _ => Action.None,
    };

    public static TimeSpan Duration(LlmException error, RouterOptions options)
        => error.Kind is LlmErrorKind.RateLimit && error.RetryAfter is { } wait && wait > TimeSpan.Zero ? wait : options.CooldownTime;
}
