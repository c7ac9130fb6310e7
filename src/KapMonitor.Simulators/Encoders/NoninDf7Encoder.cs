using KapMonitor.Simulators.Behaviour;

namespace KapMonitor.Simulators.Encoders;

/// <summary>
/// Nonin data format #7 (mdpnp/mdpnp Packet.java): 5-byte frames <c>STATUS PLETH-MSB PLETH-LSB VALUE CHK</c> with a
/// 16-bit pleth, SYNC on the first of 25 frames, CHK = sum of bytes 1-4 mod 256; same value table as #2.
/// </summary>
public static class NoninDf7Encoder
{
    /// <summary>Bytes per frame.</summary>
    public const int FrameSize = 5;

    /// <summary>Writes frame <paramref name="frameIndex"/> (0..24) of a packet; returns 5.</summary>
    public static int WriteFrame(Span<byte> destination, int frameIndex, in OximeterReading reading, ushort pleth, long timerSeconds)
    {
        destination[0] = (byte)(NoninPacketValues.Status(reading.Status, reading.HasValues) | (frameIndex == 0 ? 0x01 : 0x00));
        destination[1] = (byte)(pleth >> 8);
        destination[2] = (byte)pleth;
        destination[3] = NoninPacketValues.ValueFor(frameIndex, reading, timerSeconds);
        destination[4] = (byte)(destination[0] + destination[1] + destination[2] + destination[3]);
        return FrameSize;
    }
}
