namespace LlmAbstraction;

/// <summary>The request is invalid (HTTP 400). Not retryable.</summary>
public class BadRequestException : LlmException
{
    /// <summary>Creates the error.</summary>
    public BadRequestException(string message, LlmErrorDetails? details = null, Exception? innerException = null) : base(message, details, innerException) { }

    /// <inheritdoc/>
    public override LlmErrorKind Kind => LlmErrorKind.BadRequest;

    /// <inheritdoc/>
    public override bool IsRetryable => false;
}

/// <summary>The prompt does not fit the model's context window. Not retryable; eligible for context-window fallbacks.</summary>
public class ContextWindowExceededException : BadRequestException
{
    /// <summary>Creates the error.</summary>
    public ContextWindowExceededException(string message, LlmErrorDetails? details = null, Exception? innerException = null) : base(message, details, innerException) { }

    /// <inheritdoc/>
    public override LlmErrorKind Kind => LlmErrorKind.ContextWindowExceeded;

    /// <inheritdoc/>
    public override bool IsRetryable => false;
}

/// <summary>The provider's safety system refused the input or output. Not retryable; eligible for content-policy fallbacks.</summary>
public class ContentPolicyViolationException : BadRequestException
{
    /// <summary>Creates the error.</summary>
    public ContentPolicyViolationException(string message, LlmErrorDetails? details = null, Exception? innerException = null) : base(message, details, innerException) { }

    /// <inheritdoc/>
    public override LlmErrorKind Kind => LlmErrorKind.ContentPolicyViolation;

    /// <inheritdoc/>
    public override bool IsRetryable => false;
}

/// <summary>A parameter the provider cannot honour (set DropParams to drop it with a warning instead).</summary>
public class UnsupportedParamsException : BadRequestException
{
    /// <summary>Creates the error.</summary>
    public UnsupportedParamsException(string message, LlmErrorDetails? details = null, Exception? innerException = null) : base(message, details, innerException) { }

    /// <inheritdoc/>
    public override LlmErrorKind Kind => LlmErrorKind.UnsupportedParams;

    /// <inheritdoc/>
    public override bool IsRetryable => false;
}

/// <summary>The provider could not process the request (HTTP 422). Not retryable.</summary>
public class UnprocessableEntityException : BadRequestException
{
    /// <summary>Creates the error.</summary>
    public UnprocessableEntityException(string message, LlmErrorDetails? details = null, Exception? innerException = null) : base(message, details, innerException) { }

    /// <inheritdoc/>
    public override LlmErrorKind Kind => LlmErrorKind.UnprocessableEntity;

    /// <inheritdoc/>
    public override bool IsRetryable => false;
}

/// <summary>The API key is missing or invalid (HTTP 401). Never retried, never a fallback trigger.</summary>
public class AuthenticationException : LlmException
{
    /// <summary>Creates the error.</summary>
    public AuthenticationException(string message, LlmErrorDetails? details = null, Exception? innerException = null) : base(message, details, innerException) { }

    /// <inheritdoc/>
    public override LlmErrorKind Kind => LlmErrorKind.Authentication;

    /// <inheritdoc/>
    public override bool IsRetryable => false;
}

/// <summary>The key may not perform this call (HTTP 403).</summary>
public class PermissionDeniedException : LlmException
{
    /// <summary>Creates the error.</summary>
    public PermissionDeniedException(string message, LlmErrorDetails? details = null, Exception? innerException = null) : base(message, details, innerException) { }

    /// <inheritdoc/>
    public override LlmErrorKind Kind => LlmErrorKind.PermissionDenied;

    /// <inheritdoc/>
    public override bool IsRetryable => false;
}

/// <summary>Unknown model, deployment or endpoint (HTTP 404).</summary>
public class NotFoundException : LlmException
{
    /// <summary>Creates the error.</summary>
    public NotFoundException(string message, LlmErrorDetails? details = null, Exception? innerException = null) : base(message, details, innerException) { }

    /// <inheritdoc/>
    public override LlmErrorKind Kind => LlmErrorKind.NotFound;

    /// <inheritdoc/>
    public override bool IsRetryable => false;
}

/// <summary>The provider or the local timeout expired (HTTP 408 or a deadline). Retryable.</summary>
public class LlmTimeoutException : LlmException
{
    /// <summary>Creates the error.</summary>
    public LlmTimeoutException(string message, LlmErrorDetails? details = null, Exception? innerException = null) : base(message, details, innerException) { }

    /// <inheritdoc/>
    public override LlmErrorKind Kind => LlmErrorKind.Timeout;

    /// <inheritdoc/>
    public override bool IsRetryable => Details.ShouldRetryHint != false;
}

/// <summary>A conflicting concurrent request (HTTP 409). Retryable.</summary>
public class ConflictException : LlmException
{
    /// <summary>Creates the error.</summary>
    public ConflictException(string message, LlmErrorDetails? details = null, Exception? innerException = null) : base(message, details, innerException) { }

