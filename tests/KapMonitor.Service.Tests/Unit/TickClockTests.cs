using KapMonitor.Service.Pipeline;

namespace KapMonitor.Service.Tests.Unit;

public sealed class TickClockTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Ticks_every_whole_second_boundary_up_to_the_input_once()
    {
        var clock = new TickClock();
        var ticks = new List<DateTimeOffset>();
        clock.Reset(s_t0.AddMilliseconds(400));
        clock.CatchUp(s_t0.AddSeconds(3.7), ticks.Add);
        clock.CatchUp(s_t0.AddSeconds(2), ticks.Add);      // earlier input: nothing new
        clock.CatchUp(s_t0.AddSeconds(4.2), ticks.Add);
        Assert.Equal([s_t0.AddSeconds(1), s_t0.AddSeconds(2), s_t0.AddSeconds(3), s_t0.AddSeconds(4)], ticks);
    }

    [Fact]
    public void Nothing_ticks_before_a_session_starts()
    {
        var clock = new TickClock();
        var count = 0;
        clock.CatchUp(s_t0.AddHours(1), _ => count++);
        Assert.Equal(0, count);
    }

    [Fact]
    public void A_long_gap_is_covered_by_one_tick_at_its_end()
    {
        var clock = new TickClock();
        var ticks = new List<DateTimeOffset>();
        clock.Reset(s_t0);
        clock.CatchUp(s_t0.AddHours(5), ticks.Add);
        Assert.Equal([s_t0.AddHours(5)], ticks);
    }

    [Fact]
    public void The_same_inputs_give_the_same_ticks_whatever_the_idle_clock_did()
    {
        // Live: the idle clock ticks in between; replay: only the inputs. Both must tick the same instants
        // before each input.
        DateTimeOffset[] inputs = [s_t0.AddSeconds(0.5), s_t0.AddSeconds(1.2), s_t0.AddSeconds(6.9), s_t0.AddSeconds(7.1)];
        var live = new TickClock();
        var replay = new TickClock();
        live.Reset(s_t0);
        replay.Reset(s_t0);
        var liveTicks = new List<DateTimeOffset>();
        var replayTicks = new List<DateTimeOffset>();
        foreach (var input in inputs)
        {
            live.CatchUp(input - RoomRuntime.ClockGrace, liveTicks.Add); // an idle tick that came first
            live.CatchUp(input, liveTicks.Add);
            replay.CatchUp(input, replayTicks.Add);
            Assert.Equal(replay.LastTick, live.LastTick);
        }

        Assert.Equal(replayTicks, liveTicks);
    }
}
