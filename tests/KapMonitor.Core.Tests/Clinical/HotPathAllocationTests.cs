using KapMonitor.Core.Clinical.Engine;
using KapMonitor.Core.Observations;

namespace KapMonitor.Core.Tests.Clinical;

/// <summary>
/// The observation path must not allocate in steady state (speed itself is measured by
/// benchmarks/KapMonitor.Benchmarks/Engine, not here). Allocation is counted, not timed.
/// </summary>
public class HotPathAllocationTests
{
    [Fact]
    public void Steady_state_observations_allocate_nothing()
    {
        var s = new Scenario(Profiles.Esketamine).Start().NormalBaseline(1);
        s.Dose(2);
        var engine = s.Engine;
        var at = Scenario.At(2);

        // Warm-up runs to minute 12, past the SpO2 readiness window flipping at minute 10 (a decision, which
        // may allocate). The measured run then stays short of the first scheduled BP (40 - 5 min after dose).
        Run(engine, ref at, 12_000);
        var decisions = engine.DecisionCount;
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(engine, ref at, 20_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(at < Scenario.At(37));
        Assert.Equal(decisions, engine.DecisionCount);
        Assert.Equal(0, allocated);
    }

    private static void Run(SessionEngine engine, ref DateTimeOffset at, int count)
    {
        for (var i = 0; i < count; i++)
        {
            at = at.AddTicks(TimeSpan.TicksPerSecond / 20);
            var metric = (i & 1) == 0 ? Metric.Spo2 : Metric.PulseRate;
            var value = (i & 1) == 0 ? 96 + (i & 3) : 70 + (i & 7);
            var observation = new Observation(Scenario.Oximeter, metric, value, Validity.Valid, ObservationFlags.None, at);
            engine.Handle(in observation);
        }
    }
}