    /// <inheritdoc/>
    public override LlmErrorKind Kind => LlmErrorKind.Conflict;

    /// <inheritdoc/>
    public override bool IsRetryable => Details.ShouldRetryHint != false;
}

/// <summary>Too many requests or tokens (HTTP 429). Retryable after RetryAfter.</summary>
public class RateLimitException : LlmException
{
    /// <summary>Creates the error.</summary>
    public RateLimitException(string message, LlmErrorDetails? details = null, Exception? innerException = null) : base(message, details, innerException) { }

    /// <inheritdoc/>
    public override LlmErrorKind Kind => LlmErrorKind.RateLimit;

    /// <inheritdoc/>
    public override bool IsRetryable => Details.ShouldRetryHint != false;
}

/// <summary>The account's quota or credit is exhausted (HTTP 429 insufficient_quota). Not retryable.</summary>
public class QuotaExceededException : RateLimitException
{
    /// <summary>Creates the error.</summary>
    public QuotaExceededException(string message, LlmErrorDetails? details = null, Exception? innerException = null) : base(message, details, innerException) { }

    /// <inheritdoc/>
    public override LlmErrorKind Kind => LlmErrorKind.QuotaExceeded;

    /// <inheritdoc/>
    public override bool IsRetryable => false;
}

/// <summary>The provider failed (HTTP 500 or another 5xx). Retryable.</summary>
public class InternalServerException : LlmException
{
    /// <summary>Creates the error.</summary>
    public InternalServerException(string message, LlmErrorDetails? details = null, Exception? innerException = null) : base(message, details, innerException) { }

    /// <inheritdoc/>
    public override LlmErrorKind Kind => LlmErrorKind.InternalServer;

    /// <inheritdoc/>
    public override bool IsRetryable => Details.ShouldRetryHint != false;
}

/// <summary>The provider is overloaded (HTTP 529, overloaded_error). Retryable.</summary>
public class OverloadedException : InternalServerException
{
    /// <summary>Creates the error.</summary>
    public OverloadedException(string message, LlmErrorDetails? details = null, Exception? innerException = null) : base(message, details, innerException) { }

    /// <inheritdoc/>
    public override LlmErrorKind Kind => LlmErrorKind.Overloaded;

    /// <inheritdoc/>
    public override bool IsRetryable => Details.ShouldRetryHint != false;
}

/// <summary>The service is unavailable (HTTP 503). Retryable.</summary>
public class ServiceUnavailableException : LlmException
{
    /// <summary>Creates the error.</summary>
    public ServiceUnavailableException(string message, LlmErrorDetails? details = null, Exception? innerException = null) : base(message, details, innerException) { }

    /// <inheritdoc/>
    public override LlmErrorKind Kind => LlmErrorKind.ServiceUnavailable;

    /// <inheritdoc/>
    public override bool IsRetryable => Details.ShouldRetryHint != false;
}

/// <summary>The connection failed or was reset, or the response was cut short. Retryable.</summary>
public class ApiConnectionException : LlmException
{
    /// <summary>Creates the error.</summary>
    public ApiConnectionException(string message, LlmErrorDetails? details = null, Exception? innerException = null) : base(message, details, innerException) { }

    /// <inheritdoc/>
    public override LlmErrorKind Kind => LlmErrorKind.ApiConnection;

    /// <inheritdoc/>
    public override bool IsRetryable => Details.ShouldRetryHint != false;
}

/// <summary>A budget would be exceeded; the call was not sent. <see cref="Budget"/> says which budget and by how much.</summary>
public class BudgetExceededException : LlmException
{
    /// <summary>Creates the error.</summary>
    public BudgetExceededException(string message, LlmErrorDetails? details = null, Exception? innerException = null) : base(message, details, innerException) { }

    /// <summary>Creates the error for the budget that refused the call.</summary>
    public BudgetExceededException(string message, Budgets.BudgetExceededDetails budget, LlmErrorDetails? details = null, Exception? innerException = null)
        : base(message, details, innerException) => Budget = budget ?? throw new ArgumentNullException(nameof(budget));

    /// <summary>The budget that refused the call (subject, spent, limit, period end), when known.</summary>
    public Budgets.BudgetExceededDetails? Budget { get; }

    /// <inheritdoc/>
    public override LlmErrorKind Kind => LlmErrorKind.BudgetExceeded;

    /// <inheritdoc/>
    public override bool IsRetryable => false;
}

/// <summary>Every deployment of a router group is cooling down or filtered out.</summary>
public class NoDeploymentAvailableException : LlmException
{
    /// <summary>Creates the error.</summary>
    public NoDeploymentAvailableException(string message, LlmErrorDetails? details = null, Exception? innerException = null) : base(message, details, innerException) { }

    /// <inheritdoc/>
    public override LlmErrorKind Kind => LlmErrorKind.NoDeploymentAvailable;

    /// <inheritdoc/>
    public override bool IsRetryable => false;
}
