namespace KapMonitor.Core.Time;

/// <summary>
/// A <see cref="TimeProvider"/> that runs <see cref="Speed"/> times faster than an inner clock from the
/// moment it is created: wall time, monotonic time and timers are all scaled, so a service and the
/// device simulators sharing one instance see the same accelerated session (speed 30 plays a 3-hour
/// session in 6 minutes) and take the same decisions they would in real time.
/// </summary>
public sealed class ScaledTimeProvider : TimeProvider
{
    private readonly TimeProvider _inner;
    private readonly long _innerStartTimestamp;
    private readonly DateTimeOffset _start;

    /// <summary>Creates a clock running <paramref name="speed"/> times faster than <paramref name="inner"/>.</summary>
    /// <param name="inner">The real clock (usually <see cref="TimeProvider.System"/>).</param>
    /// <param name="speed">Acceleration factor, greater than zero (1 = real time).</param>
    /// <param name="start">Wall-clock instant this clock reads at creation; defaults to the inner clock's now.</param>
    public ScaledTimeProvider(TimeProvider inner, double speed, DateTimeOffset? start = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (!double.IsFinite(speed) || speed <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "Speed must be a finite number greater than zero.");
        }

        _inner = inner;
        Speed = speed;
        _innerStartTimestamp = inner.GetTimestamp();
        _start = (start ?? inner.GetUtcNow()).ToUniversalTime();
    }

    /// <summary>How many times faster than the inner clock this clock runs.</summary>
    public double Speed { get; }

    /// <summary>The wall-clock instant this clock read when it was created.</summary>
    public DateTimeOffset Start => _start;

    /// <inheritdoc />
    public override long TimestampFrequency => _inner.TimestampFrequency;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _start + ScaledElapsed();

    /// <inheritdoc />
    public override long GetTimestamp()
    {
        var innerDelta = _inner.GetTimestamp() - _innerStartTimestamp;
        return _innerStartTimestamp + (long)(innerDelta * Speed);
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return new ScaledTimer(_inner.CreateTimer(callback, state, ToInner(dueTime), ToInner(period)), this);
    }

    private TimeSpan ScaledElapsed()
    {
        var innerDelta = _inner.GetTimestamp() - _innerStartTimestamp;
        return TimeSpan.FromTicks((long)(innerDelta * Speed * TimeSpan.TicksPerSecond / _inner.TimestampFrequency));
    }

    /// <summary>Converts a span on this clock to the inner clock's span (infinite and zero stay as they are).</summary>
    private TimeSpan ToInner(TimeSpan span)
    {
        if (span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero)
        {
            return span;
        }

        // Never hand the inner clock a positive span under 1 ms: System.Threading.Timer counts whole
        // milliseconds, so 0.8 ms becomes a period of 0, which means "not periodic" (the timer fires once).
        return TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, (long)(span.Ticks / Speed)));
    }

    private sealed class ScaledTimer(ITimer inner, ScaledTimeProvider owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(owner.ToInner(dueTime), owner.ToInner(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
