namespace LlmAbstraction;

/// <summary>Builds the typed exception for an error kind.</summary>
public static class LlmErrors
{
    /// <summary>Creates the exception class that matches <paramref name="kind"/>.</summary>
    public static LlmException Create(LlmErrorKind kind, string message, LlmErrorDetails? details = null, Exception? inner = null) => kind switch
    {
        LlmErrorKind.BadRequest => new BadRequestException(message, details, inner),
        LlmErrorKind.ContextWindowExceeded => new ContextWindowExceededException(message, details, inner),
        LlmErrorKind.ContentPolicyViolation => new ContentPolicyViolationException(message, details, inner),
        LlmErrorKind.UnsupportedParams => new UnsupportedParamsException(message, details, inner),
        LlmErrorKind.UnprocessableEntity => new UnprocessableEntityException(message, details, inner),
        LlmErrorKind.Authentication => new AuthenticationException(message, details, inner),
        LlmErrorKind.PermissionDenied => new PermissionDeniedException(message, details, inner),
        LlmErrorKind.NotFound => new NotFoundException(message, details, inner),
        LlmErrorKind.Timeout => new LlmTimeoutException(message, details, inner),
        LlmErrorKind.Conflict => new ConflictException(message, details, inner),
        LlmErrorKind.RateLimit => new RateLimitException(message, details, inner),
        LlmErrorKind.QuotaExceeded => new QuotaExceededException(message, details, inner),
        LlmErrorKind.InternalServer => new InternalServerException(message, details, inner),
        LlmErrorKind.Overloaded => new OverloadedException(message, details, inner),
        LlmErrorKind.ServiceUnavailable => new ServiceUnavailableException(message, details, inner),
        LlmErrorKind.ApiConnection => new ApiConnectionException(message, details, inner),
        LlmErrorKind.BudgetExceeded => new BudgetExceededException(message, details, inner),
        LlmErrorKind.NoDeploymentAvailable => new NoDeploymentAvailableException(message, details, inner),
        _ => new LlmException(message, details, inner),
    };

    /// <summary>Classifies a provider failure and builds its exception, with a message that names provider, model and status.</summary>
    public static LlmException FromProvider(LlmErrorDetails details, Exception? inner = null)
    {
        ArgumentNullException.ThrowIfNull(details);
        var kind = ErrorClassifier.Classify(details.StatusCode, details.ErrorType, details.ErrorCode, details.ProviderMessage);
        var status = details.StatusCode is { } s ? $" (HTTP {(int)s})" : "";
        var message = $"{details.Provider ?? "provider"} error{status} for model '{details.Model}': {details.ProviderMessage ?? "no message"}";
        return Create(kind, message, details, inner);
    }
}
