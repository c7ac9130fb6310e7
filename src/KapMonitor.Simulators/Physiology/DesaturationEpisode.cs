namespace KapMonitor.Simulators.Physiology;

/// <summary>A true desaturation: SpO2 ramps down to <paramref name="Nadir"/>, holds, and recovers.</summary>
/// <param name="At">Start, from session start.</param>
/// <param name="Duration">Whole episode, ramps included.</param>
/// <param name="Nadir">Lowest SpO2, %.</param>
public readonly record struct DesaturationEpisode(TimeSpan At, TimeSpan Duration, double Nadir);
