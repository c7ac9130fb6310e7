using KapMonitor.Simulators.Behaviour;

namespace KapMonitor.Simulators.Scenarios;

/// <summary>One timeline entry: <paramref name="Kind"/> is active from <paramref name="At"/> for <paramref name="Duration"/>.</summary>
/// <param name="At">Start, from session start.</param>
/// <param name="Duration">How long it lasts.</param>
/// <param name="Kind">What happens.</param>
/// <param name="Target">Which devices it affects.</param>
/// <param name="Nadir">Lowest SpO2 for <see cref="ScenarioEventKind.Desaturation"/>.</param>
/// <param name="Fault">Failure for <see cref="ScenarioEventKind.CuffError"/>.</param>
public sealed record ScenarioEvent(
    TimeSpan At,
    TimeSpan Duration,
    ScenarioEventKind Kind,
    ScenarioTarget Target = ScenarioTarget.All,
    double Nadir = 0,
    NibpFault Fault = NibpFault.None)
{
    /// <summary>End of the window (exclusive).</summary>
    public TimeSpan End => At + Duration;

    /// <summary>True when <paramref name="t"/> is inside the window.</summary>
    public bool IsActiveAt(TimeSpan t) => t >= At && t < End;

    /// <summary>True when the event applies to a device of <paramref name="target"/> kind.</summary>
    public bool Applies(ScenarioTarget target) => Target == ScenarioTarget.All || Target == target;
}
