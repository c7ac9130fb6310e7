namespace KapMonitor.Devices.Protocols.Nonin;

/// <summary>
/// Encoders for Nonin host commands (mattjlewis/NoninPulseOx, mdpnp/mdpnp: <c>02 op len data 03</c>,
/// device answers <c>06</c> ACK or <c>15</c> NAK). ⚠ The OEM III module is output-only as far as seen.
/// </summary>
public static class NoninCommands
{
    /// <summary>Positive acknowledgement byte.</summary>
    public const byte Ack = 0x06;

    /// <summary>Negative acknowledgement byte.</summary>
    public const byte Nak = 0x15;

    /// <summary>Length of <see cref="SetDataFormat"/>'s command.</summary>
    public const int SetDataFormatLength = 6;

    /// <summary>Length of <see cref="SetDataFormatLong"/>'s command.</summary>
    public const int SetDataFormatLongLength = 8;

    private const byte Stx = 0x02;
    private const byte Etx = 0x03;
    private const byte OpSetFormat = 0x70;

    /// <summary>
    /// Short set-data-format command <c>02 70 02 02 fmt 03</c> (DF8: <c>02 70 02 02 08 03</c>).
    /// Returns the bytes written, or 0 when <paramref name="output"/> is too small.
    /// </summary>
    public static int SetDataFormat(byte format, Span<byte> output)
    {
        if (output.Length < SetDataFormatLength)
        {
            return 0;
        }

        output[0] = Stx;
        output[1] = OpSetFormat;
        output[2] = 0x02;
        output[3] = 0x02;
        output[4] = format;
        output[5] = Etx;
        return SetDataFormatLength;
    }

    /// <summary>
    /// Long set-data-format command <c>02 70 04 02 fmt opt chk 03</c>, chk = (0x70+0x04+0x02+fmt+opt)&amp;0xFF;
    /// opt = 0x01 | 0x40 (spot-check) | 0x20 (Bluetooth on at power-up). DF7 with 0x21 → <c>02 70 04 02 07 21 9E 03</c>.
    /// Returns the bytes written, or 0 when <paramref name="output"/> is too small.
    /// </summary>
    public static int SetDataFormatLong(byte format, byte option, Span<byte> output)
    {
        if (output.Length < SetDataFormatLongLength)
        {
            return 0;
        }

        output[0] = Stx;
        output[1] = OpSetFormat;
        output[2] = 0x04;
        output[3] = 0x02;
        output[4] = format;
        output[5] = option;
        output[6] = (byte)(OpSetFormat + 0x04 + 0x02 + format + option);
        output[7] = Etx;
        return SetDataFormatLongLength;
    }
}
