using KapMonitor.Simulators.Behaviour;

namespace KapMonitor.Simulators.Encoders;

/// <summary>
/// The 25-frame packet shared by Nonin data formats #2 and #7: byte 4 of frame n carries entry n of
/// this table (mattjlewis/NoninPulseOx, mdpnp/mdpnp, pufferfish-software). HR is 9 bits split as MSB (bits 8..7) and a
/// 7-bit LSB; missing values use the DF13 sentinels (HR 0x1FF, SpO2 0x7F).
/// </summary>
public static class NoninPacketValues
{
    /// <summary>Frames per packet.</summary>
    public const int FramesPerPacket = 25;

    /// <summary>Missing heart rate.</summary>
    public const int MissingHeartRate = 0x1FF;

    /// <summary>Missing SpO2.</summary>
    public const int MissingSpo2 = 0x7F;

    /// <summary>Firmware revision byte we report (arbitrary, 7-bit).</summary>
    public const byte FirmwareRevision = 0x2A;

    /// <summary>Byte 4 of frame <paramref name="frameIndex"/> (0-based) for <paramref name="reading"/>.</summary>
    /// <param name="frameIndex">0..24.</param>
    /// <param name="reading">Values to carry.</param>
    /// <param name="timerSeconds">Device's running timer, seconds.</param>
    public static byte ValueFor(int frameIndex, in OximeterReading reading, long timerSeconds)
    {
        var hr = reading.PulseRate is { } p ? Math.Clamp(p, 0, 0x1FE) : MissingHeartRate;
        var spo2 = reading.Spo2 is { } s ? Math.Clamp(s, 0, 100) : MissingSpo2;
        var timer = (int)(timerSeconds & 0x3FFF);
        return frameIndex switch
        {
            0 or 13 or 19 or 21 => (byte)((hr >> 7) & 0x03),      // HR, E-HR, HR-D, E-HR-D MSB
            1 or 14 or 20 or 22 => (byte)(hr & 0x7F),             // ... LSB
            2 or 8 or 9 or 10 or 15 or 16 => (byte)spo2,          // SpO2, -D, fast, beat-to-beat, E-SpO2, E-SpO2-D
            3 => FirmwareRevision,
            5 => (byte)((timer >> 7) & 0x7F),
            6 => (byte)(timer & 0x7F),
            7 => 0,                                               // STAT2: no SmartPoint, battery fine
            _ => 0,                                               // reserved
        };
    }

    /// <summary>
    /// STATUS byte of a DF2/DF7 frame (bit 7 always set; SYNC added by the caller):
    /// SNSD 0x40, ARTF 0x20, OOT 0x10, SNSA 0x08, RPRF 0x04, GPRF 0x02 (both = yellow).
    /// </summary>
    public static byte Status(OximeterStatus status, bool hasValues)
    {
        var b = 0x80;
        if ((status & OximeterStatus.ProbeOff) != 0)
        {
            b |= 0x40;
        }

        if ((status & OximeterStatus.SensorDisconnected) != 0)
        {
            b |= 0x40 | 0x08;
        }

        if ((status & OximeterStatus.Artifact) != 0)
        {
            b |= 0x20;
        }

        if ((status & OximeterStatus.Searching) != 0)
        {
            b |= 0x10;
        }

        if (hasValues)
        {
            // Perfusion colour: red when low, green otherwise.
            b |= (status & OximeterStatus.LowPerfusion) != 0 ? 0x04 : 0x02;
        }

        return (byte)b;
    }
}
