namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>The errors characteristic parsers report; details are constants so failures allocate nothing.</summary>
internal static class GattParse
{
    public static bool Truncated(ReadOnlySpan<byte> value, string detail, out ProtocolError error)
    {
        error = new ProtocolError(ProtocolErrorKind.Truncated, value.Length, detail);
        return false;
    }

    public static bool Malformed(ReadOnlySpan<byte> value, string detail, out ProtocolError error)
    {
        error = new ProtocolError(ProtocolErrorKind.Malformed, value.Length, detail);
        return false;
    }

    public static bool Ok(out ProtocolError error)
    {
        error = default;
        return true;
    }

    /// <summary>Reads a little-endian uint24 (PLX Device and Sensor Status).</summary>
    public static uint ReadUInt24(ReadOnlySpan<byte> source) => source[0] | ((uint)source[1] << 8) | ((uint)source[2] << 16);

    public static void WriteUInt24(Span<byte> destination, uint value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 0xFFFFFFu, nameof(value));
        destination[0] = (byte)value;
        destination[1] = (byte)(value >> 8);
        destination[2] = (byte)(value >> 16);
    }
}
