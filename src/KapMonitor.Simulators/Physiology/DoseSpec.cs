namespace KapMonitor.Simulators.Physiology;

/// <summary>When and how the dose is given, relative to the start of the session.</summary>
/// <param name="Route">Route of administration.</param>
/// <param name="DoseAt">Time from session start to the dose (IV: infusion start).</param>
/// <param name="InfusionDuration">IV infusion length (40-60 min typical); ignored for other routes.</param>
public sealed record DoseSpec(DoseRoute Route, TimeSpan DoseAt, TimeSpan InfusionDuration = default);
