using KapMonitor.Simulators.Behaviour;

namespace KapMonitor.Simulators.Encoders;

/// <summary>
/// Contec CMS50D+ legacy live packet (atbrask/CMS50Dplus, fw ≤ 4.5): 5 bytes, bit 7 set only in byte 1.
/// B1: 0x80 | beep 0x40 | SpO2 dropping 0x20 | finger out 0x10 | signal strength;
/// B2: pleth (7 bits); B3: PR bit 7 → 0x40 | searching 0x20 | probe error 0x10 | bar graph;
/// B4: PR bits 6..0; B5: SpO2. No data reads as zeros (the "finger out" vector <c>90 00 00 00 00</c>).
/// </summary>
public static class ContecLegacyEncoder
{
    /// <summary>Bytes per packet.</summary>
    public const int PacketSize = 5;

    /// <summary>Packets per second.</summary>
    public const int PacketsPerSecond = 60;

    /// <summary>Writes one packet; returns 5.</summary>
    public static int Write(Span<byte> destination, in OximeterReading reading, byte pleth, bool beat)
    {
        var st = reading.Status;
        var fingerOut = (st & (OximeterStatus.ProbeOff | OximeterStatus.SensorDisconnected)) != 0;
        var searching = (st & OximeterStatus.Searching) != 0;
        var pr = reading.PulseRate is { } p ? Math.Clamp(p, 0, 255) : 0;
        var spo2 = reading.Spo2 is { } s ? Math.Clamp(s, 0, 100) : 0;
        var strength = reading.HasValues ? ((st & OximeterStatus.LowPerfusion) != 0 ? 2 : 8) : 0;
        var bar = reading.HasValues ? pleth >> 4 : 0;

        destination[0] = (byte)(0x80 | (beat && reading.HasValues ? 0x40 : 0) | (fingerOut ? 0x10 : 0) | strength);
        destination[1] = (byte)(reading.HasValues ? pleth & 0x7F : 0);
        destination[2] = (byte)(((pr >> 7) & 0x01) << 6 | (searching ? 0x20 : 0) | ((st & OximeterStatus.SensorDisconnected) != 0 ? 0x10 : 0) | bar);
        destination[3] = (byte)(pr & 0x7F);
        destination[4] = (byte)(spo2 & 0x7F);
        return PacketSize;
    }
}
