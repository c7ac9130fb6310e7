using KapMonitor.Simulators.Behaviour;
using KapMonitor.Simulators.Physiology;

namespace KapMonitor.Simulators.Tests;

public sealed class NibpCycleTests
{
    private static readonly PatientState s_patient = new(128, 82, 97, 74, 98, 3, 14);

    [Fact]
    public void A_normal_cycle_inflates_above_systolic_then_deflates_in_20_to_45_seconds()
    {
        var cycle = new NibpCycle(TimeSpan.FromMinutes(5), s_patient, NibpFault.None, 1);
        Assert.InRange(cycle.Duration.TotalSeconds, 20, 45);
        var pressures = Enumerable.Range(0, (int)cycle.Duration.TotalSeconds * 5)
            .Select(i => cycle.CuffPressure(cycle.Start + TimeSpan.FromMilliseconds(200 * i))).ToList();
        Assert.True(pressures.Max() > s_patient.Systolic + 20);
        Assert.Equal(0, cycle.CuffPressure(cycle.End + TimeSpan.FromSeconds(1)));
        Assert.True(cycle.Result.Succeeded);
        Assert.InRange(cycle.Result.Systolic, 125, 131);
        Assert.InRange(cycle.Result.Diastolic, 80, 84);
        Assert.Equal(74, cycle.Result.HeartRate);
    }

    [Theory]
    [InlineData(NibpFault.Motion, 40, 120)]
    [InlineData(NibpFault.LooseCuff, 40, 45)]
    [InlineData(NibpFault.Timeout, 120, 125)]
    [InlineData(NibpFault.Overpressure, 10, 20)]
    [InlineData(NibpFault.WeakSignal, 20, 45)]
    public void Faulty_cycles_end_without_a_reading(NibpFault fault, double minSeconds, double maxSeconds)
    {
        var cycle = new NibpCycle(TimeSpan.Zero, s_patient, fault, 1);
        Assert.InRange(cycle.Duration.TotalSeconds, minSeconds, maxSeconds);
        Assert.False(cycle.Result.Succeeded);
        Assert.Equal(fault, cycle.Result.Fault);
        Assert.Equal(0, cycle.Result.Systolic);
    }

    [Fact]
    public void Overpressure_reaches_the_safety_limit_and_loose_cuff_never_passes_60()
    {
        var over = new NibpCycle(TimeSpan.Zero, s_patient, NibpFault.Overpressure, 1);
        Assert.True(over.CuffPressure(TimeSpan.FromSeconds(10)) >= 290);
        var loose = new NibpCycle(TimeSpan.Zero, s_patient, NibpFault.LooseCuff, 1);
        Assert.True(Enumerable.Range(0, 50).All(s => loose.CuffPressure(TimeSpan.FromSeconds(s)) <= 60));
    }
}
