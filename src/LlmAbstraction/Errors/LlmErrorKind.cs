namespace LlmAbstraction;

/// <summary>
/// The error taxonomy, mirroring LiteLLM's exception classes. Low-cardinality: used as
/// <c>error.type</c> in telemetry and to decide retries and fallbacks.
/// </summary>
public enum LlmErrorKind
{
    /// <summary>An error the classifier could not place.</summary>
    Unknown = 0,
    /// <summary>400: the request is invalid.</summary>
    BadRequest,
    /// <summary>400: the prompt does not fit the model's context window.</summary>
    ContextWindowExceeded,
    /// <summary>400: the provider's safety system refused the input or output.</summary>
    ContentPolicyViolation,
    /// <summary>400: a parameter the provider cannot honour.</summary>
    UnsupportedParams,
    /// <summary>401: the key is missing or wrong.</summary>
    Authentication,
    /// <summary>403: the key may not do this.</summary>
    PermissionDenied,
    /// <summary>404: unknown model, deployment or endpoint.</summary>
    NotFound,
    /// <summary>408 or a local timeout.</summary>
    Timeout,
    /// <summary>409: a conflicting concurrent request (retryable).</summary>
    Conflict,
    /// <summary>422: the provider could not process the entity.</summary>
    UnprocessableEntity,
    /// <summary>429: too many requests or tokens.</summary>
    RateLimit,
    /// <summary>429 that no retry can fix: the account's quota or credit is exhausted.</summary>
    QuotaExceeded,
    /// <summary>500 and other 5xx server faults.</summary>
    InternalServer,
    /// <summary>529 / overloaded_error: the provider is overloaded.</summary>
    Overloaded,
    /// <summary>503: the service is unavailable.</summary>
    ServiceUnavailable,
    /// <summary>The connection failed, was reset, or a stream was cut short.</summary>
    ApiConnection,
    /// <summary>A budget would be exceeded; the call was not sent.</summary>
    BudgetExceeded,
    /// <summary>Every deployment of a router group is cooling down.</summary>
    NoDeploymentAvailable,
}
