namespace KapMonitor.Core.Clinical.Sessions;

/// <summary>The timepoints of a session as the engine saw them (all UTC, null until they happen).</summary>
/// <param name="StartedAt">StartSession.</param>
/// <param name="BaselineAt">Time of the BP reading used as baseline (frozen at first dose).</param>
/// <param name="FirstDoseAt">First dose: first nasal device, lozenge, or infusion start.</param>
/// <param name="InfusionEndAt">IV infusion end.</param>
/// <param name="DischargeClearedAt">Therapist sign-off.</param>
/// <param name="EndedAt">EndSession (end of monitoring).</param>
public sealed record SessionTimeline(
    DateTimeOffset? StartedAt,
    DateTimeOffset? BaselineAt,
    DateTimeOffset? FirstDoseAt,
    DateTimeOffset? InfusionEndAt,
    DateTimeOffset? DischargeClearedAt,
    DateTimeOffset? EndedAt);
