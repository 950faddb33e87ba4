namespace LlmAbstraction.Providers.Bedrock.EventStream;

/// <summary>
/// Thrown when an <c>application/vnd.amazon.eventstream</c> body is malformed: a checksum mismatch, an impossible or
/// oversized length, an invalid header, or a stream that ends in the middle of a message.
/// </summary>
public sealed class EventStreamFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EventStreamFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong, including the byte offset of the message in the stream.</param>
    public EventStreamFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public EventStreamFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
