using KapMonitor.Simulators.Behaviour;

namespace KapMonitor.Simulators.Encoders;

/// <summary>
/// Nonin data format #8 (mattjlewis/NoninPulseOx): 4 bytes once a second, no checksum.
/// STATUS: 0x80 | SNSD 0x40 | OOT 0x20 | LPRF 0x10 | MPRF 0x08 | ARTF 0x04 | HR bits 8..7;
/// then HR LSB (7 bits), SpO2, STATUS2 (SNSA 0x08).
/// </summary>
public static class NoninDf8Encoder
{
    /// <summary>Bytes per record.</summary>
    public const int RecordSize = 4;

    /// <summary>Writes one record; returns 4.</summary>
    public static int Write(Span<byte> destination, in OximeterReading reading)
    {
        var hr = reading.PulseRate is { } p ? Math.Clamp(p, 0, 0x1FE) : NoninPacketValues.MissingHeartRate;
        var spo2 = reading.Spo2 is { } s ? Math.Clamp(s, 0, 100) : NoninPacketValues.MissingSpo2;
        var status = 0x80 | ((hr >> 7) & 0x03);
        var st = reading.Status;
        if ((st & (OximeterStatus.ProbeOff | OximeterStatus.SensorDisconnected)) != 0)
        {
            status |= 0x40;
        }

        if ((st & OximeterStatus.Searching) != 0)
        {
            status |= 0x20;
        }

        if ((st & OximeterStatus.LowPerfusion) != 0)
        {
            status |= 0x10;
        }

        if ((st & OximeterStatus.Artifact) != 0)
        {
            status |= 0x04;
        }

        destination[0] = (byte)status;
        destination[1] = (byte)(hr & 0x7F);
        destination[2] = (byte)spo2;
        destination[3] = (byte)((st & OximeterStatus.SensorDisconnected) != 0 ? 0x08 : 0x00);
        return RecordSize;
    }
}
