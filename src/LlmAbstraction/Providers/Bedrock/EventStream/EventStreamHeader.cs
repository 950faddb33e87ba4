namespace LlmAbstraction.Providers.Bedrock.EventStream;

/// <summary>One header of an event-stream message: a name and a typed value.</summary>
public readonly struct EventStreamHeader
{
    private readonly long _number;
    private readonly object? _reference;

    internal EventStreamHeader(string name, EventStreamHeaderType type, long number, object? reference)
    {
        (Name, Type, _number, _reference) = (name, type, number, reference);
    }

    /// <summary>Gets the header name, for example <c>:event-type</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the wire type of the value.</summary>
    public EventStreamHeaderType Type { get; }

    /// <summary>Gets the value boxed: <see cref="bool"/>, <see cref="sbyte"/>, <see cref="short"/>, <see cref="int"/>,
    /// <see cref="long"/>, <see cref="T:byte[]"/>, <see cref="string"/>, <see cref="DateTimeOffset"/> or <see cref="Guid"/>.</summary>
    public object Value => Type switch
    {
        EventStreamHeaderType.BoolTrue or EventStreamHeaderType.BoolFalse => AsBoolean(),
        EventStreamHeaderType.Byte => (sbyte)_number,
        EventStreamHeaderType.Int16 => (short)_number,
        EventStreamHeaderType.Int32 => (int)_number,
        EventStreamHeaderType.Int64 => _number,
        EventStreamHeaderType.Timestamp => AsTimestamp(),
        _ => _reference!,
    };

    /// <summary>Returns a boolean value.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The header is not a boolean.</exception>
    public bool AsBoolean() => Type switch
    {
        EventStreamHeaderType.BoolTrue => true,
        EventStreamHeaderType.BoolFalse => false,
        _ => throw Mismatch("boolean"),
    };

    /// <summary>Returns a byte, 16/32/64-bit integer or timestamp (milliseconds) value widened to <see cref="long"/>.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The header is not an integer.</exception>
    public long AsInt64() => Type is >= EventStreamHeaderType.Byte and <= EventStreamHeaderType.Int64 or EventStreamHeaderType.Timestamp
        ? _number
        : throw Mismatch("integer");

    /// <summary>Returns a string value.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The header is not a string.</exception>
    public string AsString() => Type == EventStreamHeaderType.String ? (string)_reference! : throw Mismatch("string");

    /// <summary>Returns a byte-array value.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The header is not a byte array.</exception>
    public ReadOnlyMemory<byte> AsBytes() => Type == EventStreamHeaderType.ByteArray ? (byte[])_reference! : throw Mismatch("byte array");

    /// <summary>Returns a timestamp value.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The header is not a timestamp.</exception>
    public DateTimeOffset AsTimestamp() => Type == EventStreamHeaderType.Timestamp
        ? DateTimeOffset.FromUnixTimeMilliseconds(_number)
        : throw Mismatch("timestamp");

    /// <summary>Returns a UUID value (bytes read in network order).</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The header is not a UUID.</exception>
    public Guid AsGuid() => Type == EventStreamHeaderType.Uuid ? (Guid)_reference! : throw Mismatch("UUID");

    /// <summary>Returns <c>name: value</c>.</summary>
    /// <returns>A description.</returns>
    public override string ToString() => $"{Name}: {(Value is byte[] bytes ? Convert.ToBase64String(bytes) : Value)}";

    private InvalidOperationException Mismatch(string expected) =>
        new($"Event-stream header '{Name}' is of type {Type}, not {expected}.");
}
