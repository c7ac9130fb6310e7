namespace KapMonitor.Storage;

/// <summary>
/// Instants are stored as signed 64-bit nanoseconds since the Unix epoch (UTC): exact for .NET's 100 ns
/// ticks, ordered as integers, and directly usable as InfluxDB line-protocol timestamps (precision n).
/// </summary>
internal static class UnixNanos
{
    public static long From(DateTimeOffset instant) => (instant.UtcTicks - DateTime.UnixEpoch.Ticks) * 100;

    public static DateTimeOffset ToInstant(long nanos) => new(DateTime.UnixEpoch.Ticks + (nanos / 100), TimeSpan.Zero);
}
