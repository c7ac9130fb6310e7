namespace KapMonitor.Mqtt.Packets;

/// <summary>
/// Variable Byte Integer (3.1.1 §2.2.3; 5.0 §1.5.5): 7 bits per byte, least significant group first,
/// bit 7 = continuation, at most four bytes (0..268,435,455).
/// </summary>
public static class MqttVarInt
{
    /// <summary>Largest encodable value.</summary>
    public const int MaxValue = 268_435_455;

    /// <summary>Number of bytes <paramref name="value"/> takes (1..4).</summary>
    public static int GetSize(int value) => value switch
    {
        < 0 or > MaxValue => throw new ArgumentOutOfRangeException(nameof(value), value, "Variable Byte Integer must be 0..268435455."),
        < 128 => 1,
        < 16_384 => 2,
        < 2_097_152 => 3,
        _ => 4,
    };

    /// <summary>Writes <paramref name="value"/> at the start of <paramref name="destination"/>; returns bytes written.</summary>
    public static int Write(Span<byte> destination, int value)
    {
        var size = GetSize(value);
        var v = (uint)value;
        for (var i = 0; i < size; i++)
        {
            var b = (byte)(v & 0x7F);
            v >>= 7;
            destination[i] = i < size - 1 ? (byte)(b | 0x80) : b;
        }

        return size;
    }

    /// <summary>
    /// Reads a Variable Byte Integer. Returns false when <paramref name="source"/> ends mid-integer; throws
    /// <see cref="MqttProtocolException"/> for a fifth byte or a non-minimal encoding ([MQTT-1.5.5-1] 5.0).
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out int value, out int consumed)
    {
        value = 0;
        consumed = 0;
        for (var i = 0; i < 4; i++)
        {
            if (i >= source.Length)
            {
                return false;
            }

            var b = source[i];
            value |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                if (b == 0 && i > 0)
                {
                    throw new MqttProtocolException("Variable Byte Integer is not minimally encoded (MQTT 1.5.5).");
                }

                consumed = i + 1;
                return true;
            }
        }

        throw new MqttProtocolException("Variable Byte Integer is longer than four bytes (MQTT 1.5.5).");
    }
}
