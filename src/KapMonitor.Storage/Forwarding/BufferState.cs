namespace KapMonitor.Storage;

/// <summary>How much the journal holds that InfluxDB has not received yet.</summary>
/// <param name="UnforwardedObservations">Observations past no forwarder cursor, all rooms.</param>
/// <param name="OldestAge">Age of the oldest of them (zero when none).</param>
/// <param name="IsFilling">True when either exceeds its threshold: the host should raise a technical alarm.</param>
/// <param name="CheckedAt">When the figures were taken.</param>
public sealed record BufferState(long UnforwardedObservations, TimeSpan OldestAge, bool IsFilling, DateTimeOffset CheckedAt)
{
    /// <summary>The message for the technical alarm.</summary>
    public override string ToString() => IsFilling
        ? $"buffer filling: {UnforwardedObservations} observations not yet in InfluxDB, oldest {OldestAge:d\\.hh\\:mm\\:ss} old (kept in the journal)"
        : $"buffer ok: {UnforwardedObservations} observations waiting";
}
