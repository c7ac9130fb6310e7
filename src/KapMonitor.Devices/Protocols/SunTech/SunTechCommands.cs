namespace KapMonitor.Devices.Protocols.SunTech;

/// <summary>
/// SunTech Advantage host → module packets (ak-git/DesktopFX, 519984307/Appciton): <c>3A cmd data… CHK</c>, no length
/// byte, CHK = (0x100 − Σ all preceding bytes) &amp; 0xFF so the whole packet sums to 0 mod 256.
/// The simulator uses <see cref="TryRecognise"/> to tell which command it received.
/// </summary>
public static class SunTechCommands
{
    /// <summary>Host packet start byte ':'.</summary>
    public const byte HostStart = 0x3A;

    /// <summary>Module packet start byte '&gt;'.</summary>
    public const byte ModuleStart = 0x3E;

    /// <summary>Longest command encoded here.</summary>
    public const int MaxLength = 6;

    private static ReadOnlySpan<byte> StartAdultBytes => [0x3A, 0x20, 0xA6];

    private static ReadOnlySpan<byte> GetCuffPressureBytes => [0x3A, 0x79, 0x05, 0x00, 0x48];

    private static ReadOnlySpan<byte> GetBpDataBytes => [0x3A, 0x79, 0x03, 0x00, 0x4A];

    private static ReadOnlySpan<byte> AbortBytes => [0x3A, 0x79, 0x01, 0x00, 0x4C];

    private static ReadOnlySpan<byte> ResetBytes => [0x3A, 0x8A, 0x3C];

    /// <summary>Writes <paramref name="command"/>; returns its length, or 0 when <paramref name="output"/> is too small.</summary>
    public static int Write(SunTechCommand command, Span<byte> output)
    {
        var bytes = Bytes(command);
        if (bytes.IsEmpty || output.Length < bytes.Length)
        {
            return 0;
        }

        bytes.CopyTo(output);
        return bytes.Length;
    }

    /// <summary>The exact bytes of <paramref name="command"/> (empty for <see cref="SunTechCommand.None"/>).</summary>
    public static ReadOnlySpan<byte> Bytes(SunTechCommand command) => command switch
    {
        SunTechCommand.StartMeasurement => StartAdultBytes,
        SunTechCommand.GetCuffPressure => GetCuffPressureBytes,
        SunTechCommand.GetBpData => GetBpDataBytes,
        SunTechCommand.Abort => AbortBytes,
        SunTechCommand.Reset => ResetBytes,
        _ => default,
    };

    /// <summary>Checksum making <paramref name="bytes"/> plus the checksum sum to 0 mod 256.</summary>
    public static byte Checksum(ReadOnlySpan<byte> bytes)
    {
        byte sum = 0;
        foreach (var b in bytes)
        {
            sum += b;
        }

        return (byte)(0x100 - sum);
    }

    /// <summary>
    /// Recognises a known command at the start of <paramref name="input"/>; <paramref name="length"/> is its length.
    /// Returns false (length 0) when the bytes match no known command or are incomplete.
    /// </summary>
    public static bool TryRecognise(ReadOnlySpan<byte> input, out SunTechCommand command, out int length)
    {
        for (var c = SunTechCommand.StartMeasurement; c <= SunTechCommand.Reset; c++)
        {
            var bytes = Bytes(c);
            if (input.StartsWith(bytes))
            {
                command = c;
                length = bytes.Length;
                return true;
            }
        }

        command = SunTechCommand.None;
        length = 0;
        return false;
    }

    /// <summary>Writes a module status response <c>3E 04 code CHK</c> (simulator use). Returns 4, or 0 if too small.</summary>
    public static int WriteStatusResponse(byte code, Span<byte> output)
    {
        if (output.Length < 4)
        {
            return 0;
        }

        output[0] = ModuleStart;
        output[1] = 0x04;
        output[2] = code;
        output[3] = Checksum(output[..3]);
        return 4;
    }

    /// <summary>Writes a cuff-pressure response <c>3E 05 u16-LE CHK</c> (simulator use). Returns 5, or 0 if too small.</summary>
    public static int WriteCuffPressureResponse(int mmHg, Span<byte> output)
    {
        if (output.Length < 5)
        {
            return 0;
        }

        output[0] = ModuleStart;
        output[1] = 0x05;
        output[2] = (byte)mmHg;
        output[3] = (byte)(mmHg >> 8);
        output[4] = Checksum(output[..4]);
        return 5;
    }

    /// <summary>Writes the 24-byte BP data response (simulator use). Returns 24, or 0 if too small.</summary>
    public static int WriteBpDataResponse(int systolic, int diastolic, int map, int heartRate, byte errorCode, Span<byte> output)
    {
        if (output.Length < SunTechResponse.BpDataLength)
        {
            return 0;
        }

        var p = output[..SunTechResponse.BpDataLength];
        p.Clear();
        p[0] = ModuleStart;
        p[1] = SunTechResponse.BpDataLength;
        p[2] = (byte)systolic;
        p[3] = (byte)(systolic >> 8);
        p[4] = (byte)diastolic;
        p[5] = (byte)(diastolic >> 8);
        p[16] = (byte)heartRate;
        p[18] = (byte)map;
        p[19] = (byte)(map >> 8);
        p[20] = errorCode;
        p[23] = Checksum(p[..23]);
        return SunTechResponse.BpDataLength;
    }
}
