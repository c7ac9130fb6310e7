using KapMonitor.Simulators.Behaviour;

namespace KapMonitor.Simulators.Encoders;

/// <summary>
/// Contec "Communication Protocol V7.0" (timegrid/CMS50Dplus7, tobac/cms50ew): 9-byte packets <c>TYPE HI D0..D6</c>; TYPE has
/// bit 7 clear, HI has bit 7 set and bit i = bit 7 of data byte i; data bytes go out with bit 7 forced on.
/// Realtime (type 0x01, 60/s): D0 signal strength | 0x10 searching too long | 0x20 low SpO2 | 0x40 beep |
/// 0x80 finger out; D1 pleth | 0x80 searching; D2 bar graph | 0x10 PI valid; D3 PR (0xFF invalid);
/// D4 SpO2 (0x7F invalid); D5-D6 PI in hundredths of a percent, u16 LE (0xFFFF invalid).
/// </summary>
public static class ContecV7Encoder
{
    /// <summary>Bytes per packet.</summary>
    public const int PacketSize = 9;

    /// <summary>Realtime data packet type.</summary>
    public const byte RealtimeType = 0x01;

    /// <summary>Command packet type (host → device).</summary>
    public const byte CommandType = 0x7D;

    /// <summary>Disconnect notice packet type.</summary>
    public const byte DisconnectType = 0x0D;

    /// <summary>Packets per second in realtime mode.</summary>
    public const int PacketsPerSecond = 60;

    /// <summary>Writes a packet of <paramref name="type"/> carrying up to 7 raw data bytes (the rest are zero); returns 9.</summary>
    public static int WritePacket(Span<byte> destination, byte type, ReadOnlySpan<byte> data)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(data.Length, 7);
        destination[0] = (byte)(type & 0x7F);
        var hi = 0x80;
        for (var i = 0; i < 7; i++)
        {
            var d = i < data.Length ? data[i] : (byte)0;
            hi |= ((d >> 7) & 1) << i;
            destination[2 + i] = (byte)(d | 0x80);
        }

        destination[1] = (byte)hi;
        return PacketSize;
    }

    /// <summary>Writes one realtime packet; returns 9.</summary>
    public static int WriteRealtime(Span<byte> destination, in OximeterReading reading, byte pleth, bool beat)
    {
        var st = reading.Status;
        var fingerOut = (st & (OximeterStatus.ProbeOff | OximeterStatus.SensorDisconnected)) != 0;
        var searching = (st & OximeterStatus.Searching) != 0;
        var strength = reading.HasValues ? ((st & OximeterStatus.LowPerfusion) != 0 ? 2 : 8) : 0;
        Span<byte> d = stackalloc byte[7];
        d[0] = (byte)(strength | (beat && reading.HasValues ? 0x40 : 0) | (fingerOut ? 0x80 : 0) | (reading.Spo2 is < 90 ? 0x20 : 0));
        d[1] = (byte)((reading.HasValues ? pleth & 0x7F : 0) | (searching ? 0x80 : 0));
        var piValid = reading.PerfusionIndex is not null;
        d[2] = (byte)((reading.HasValues ? pleth >> 4 : 0) | (piValid ? 0x10 : 0));
        d[3] = reading.PulseRate is { } p ? (byte)Math.Clamp(p, 0, 254) : (byte)0xFF;
        d[4] = reading.Spo2 is { } s ? (byte)Math.Clamp(s, 0, 100) : (byte)0x7F;
        var pi = reading.PerfusionIndex is { } i ? (ushort)Math.Clamp(Math.Round(i * 100), 0, 0xFFFE) : (ushort)0xFFFF;
        d[5] = (byte)pi;
        d[6] = (byte)(pi >> 8);
        return WritePacket(destination, RealtimeType, d);
    }

    /// <summary>Restores the 7 raw data bytes of a received 9-byte packet (used to read host commands).</summary>
    public static void ReadData(ReadOnlySpan<byte> packet, Span<byte> data)
    {
        var hi = packet[1];
        for (var i = 0; i < 7; i++)
        {
            data[i] = (byte)((packet[2 + i] & 0x7F) | (((hi >> i) & 1) << 7));
        }
    }
}
