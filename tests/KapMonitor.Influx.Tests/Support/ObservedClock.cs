using System.Threading.Channels;
using KapMonitor.Testing;

namespace KapMonitor.Influx.Tests.Support;

/// <summary>
/// A <see cref="ManualTimeProvider"/> that also reports each timer created with a finite due time, so a test can
/// wait until the code under test is really waiting (e.g. in a retry delay) before advancing the clock.
/// Timers whose due time equals <see cref="IgnoredDueTime"/> (the request timeout) are not reported.
/// </summary>
internal sealed class ObservedClock(TimeSpan ignoredDueTime) : TimeProvider
{
    private readonly Channel<TimeSpan> _created = Channel.CreateUnbounded<TimeSpan>();

    public ManualTimeProvider Manual { get; } = new();

    public TimeSpan IgnoredDueTime { get; } = ignoredDueTime;

    public override DateTimeOffset GetUtcNow() => Manual.GetUtcNow();

    public override long GetTimestamp() => Manual.GetTimestamp();

    public override long TimestampFrequency => Manual.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Manual.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ITimer timer = Manual.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan && dueTime != IgnoredDueTime)
        {
            _created.Writer.TryWrite(dueTime);
        }

        return timer;
    }

    /// <summary>Waits (real time, generous limit) for the next reported timer, then advances the clock past it.</summary>
    public async Task<TimeSpan> AdvancePastNextTimerAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        TimeSpan due = await _created.Reader.ReadAsync(limit.Token);
        Manual.Advance(due);
        return due;
    }
}
