using KapMonitor.Core.Clinical.Sessions;

namespace KapMonitor.Core.Clinical.Profiles;

/// <summary>
/// A prescriber's protocol: every clinical number the engine uses. A version never changes; editing
/// (including a per-patient override) produces a new object through <see cref="NewVersion"/> with
/// version + 1 and <see cref="BasedOn"/> pointing at its parent. Sessions pin a <see cref="ProfileRef"/>.
/// </summary>
public sealed record ProtocolProfile
{
    /// <summary>Profile id (stable across versions).</summary>
    public required string Id { get; init; }

    /// <summary>Version number, starting at 1.</summary>
    public required int Version { get; init; }

    /// <summary>The version this one was derived from, or null for an original.</summary>
    public ProfileRef? BasedOn { get; init; }

    /// <summary>Prescriber who created this version.</summary>
    public required string CreatedBy { get; init; }

    /// <summary>When this version was created (UTC).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Pseudonymous patient reference when this version is a per-patient override.</summary>
    public string? ForPatient { get; init; }

    /// <summary>Route the profile is written for.</summary>
    public required SessionRoute Route { get; init; }

    /// <summary>Human description.</summary>
    public string Description { get; init; } = "";

    /// <summary>Pre-dose gate limits.</summary>
    public required PreDoseGateSettings Gate { get; init; }

    /// <summary>When BP must be measured.</summary>
    public required MeasurementScheduleSettings Schedule { get; init; }

    /// <summary>Physiological alarm rules and alarm-system behaviour.</summary>
    public required AlarmSettings Alarms { get; init; }

    /// <summary>Technical alarm settings.</summary>
    public required TechnicalAlarmSettings Technical { get; init; }

    /// <summary>Discharge-readiness criteria.</summary>
    public required DischargeCriteria Discharge { get; init; }

    /// <summary>The pin for this version.</summary>
    public ProfileRef Ref => new(Id, Version);

    /// <summary>
    /// Starts the next version: a copy with version + 1, <see cref="BasedOn"/> = this version, new author and
    /// time. Apply edits with a <c>with</c> expression on the result.
    /// </summary>
    public ProtocolProfile NewVersion(string createdBy, DateTimeOffset createdAt, string? forPatient = null) =>
        this with
        {
            Version = Version + 1,
            BasedOn = Ref,
            CreatedBy = createdBy,
            CreatedAt = createdAt,
            ForPatient = forPatient ?? ForPatient,
        };
}
