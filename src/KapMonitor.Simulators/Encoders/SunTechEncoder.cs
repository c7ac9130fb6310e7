using System.Buffers.Binary;
using KapMonitor.Simulators.Behaviour;

namespace KapMonitor.Simulators.Encoders;

/// <summary>
/// SunTech Advantage module → host packets (ak-git/DesktopFX, 519984307/Appciton): <c>3E LEN DATA… CHK</c>, LEN counts the
/// whole packet, CHK makes the byte sum ≡ 0 mod 256.
/// </summary>
public static class SunTechEncoder
{
    /// <summary>Size of a BP data packet.</summary>
    public const int BpDataSize = 24;

    /// <summary>'O': command received.</summary>
    public const byte StatusReceived = 0x4F;

    /// <summary>'K': measurement done.</summary>
    public const byte StatusDone = 0x4B;

    /// <summary>'A': aborted.</summary>
    public const byte StatusAborted = 0x41;

    /// <summary>'B': busy.</summary>
    public const byte StatusBusy = 0x42;

    /// <summary>'N': invalid packet or parameter.</summary>
    public const byte StatusInvalid = 0x4E;

    /// <summary>'D': unrecognised command.</summary>
    public const byte StatusUnrecognized = 0x44;

    /// <summary>The module error code for a fault (Appciton's mapping only, ⚠ unconfirmed).</summary>
    public static byte ErrorCode(NibpFault fault) => fault switch
    {
        NibpFault.None => 0x00,
        NibpFault.WeakSignal => 0x01,
        NibpFault.Motion => 0x02,
        NibpFault.Timeout => 0x04,
        NibpFault.LooseCuff => 0x87,
        NibpFault.Overpressure => 0x89,
        _ => 0x90,
    };

    /// <summary>Writes a status packet <c>3E 04 code CHK</c>; returns 4.</summary>
    public static int WriteStatus(Span<byte> destination, byte code)
    {
        destination[0] = 0x3E;
        destination[1] = 0x04;
        destination[2] = code;
        destination[3] = Checksum(destination[..3]);
        return 4;
    }

    /// <summary>Writes a cuff-pressure packet <c>3E 05 lo hi CHK</c>; returns 5.</summary>
    public static int WriteCuffPressure(Span<byte> destination, int mmHg)
    {
        destination[0] = 0x3E;
        destination[1] = 0x05;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[2..], (ushort)Math.Clamp(mmHg, 0, ushort.MaxValue));
        destination[4] = Checksum(destination[..4]);
        return 5;
    }

    /// <summary>Writes the 24-byte BP data packet for <paramref name="result"/>; returns 24.</summary>
    public static int WriteBpData(Span<byte> destination, in NibpResult result)
    {
        var packet = destination[..BpDataSize];
        packet.Clear();
        packet[0] = 0x3E;
        packet[1] = BpDataSize;
        BinaryPrimitives.WriteUInt16LittleEndian(packet[2..], (ushort)result.Systolic);
        BinaryPrimitives.WriteUInt16LittleEndian(packet[4..], (ushort)result.Diastolic);
        packet[6] = (byte)Math.Clamp(result.BeatCount, 0, 255);
        packet[7] = 0;   // BP status: nothing to report
        packet[16] = (byte)Math.Clamp(result.HeartRate, 0, 255);
        BinaryPrimitives.WriteUInt16LittleEndian(packet[18..], (ushort)result.MeanArterial);
        packet[20] = ErrorCode(result.Fault);
        packet[23] = Checksum(packet[..23]);
        return BpDataSize;
    }

    /// <summary>The byte that makes the sum of <paramref name="bytes"/> plus itself ≡ 0 mod 256.</summary>
    public static byte Checksum(ReadOnlySpan<byte> bytes)
    {
        var sum = 0;
        foreach (var b in bytes)
        {
            sum += b;
        }

        return (byte)(0x100 - (sum & 0xFF));
    }
}
