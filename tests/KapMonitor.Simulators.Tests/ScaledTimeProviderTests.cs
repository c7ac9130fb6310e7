using KapMonitor.Core.Time;
using KapMonitor.Testing;

namespace KapMonitor.Simulators.Tests;

public sealed class ScaledTimeProviderTests
{
    [Fact]
    public void Wall_and_monotonic_time_run_speed_times_faster()
    {
        var inner = new ManualTimeProvider();
        var start = new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);
        var scaled = new ScaledTimeProvider(inner, 30, start);
        var t0 = scaled.GetTimestamp();

        inner.Advance(TimeSpan.FromSeconds(12));

        Assert.Equal(start + TimeSpan.FromMinutes(6), scaled.GetUtcNow());
        Assert.Equal(TimeSpan.FromMinutes(6), scaled.GetElapsedTime(t0));
    }

    [Fact]
    public void Start_defaults_to_the_inner_clock()
    {
        var inner = new ManualTimeProvider();
        var scaled = new ScaledTimeProvider(inner, 2);
        Assert.Equal(inner.GetUtcNow(), scaled.GetUtcNow());
        inner.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(inner.GetUtcNow() + TimeSpan.FromSeconds(1), scaled.GetUtcNow());
    }

    [Fact]
    public void Timers_fire_after_the_scaled_due_time_and_period()
    {
        var inner = new ManualTimeProvider();
        var scaled = new ScaledTimeProvider(inner, 60);
        var fired = new List<TimeSpan>();
        var t0 = scaled.GetTimestamp();
        using var timer = scaled.CreateTimer(_ => fired.Add(scaled.GetElapsedTime(t0)), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2));

        inner.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Empty(fired);
        inner.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([TimeSpan.FromMinutes(1)], fired);
        inner.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(5)], fired);

        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        inner.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(3, fired.Count);
    }

    [Fact]
    public async Task Task_delay_on_the_scaled_clock_completes_after_the_scaled_span()
    {
        var inner = new ManualTimeProvider();
        var scaled = new ScaledTimeProvider(inner, 30);
        var delay = Task.Delay(TimeSpan.FromMinutes(3), scaled);

        inner.Advance(TimeSpan.FromSeconds(5));
        Assert.False(delay.IsCompleted);
        inner.Advance(TimeSpan.FromSeconds(1));
        await delay.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Rejects_speeds_that_are_not_positive_and_finite(double speed) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScaledTimeProvider(new ManualTimeProvider(), speed));

    [Fact]
    public void Periods_shorter_than_a_millisecond_of_real_time_stay_periodic()
    {
        // System.Threading.Timer counts whole milliseconds: a 0.8 ms period would become 0, "not periodic",
        // and a 60x demo's 50 ms device tick would fire once and never again.
        var inner = new RecordingTimeProvider();
        var scaled = new ScaledTimeProvider(inner, 60);
        using var timer = scaled.CreateTimer(_ => { }, null, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50));
        Assert.Equal((TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1)), inner.Last);
    }

    private sealed class RecordingTimeProvider : TimeProvider
    {
        public (TimeSpan Due, TimeSpan Period) Last { get; private set; }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Last = (dueTime, period);
            return System.CreateTimer(callback, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }
}
