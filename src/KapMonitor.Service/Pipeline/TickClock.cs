namespace KapMonitor.Service.Pipeline;

/// <summary>
/// Engine ticks on whole-second boundaries, derived from the inputs themselves. Before an input at
/// instant t is fed, every boundary up to t that was not yet ticked is ticked. Live and replay apply the
/// same rule to the same journaled inputs, so they tick at the same instants and decide the same things.
/// </summary>
public sealed class TickClock
{
    private static readonly long s_period = TimeSpan.TicksPerSecond;
    private long _lastTickUtcTicks = long.MinValue;

    /// <summary>Last boundary ticked, or null before the first.</summary>
    public DateTimeOffset? LastTick => _lastTickUtcTicks == long.MinValue ? null : new DateTimeOffset(_lastTickUtcTicks, TimeSpan.Zero);

    /// <summary>Starts ticking from the boundary at or after <paramref name="at"/> (the session start).</summary>
    public void Reset(DateTimeOffset at) => _lastTickUtcTicks = Floor(at.UtcTicks);

    /// <summary>Calls <paramref name="tick"/> for every boundary after the last one up to and including <paramref name="upTo"/>.</summary>
    public void CatchUp(DateTimeOffset upTo, Action<DateTimeOffset> tick)
    {
        if (_lastTickUtcTicks == long.MinValue)
        {
            return;
        }

        var target = Floor(upTo.UtcTicks);
        // A long outage (service down for hours) is covered by one tick at the target: timers compare
        // instants, they do not count ticks, so the intermediate boundaries would decide nothing new.
        if (target - _lastTickUtcTicks > 3600 * s_period)
        {
            _lastTickUtcTicks = target - s_period;
        }

        while (_lastTickUtcTicks < target)
        {
            _lastTickUtcTicks += s_period;
            tick(new DateTimeOffset(_lastTickUtcTicks, TimeSpan.Zero));
        }
    }

    private static long Floor(long ticks) => ticks - (ticks % s_period);
}
