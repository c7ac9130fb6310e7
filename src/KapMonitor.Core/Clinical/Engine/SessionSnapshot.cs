using KapMonitor.Core.Clinical.Alarms;
using KapMonitor.Core.Clinical.Discharge;
using KapMonitor.Core.Clinical.Profiles;
using KapMonitor.Core.Clinical.Sessions;

namespace KapMonitor.Core.Clinical.Engine;

/// <summary>Everything the UI shows about a session at one engine instant.</summary>
/// <param name="Session">Session info, null before StartSession.</param>
/// <param name="Profile">Pinned profile version.</param>
/// <param name="Phase">Phase.</param>
/// <param name="Now">Engine time.</param>
/// <param name="Timeline">Timepoints so far.</param>
/// <param name="Gate">Pre-dose gate with evidence.</param>
/// <param name="Alarms">Alarms not yet removed (active, acknowledged, latched), in raise order.</param>
/// <param name="AudioPausedUntil">End of the audio pause, or null when audio is not paused.</param>
/// <param name="NextMeasurementDue">Next scheduled BP, or null.</param>
/// <param name="Discharge">Discharge readiness with evidence, null before the dose.</param>
/// <param name="DischargeCleared">Whether the therapist signed off.</param>
/// <param name="DischargeOverride">Whether that sign-off was an override of a not-ready state.</param>
public sealed record SessionSnapshot(
    SessionInfo? Session,
    ProfileRef Profile,
    SessionPhase Phase,
    DateTimeOffset Now,
    SessionTimeline Timeline,
    GateStatus Gate,
    IReadOnlyList<AlarmInfo> Alarms,
    DateTimeOffset? AudioPausedUntil,
    DateTimeOffset? NextMeasurementDue,
    DischargeReadiness? Discharge,
    bool DischargeCleared,
    bool DischargeOverride);
