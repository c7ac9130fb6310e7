using KapMonitor.Simulators.Behaviour;
using KapMonitor.Simulators.Physiology;
using KapMonitor.Simulators.Scenarios;

namespace KapMonitor.Simulators.Devices;

/// <summary>
/// One patient in one scenario, shared by the devices attached to them (an oximeter and a cuff on the
/// same arm interact through it). Everything here is a pure function of the scenario and the seed.
/// </summary>
public sealed class SimulatedSession
{
    /// <summary>Creates the session.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="seed">Seed (usually <see cref="Scenario.Seed"/> or the command line's).</param>
    /// <param name="startWall">Wall-clock instant of session start, for device timestamps.</param>
    public SimulatedSession(Scenario scenario, ulong seed, DateTimeOffset startWall)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        Scenario = scenario;
        Seed = seed;
        StartWall = startWall.ToUniversalTime();
        Physiology = scenario.CreateModel(seed);
        Oximetry = new OximeterModel(Physiology, scenario, seed);
    }

    /// <summary>The scenario.</summary>
    public Scenario Scenario { get; }

    /// <summary>The seed.</summary>
    public ulong Seed { get; }

    /// <summary>Session start on the wall clock (UTC).</summary>
    public DateTimeOffset StartWall { get; }

    /// <summary>The patient.</summary>
    public PhysiologyModel Physiology { get; }

    /// <summary>What an oximeter on this patient shows.</summary>
    public OximeterModel Oximetry { get; }

    /// <summary>The cuff on the oximeter's arm, if a cuff device registered one.</summary>
    public NibpModel? SameArmCuff { get; set; }

    /// <summary>Device clock reading at session time <paramref name="t"/> (UTC).</summary>
    public DateTime DeviceTime(TimeSpan t) => (StartWall + t).UtcDateTime;

    /// <summary>The oximeter reading at <paramref name="t"/>, including the same-arm cuff.</summary>
    public OximeterReading ReadOximeter(TimeSpan t) => Oximetry.Read(t, SameArmCuff?.CuffPressure(t) ?? 0);

    /// <summary>True while the scenario has a device of kind <paramref name="target"/> unplugged.</summary>
    public bool IsUnplugged(TimeSpan t, ScenarioTarget target)
    {
        foreach (var e in Scenario.Events)
        {
            if (e.Kind == ScenarioEventKind.Unplug && e.Applies(target) && e.IsActiveAt(t))
            {
                return true;
            }
        }

        return false;
    }
}
