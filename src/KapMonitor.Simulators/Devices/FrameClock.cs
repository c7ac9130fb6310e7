namespace KapMonitor.Simulators.Devices;

/// <summary>
/// Frame k of a stream is due at k / rate seconds of session time. Emitting by frame index, not by
/// tick, makes the byte stream independent of scheduler jitter: any tick pattern yields the same bytes.
/// </summary>
/// <param name="framesPerSecond">Frame rate.</param>
public struct FrameClock(double framesPerSecond)
{
    /// <summary>Index of the next frame to emit.</summary>
    public long Next { get; private set; }

    /// <summary>Session time at which frame <paramref name="index"/> is due.</summary>
    public readonly TimeSpan TimeOf(long index) => TimeSpan.FromTicks((long)(index * TimeSpan.TicksPerSecond / framesPerSecond));

    /// <summary>Returns the next due frame index (and advances) while one is due at or before <paramref name="now"/>.</summary>
    public bool TryTake(TimeSpan now, out long index)
    {
        index = Next;
        if (TimeOf(index) > now)
        {
            return false;
        }

        Next++;
        return true;
    }

    /// <summary>Drops every frame due up to <paramref name="now"/> (cable pulled, streaming off).</summary>
    public void SkipTo(TimeSpan now) => Next = Math.Max(Next, (long)Math.Floor(now.Ticks * framesPerSecond / TimeSpan.TicksPerSecond) + 1);

    /// <summary>Moves <see cref="Next"/> forward to a multiple of <paramref name="multiple"/> (start of a packet or refresh group).</summary>
    public void AlignTo(int multiple)
    {
        var remainder = Next % multiple;
        if (remainder != 0)
        {
            Next += multiple - remainder;
        }
    }
}
