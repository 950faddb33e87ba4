namespace LlmAbstraction.Providers.Bedrock.EventStream;

/// <summary>
/// Thrown when an <c>application/vnd.amazon.eventstream</c> body is malformed: a checksum mismatch, an impossible or
/// oversized length, an invalid header, or a stream that ends in the middle of a message.
/// </summary>
/// <remarks>
/// It is an <see cref="ApiConnectionException"/> (error code <see cref="ErrorCodeValue"/>): a corrupt or cut-short
/// response body is a transport failure, so callers catching <see cref="LlmException"/> see it, the pipeline treats it
/// as retryable like any broken connection, and a fresh request can succeed. The Bedrock adapter re-raises it with the
/// provider and model filled in.
/// </remarks>
public sealed class EventStreamFormatException : ApiConnectionException
{
    /// <summary>The <see cref="LlmException.ErrorCode"/> of every event-stream format error.</summary>
    public const string ErrorCodeValue = "invalid_eventstream";

    /// <summary>Creates the exception.</summary>
    public EventStreamFormatException()
        : this("The event-stream body is malformed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong, including the byte offset of the message in the stream.</param>
    public EventStreamFormatException(string message)
        : base(message, new LlmErrorDetails { ErrorCode = ErrorCodeValue })
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public EventStreamFormatException(string message, Exception innerException)
        : base(message, new LlmErrorDetails { ErrorCode = ErrorCodeValue }, innerException)
    {
    }

    /// <summary>Creates the exception with error details (provider, model) and the original decoding error.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="details">The details; <see cref="LlmErrorDetails.ErrorCode"/> is set to <see cref="ErrorCodeValue"/>.</param>
    /// <param name="innerException">The cause.</param>
    public EventStreamFormatException(string message, LlmErrorDetails details, Exception? innerException)
        : base(message, (details ?? throw new ArgumentNullException(nameof(details))) with { ErrorCode = ErrorCodeValue }, innerException)
    {
    }
}
