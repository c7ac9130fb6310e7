using KapMonitor.Core.Clinical.Profiles;

namespace KapMonitor.Core.Clinical.Sessions;

/// <summary>
/// What is known about a session when it starts. The patient appears only as a pseudonymous reference:
/// no names or identifiers leave the clinic's own record system through KapMonitor.
/// </summary>
/// <param name="SessionId">Unique session id chosen by the host.</param>
/// <param name="Room">Room the session runs in.</param>
/// <param name="PatientRef">Pseudonymous patient reference (never a name).</param>
/// <param name="PrescriberId">Prescriber who owns the protocol and receives escalations.</param>
/// <param name="TherapistId">Therapist running the room.</param>
/// <param name="Route">Route of administration.</param>
/// <param name="Dose">Prescribed dose, free text as written by the prescriber (e.g. "56 mg, 2 devices").</param>
/// <param name="DoseMilligrams">Prescribed dose in mg when known.</param>
/// <param name="PatientAgeYears">Age in whole years, for the older-adult gate limit; null when unknown.</param>
/// <param name="Profile">The protocol profile version this session is pinned to.</param>
/// <param name="CuffAcceptsCommands">True when the host can start an NIBP cycle itself; otherwise due
/// measurements prompt the therapist.</param>
public sealed record SessionInfo(
    string SessionId,
    RoomId Room,
    string PatientRef,
    string PrescriberId,
    string TherapistId,
    SessionRoute Route,
    string Dose,
    double? DoseMilligrams,
    int? PatientAgeYears,
    ProfileRef Profile,
    bool CuffAcceptsCommands);
