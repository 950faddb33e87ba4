namespace LlmAbstraction.Providers.Bedrock.EventStream;

/// <summary>Wire type of an event-stream header value.</summary>
public enum EventStreamHeaderType : byte
{
    /// <summary>Boolean <see langword="true"/> (no value bytes).</summary>
    BoolTrue = 0,

    /// <summary>Boolean <see langword="false"/> (no value bytes).</summary>
    BoolFalse = 1,

    /// <summary>Signed 8-bit integer.</summary>
    Byte = 2,

    /// <summary>Signed 16-bit big-endian integer.</summary>
    Int16 = 3,

    /// <summary>Signed 32-bit big-endian integer.</summary>
    Int32 = 4,

    /// <summary>Signed 64-bit big-endian integer.</summary>
    Int64 = 5,

    /// <summary>Bytes with a 16-bit length prefix.</summary>
    ByteArray = 6,

    /// <summary>UTF-8 string with a 16-bit length prefix.</summary>
    String = 7,

    /// <summary>Milliseconds since the Unix epoch, signed 64-bit big-endian.</summary>
    Timestamp = 8,

    /// <summary>16-byte UUID.</summary>
    Uuid = 9,
}
