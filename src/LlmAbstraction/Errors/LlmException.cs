using System.Net;

namespace LlmAbstraction;

/// <summary>
/// The base of every error the library raises: carries the provider, model, HTTP status, the
/// provider's error type and code, the raw body, whether a retry can succeed, and how long to wait.
/// </summary>
/// <remarks>Messages and bodies never contain the API key used for the call: it is redacted before the exception is built.</remarks>
public class LlmException : Exception
{
    /// <summary>Creates an error from its details.</summary>
    public LlmException(string message, LlmErrorDetails? details = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Details = details ?? new LlmErrorDetails();
    }

    /// <summary>The error's kind.</summary>
    public virtual LlmErrorKind Kind => LlmErrorKind.Unknown;

    /// <summary>The structured details.</summary>
    public LlmErrorDetails Details { get; }

    /// <summary>The provider (registry name) that raised the error, when known.</summary>
    public string? Provider => Details.Provider;

    /// <summary>The model the failing call asked for.</summary>
    public string? Model => Details.Model;

    /// <summary>The HTTP status, when the error came from an HTTP answer.</summary>
    public HttpStatusCode? StatusCode => Details.StatusCode;

    /// <summary>The provider's error type (e.g. <c>invalid_request_error</c>).</summary>
    public string? ErrorType => Details.ErrorType;

    /// <summary>The provider's error code (e.g. <c>context_length_exceeded</c>).</summary>
    public string? ErrorCode => Details.ErrorCode;

    /// <summary>The provider's raw error body (redacted), for diagnostics.</summary>
    public string? RawBody => Details.RawBody;

    /// <summary>How long the provider asked us to wait before retrying, when it said.</summary>
    public TimeSpan? RetryAfter => Details.RetryAfter;

    /// <summary>The provider's request id, when it sent one.</summary>
    public string? ProviderRequestId => Details.ProviderRequestId;

    /// <summary>Whether retrying the same request can succeed.</summary>
    public virtual bool IsRetryable => false;

    /// <summary>Earlier attempts of the same logical call (retries and fallbacks) that failed before this one.</summary>
    public IList<AttemptRecord> Attempts { get; } = new List<AttemptRecord>();

    /// <summary>For a stream that failed after delivering chunks: what was produced so far (text, tool calls, usage).</summary>
    public ChatCompletionResponse? PartialResponse { get; set; }

    /// <summary>Earlier failures of the same logical call, oldest first.</summary>
    public IList<LlmException> PreviousErrors { get; } = new List<LlmException>();
}

/// <summary>The structured details of an <see cref="LlmException"/>.</summary>
public sealed record LlmErrorDetails
{
    /// <summary>The provider (registry name).</summary>
    public string? Provider { get; init; }
    /// <summary>The model requested.</summary>
    public string? Model { get; init; }
    /// <summary>The HTTP status.</summary>
    public HttpStatusCode? StatusCode { get; init; }
    /// <summary>The provider's error type.</summary>
    public string? ErrorType { get; init; }
    /// <summary>The provider's error code.</summary>
    public string? ErrorCode { get; init; }
    /// <summary>The provider's error message (redacted).</summary>
    public string? ProviderMessage { get; init; }
    /// <summary>The raw body (redacted).</summary>
    public string? RawBody { get; init; }
    /// <summary>Requested wait before a retry.</summary>
    public TimeSpan? RetryAfter { get; init; }
    /// <summary>The provider's request id.</summary>
    public string? ProviderRequestId { get; init; }
    /// <summary>The provider said explicitly whether to retry (e.g. <c>x-should-retry</c>).</summary>
    public bool? ShouldRetryHint { get; init; }
}
