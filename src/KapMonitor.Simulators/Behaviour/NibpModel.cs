using KapMonitor.Simulators.Physiology;
using KapMonitor.Simulators.Scenarios;

namespace KapMonitor.Simulators.Behaviour;

/// <summary>
/// The cuff side of a session: starts cycles (on a host command or on the scenario's cadence),
/// decides whether each fails from the scenario's events, and tracks the cycle in progress.
/// </summary>
public sealed class NibpModel
{
    private readonly PhysiologyModel _physiology;
    private readonly Scenario _scenario;
    private readonly ulong _seed;

    /// <summary>Creates the model.</summary>
    public NibpModel(PhysiologyModel physiology, Scenario scenario, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(physiology);
        ArgumentNullException.ThrowIfNull(scenario);
        _physiology = physiology;
        _scenario = scenario;
        _seed = seed ^ 0xC0FFUL;
    }

    /// <summary>The cycle in progress or the last one, or null before the first.</summary>
    public NibpCycle? Current { get; private set; }

    /// <summary>True while a cycle is in progress at <paramref name="t"/>.</summary>
    public bool IsRunning(TimeSpan t) => Current is { } c && !c.IsComplete(t);

    /// <summary>Cuff pressure at <paramref name="t"/> (0 when idle).</summary>
    public double CuffPressure(TimeSpan t) => IsRunning(t) ? Current!.CuffPressure(t) : 0;

    /// <summary>Starts a cycle at <paramref name="t"/>; returns false when one is already running (the module is busy).</summary>
    public bool TryStart(TimeSpan t)
    {
        if (IsRunning(t))
        {
            return false;
        }

        Current = new NibpCycle(t, _physiology.Sample(t), FaultAt(t), _seed);
        return true;
    }

    /// <summary>Abandons the running cycle (host abort); the cuff dumps at once.</summary>
    public void Abort() => Current = null;

    /// <summary>The fault a cycle starting at <paramref name="t"/> meets, from the scenario's events.</summary>
    public NibpFault FaultAt(TimeSpan t)
    {
        foreach (var e in _scenario.Events)
        {
            if (!e.Applies(ScenarioTarget.Cuff) || !e.IsActiveAt(t))
            {
                continue;
            }

            if (e.Kind == ScenarioEventKind.CuffError)
            {
                return e.Fault;
            }

            if (e.Kind == ScenarioEventKind.Motion)
            {
                return NibpFault.Motion;
            }
        }

        return NibpFault.None;
    }
}
