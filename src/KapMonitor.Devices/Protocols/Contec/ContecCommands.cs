namespace KapMonitor.Devices.Protocols.Contec;

/// <summary>
/// Host commands of the Contec "Communication Protocol V7.0" (timegrid/CMS50Dplus7, tobac/cms50ew): packet type
/// 0x7D, a hi byte holding the MSB of each data byte, then 7 data bytes with bit7 forced to 1.
/// </summary>
public static class ContecCommands
{
    /// <summary>Encoded length of every command.</summary>
    public const int Length = 9;

    /// <summary>Start real-time streaming.</summary>
    public const byte StartRealtime = 0xA1;

    /// <summary>Stop real-time streaming.</summary>
    public const byte StopRealtime = 0xA2;

    /// <summary>Keep-alive, due at most every 5 s while streaming.</summary>
    public const byte KeepAlive = 0xAF;

    /// <summary>
    /// Encodes command <paramref name="command"/> with no parameters: start realtime → <c>7D 81 A1 80 80 80 80 80 80</c>.
    /// Returns 9, or 0 when <paramref name="output"/> is too small.
    /// </summary>
    public static int Encode(byte command, Span<byte> output)
    {
        if (output.Length < Length)
        {
            return 0;
        }

        output[0] = 0x7D;
        output[1] = (byte)(0x80 | (command >> 7));
        output[2] = (byte)(command | 0x80);
        output[3..Length].Fill(0x80);
        return Length;
    }
}
