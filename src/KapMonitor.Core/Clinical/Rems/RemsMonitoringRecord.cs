using KapMonitor.Core.Clinical.Discharge;

namespace KapMonitor.Core.Clinical.Rems;

/// <summary>
/// The fields of the Spravato REMS patient-monitoring form that the engine can fill (Spravato
/// prescribing information and REMS). Sedation, dissociation and respiratory-depression events are
/// clinical judgements the form asks the clinician for; the engine does not guess them.
/// </summary>
/// <param name="SessionId">Session.</param>
/// <param name="PatientRef">Pseudonymous patient reference.</param>
/// <param name="PreDose">BP baseline used for dosing.</param>
/// <param name="AtAbout40Minutes">Post-dose reading nearest 40 min (within 30-60 min), or null.</param>
/// <param name="BeforeCompletion">Last post-dose reading before the end of monitoring, or null.</param>
/// <param name="VitalsAcceptableBeforeDosing">Gate was clear at dose (false when dosing followed an override).</param>
/// <param name="VitalsAcceptableBeforeCompletion">Discharge was ready at sign-off; null when not signed off.</param>
/// <param name="TotalMonitoringMinutes">Minutes from first device to end of monitoring (session end, else sign-off); null while monitoring.</param>
public sealed record RemsMonitoringRecord(
    string SessionId,
    string PatientRef,
    BpReading? PreDose,
    BpReading? AtAbout40Minutes,
    BpReading? BeforeCompletion,
    bool? VitalsAcceptableBeforeDosing,
    bool? VitalsAcceptableBeforeCompletion,
    double? TotalMonitoringMinutes);
