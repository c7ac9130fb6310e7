using System.Text.Json.Serialization;
using KapMonitor.Core.Clinical.Sessions;

namespace KapMonitor.Core.Clinical.Engine;

// The command records are tiny and only meaningful together, so they share this file.

/// <summary>A human or host action on a session. Every command carries its instant so replay is exact.</summary>
/// <param name="At">When the command was given (UTC).</param>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(StartSession), "startSession")]
[JsonDerivedType(typeof(RecordDose), "recordDose")]
[JsonDerivedType(typeof(EndInfusion), "endInfusion")]
[JsonDerivedType(typeof(OverrideGate), "overrideGate")]
[JsonDerivedType(typeof(AcknowledgeAlarm), "acknowledgeAlarm")]
[JsonDerivedType(typeof(PauseAudio), "pauseAudio")]
[JsonDerivedType(typeof(Attest), "attest")]
[JsonDerivedType(typeof(SignOffDischarge), "signOffDischarge")]
[JsonDerivedType(typeof(EndSession), "endSession")]
public abstract record SessionCommand(DateTimeOffset At);

/// <summary>Starts the session; must be the first command, and its profile pin must match the engine's profile.</summary>
/// <param name="At">When the session started (UTC).</param>
/// <param name="Session">What is known about the session.</param>
/// <param name="DeviceArms">The arm each of the room's devices is worn on, by device id, where the room's configuration
/// says; journaled with the command so a replay suppresses exactly what the live session did. A device missing here
/// is on an unknown arm.</param>
public sealed record StartSession(DateTimeOffset At, SessionInfo Session, IReadOnlyDictionary<string, Arm>? DeviceArms = null) : SessionCommand(At);

/// <summary>A dose was given (nasal device, lozenge, or infusion start). The first one freezes the baseline.</summary>
public sealed record RecordDose(DateTimeOffset At, string By, string Description) : SessionCommand(At);

/// <summary>The IV infusion ended.</summary>
public sealed record EndInfusion(DateTimeOffset At, string By) : SessionCommand(At);

/// <summary>A prescriber releases a held gate; <paramref name="Reason"/> is required.</summary>
public sealed record OverrideGate(DateTimeOffset At, string PrescriberId, string Reason) : SessionCommand(At);

/// <summary>Acknowledges one alarm instance, or every alarm when <paramref name="AlarmId"/> is null.</summary>
public sealed record AcknowledgeAlarm(DateTimeOffset At, string UserId, string? AlarmId = null) : SessionCommand(At);

/// <summary>Pauses the room's alarm audio for the profile's pause time.</summary>
public sealed record PauseAudio(DateTimeOffset At, string UserId) : SessionCommand(At);

/// <summary>The therapist attests a discharge item (e.g. <c>oriented-x3</c>).</summary>
public sealed record Attest(DateTimeOffset At, string TherapistId, string Item) : SessionCommand(At);

/// <summary>Therapist discharge sign-off; on a not-ready state <paramref name="OverrideReason"/> is required.</summary>
public sealed record SignOffDischarge(DateTimeOffset At, string TherapistId, string? OverrideReason = null) : SessionCommand(At);

/// <summary>Ends monitoring.</summary>
public sealed record EndSession(DateTimeOffset At, string By) : SessionCommand(At);
