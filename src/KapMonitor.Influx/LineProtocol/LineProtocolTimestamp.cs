namespace KapMonitor.Influx;

/// <summary>Converts instants to line-protocol timestamps.</summary>
public static class LineProtocolTimestamp
{
    private const long TicksPerMicrosecond = 10;
    private const long TicksPerMillisecond = TimeSpan.TicksPerMillisecond;
    private const long TicksPerSecond = TimeSpan.TicksPerSecond;

    /// <summary>
    /// Returns <paramref name="instant"/> as an integer count of <paramref name="precision"/> units since the
    /// Unix epoch. Sub-unit parts are truncated toward the past (floor), so an instant never moves later.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The instant cannot be expressed in nanoseconds as a signed 64-bit integer (outside 1677-09-21 .. 2262-04-11).
    /// </exception>
    public static long From(DateTimeOffset instant, InfluxPrecision precision)
    {
        long ticks = instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return precision switch
        {
            InfluxPrecision.Nanoseconds => ToNanoseconds(ticks, instant),
            InfluxPrecision.Microseconds => FloorDiv(ticks, TicksPerMicrosecond),
            InfluxPrecision.Milliseconds => FloorDiv(ticks, TicksPerMillisecond),
            InfluxPrecision.Seconds => FloorDiv(ticks, TicksPerSecond),
            _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "Unknown precision."),
        };
    }

    private static long ToNanoseconds(long ticks, DateTimeOffset instant)
    {
        // A tick is 100 ns; InfluxDB stores int64 nanoseconds, which covers 1677-09-21 .. 2262-04-11.
        if (ticks > long.MaxValue / 100 || ticks < long.MinValue / 100)
        {
            throw new ArgumentOutOfRangeException(nameof(instant), instant, "InfluxDB cannot store this instant in nanoseconds (valid range 1677-09-21 .. 2262-04-11).");
        }

        return ticks * 100;
    }

    private static long FloorDiv(long value, long divisor)
    {
        long quotient = Math.DivRem(value, divisor, out long remainder);
        return remainder < 0 ? quotient - 1 : quotient;
    }
}
