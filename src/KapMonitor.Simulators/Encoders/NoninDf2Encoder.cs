using KapMonitor.Simulators.Behaviour;

namespace KapMonitor.Simulators.Encoders;

/// <summary>
/// Nonin data format #2 (mattjlewis/NoninPulseOx, pufferfish-software): 5-byte frames <c>01 STATUS PLETH VALUE CHK</c>, 75 frames/s,
/// 25 frames per packet, SYNC (STATUS bit 0) only on the first frame, CHK = sum of bytes 1-4 mod 256.
/// </summary>
public static class NoninDf2Encoder
{
    /// <summary>Bytes per frame.</summary>
    public const int FrameSize = 5;

    /// <summary>Frames per second.</summary>
    public const int FramesPerSecond = 75;

    /// <summary>Writes frame <paramref name="frameIndex"/> (0..24) of a packet; returns 5.</summary>
    public static int WriteFrame(Span<byte> destination, int frameIndex, in OximeterReading reading, byte pleth, long timerSeconds)
    {
        var status = (byte)(NoninPacketValues.Status(reading.Status, reading.HasValues) | (frameIndex == 0 ? 0x01 : 0x00));
        destination[0] = 0x01;
        destination[1] = status;
        destination[2] = pleth;
        destination[3] = NoninPacketValues.ValueFor(frameIndex, reading, timerSeconds);
        destination[4] = (byte)(destination[0] + destination[1] + destination[2] + destination[3]);
        return FrameSize;
    }
}
