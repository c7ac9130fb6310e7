namespace KapMonitor.Devices.Tests.Protocols.Support;

/// <summary>Builds Nonin DF2/DF7 frames and 25-frame packets from the layouts of mattjlewis/NoninPulseOx (DF2) and mdpnp/mdpnp (DF7).</summary>
public static class NoninFrames
{
    public static byte[] Df2Frame(byte status, byte pleth, byte value) =>
        [0x01, status, pleth, value, (byte)(0x01 + status + pleth + value)];

    public static byte[] Df7Frame(byte status, ushort pleth, byte value) =>
        [status, (byte)(pleth >> 8), (byte)pleth, value, (byte)(status + (pleth >> 8) + (pleth & 0xFF) + value)];

    /// <summary>Packet bytes (25 values) for HR, SpO2 and STAT2.</summary>
    public static byte[] PacketValues(int hr, int spo2, byte stat2 = 0)
    {
        var v = new byte[25];
        v[0] = (byte)((hr >> 7) & 0x03);
        v[1] = (byte)(hr & 0x7F);
        v[2] = (byte)spo2;
        v[7] = stat2;
        return v;
    }

    /// <summary>A full DF2 packet; <paramref name="status"/> has bit7 set by the caller's choice of bits (SYNC added on frame 1).</summary>
    public static byte[] Df2Packet(int hr, int spo2, byte status = 0x80, byte stat2 = 0)
    {
        var values = PacketValues(hr, spo2, stat2);
        return [.. values.SelectMany((v, i) => Df2Frame((byte)(status | (i == 0 ? 0x01 : 0x00)), (byte)(i * 3), v))];
    }

    public static byte[] Df7Packet(int hr, int spo2, byte status = 0x80, byte stat2 = 0)
    {
        var values = PacketValues(hr, spo2, stat2);
        return [.. values.SelectMany((v, i) => Df7Frame((byte)(status | (i == 0 ? 0x01 : 0x00)), (ushort)(i * 1000), v))];
    }
}
