using System.Buffers.Binary;
using KapMonitor.Simulators.Behaviour;

namespace KapMonitor.Simulators.Encoders;

/// <summary>
/// Nonin data format #13, spot-check record (mattjlewis/NoninPulseOx):
/// <c>00 02 TYPE(u16 BE) LEN(u16 BE) DATA[LEN] CHK 03</c>, CHK = low byte of the sum of DATA.
/// DATA (14 bytes): century, YY, MM, DD, hh, mm, ss, fraction, STATUS u16 BE, HR u16 BE, reserved, SpO2.
/// </summary>
public static class NoninDf13Encoder
{
    /// <summary>Data bytes in a minimal record.</summary>
    public const int DataLength = 14;

    /// <summary>Whole record size.</summary>
    public const int RecordSize = 6 + DataLength + 2;

    /// <summary>Packet type we send (⚠ the value is not in our sources; 0x0001 is ours).</summary>
    public const ushort PacketType = 0x0001;

    /// <summary>STATUS: no measurement.</summary>
    public const ushort StatusNoMeasurement = 0x0100;

    /// <summary>STATUS: SmartPoint-qualified value.</summary>
    public const ushort StatusSmartPoint = 0x0200;

    /// <summary>Writes one record stamped with <paramref name="deviceTime"/>; returns <see cref="RecordSize"/>.</summary>
    public static int Write(Span<byte> destination, in OximeterReading reading, DateTime deviceTime)
    {
        destination[0] = 0x00;
        destination[1] = 0x02;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], PacketType);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], DataLength);
        var data = destination.Slice(6, DataLength);
        data[0] = (byte)(deviceTime.Year / 100);
        data[1] = (byte)(deviceTime.Year % 100);
        data[2] = (byte)deviceTime.Month;
        data[3] = (byte)deviceTime.Day;
        data[4] = (byte)deviceTime.Hour;
        data[5] = (byte)deviceTime.Minute;
        data[6] = (byte)deviceTime.Second;
        data[7] = (byte)(deviceTime.Millisecond / 10);
        var status = reading.HasValues ? StatusSmartPoint : StatusNoMeasurement;
        BinaryPrimitives.WriteUInt16BigEndian(data[8..], status);
        var hr = reading.PulseRate is { } p ? (ushort)Math.Clamp(p, 0, 0x1FE) : (ushort)NoninPacketValues.MissingHeartRate;
        BinaryPrimitives.WriteUInt16BigEndian(data[10..], hr);
        data[12] = 0;
        data[13] = reading.Spo2 is { } s ? (byte)Math.Clamp(s, 0, 100) : (byte)NoninPacketValues.MissingSpo2;
        var sum = 0;
        foreach (var b in data)
        {
            sum += b;
        }

        destination[6 + DataLength] = (byte)sum;
        destination[7 + DataLength] = 0x03;
        return RecordSize;
    }
}
