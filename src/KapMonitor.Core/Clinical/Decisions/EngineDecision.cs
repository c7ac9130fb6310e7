using System.Text.Json.Serialization;
using KapMonitor.Core.Clinical.Alarms;
using KapMonitor.Core.Clinical.Discharge;
using KapMonitor.Core.Clinical.Engine;
using KapMonitor.Core.Clinical.Profiles;
using KapMonitor.Core.Clinical.Sessions;

namespace KapMonitor.Core.Clinical.Decisions;

// The decision records are tiny and only meaningful together, so they share this file.

/// <summary>
/// Something the engine decided. <see cref="Sequence"/> numbers decisions per session from 1 without gaps;
/// <see cref="At"/> is the engine time (the instant of the input that revealed it).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(SessionStarted), "sessionStarted")]
[JsonDerivedType(typeof(SessionEnded), "sessionEnded")]
[JsonDerivedType(typeof(CommandRejected), "commandRejected")]
[JsonDerivedType(typeof(GateChanged), "gateChanged")]
[JsonDerivedType(typeof(DoseRecorded), "doseRecorded")]
[JsonDerivedType(typeof(InfusionEnded), "infusionEnded")]
[JsonDerivedType(typeof(MeasurementDue), "measurementDue")]
[JsonDerivedType(typeof(AlarmRaised), "alarmRaised")]
[JsonDerivedType(typeof(AlarmConditionChanged), "alarmConditionChanged")]
[JsonDerivedType(typeof(AlarmAcknowledged), "alarmAcknowledged")]
[JsonDerivedType(typeof(AlarmCleared), "alarmCleared")]
[JsonDerivedType(typeof(AlarmEscalated), "alarmEscalated")]
[JsonDerivedType(typeof(AlarmAudioPaused), "alarmAudioPaused")]
[JsonDerivedType(typeof(AlarmAudioResounded), "alarmAudioResounded")]
[JsonDerivedType(typeof(AttestationRecorded), "attestationRecorded")]
[JsonDerivedType(typeof(DischargeReadinessChanged), "dischargeReadinessChanged")]
[JsonDerivedType(typeof(DischargeCleared), "dischargeCleared")]
public abstract record EngineDecision
{
    /// <summary>Per-session sequence number, from 1.</summary>
    [JsonPropertyOrder(-2)]
    public long Sequence { get; internal set; }

    /// <summary>Engine time of the decision (UTC).</summary>
    [JsonPropertyOrder(-1)]
    public DateTimeOffset At { get; internal set; }
}

/// <summary>The session started under the pinned profile.</summary>
public sealed record SessionStarted(SessionInfo Session, ProfileRef Profile) : EngineDecision;

/// <summary>Monitoring ended.</summary>
public sealed record SessionEnded(string By, double? MinutesSinceFirstDose) : EngineDecision;

/// <summary>A command was refused; nothing changed.</summary>
public sealed record CommandRejected(string Command, string Reason) : EngineDecision;

/// <summary>The pre-dose gate changed state (held, clear, overridden, awaiting baseline, closed).</summary>
public sealed record GateChanged(GateStatus Gate) : EngineDecision;

/// <summary>A dose was recorded.</summary>
public sealed record DoseRecorded(string By, string Description, bool IsFirst, GateState GateAtDose) : EngineDecision;

/// <summary>The IV infusion ended.</summary>
public sealed record InfusionEnded(string By) : EngineDecision;

/// <summary>A BP measurement is due.</summary>
public sealed record MeasurementDue(MeasurementKind Kind, string Label, DateTimeOffset DueAt, MeasurementHint Hint) : EngineDecision;

/// <summary>An alarm was raised. <paramref name="Audible"/> is false while audio is paused (and no break-through).</summary>
public sealed record AlarmRaised(AlarmInfo Alarm, bool Audible) : EngineDecision;

/// <summary>The condition of a latching alarm ended (it stays latched) or returned.</summary>
public sealed record AlarmConditionChanged(string AlarmId, bool ConditionActive, AlarmState State) : EngineDecision;

/// <summary>An alarm was acknowledged.</summary>
public sealed record AlarmAcknowledged(string AlarmId, string By) : EngineDecision;

/// <summary>An alarm was removed (condition ended and, if latching, acknowledged).</summary>
public sealed record AlarmCleared(string AlarmId, string Reason) : EngineDecision;

/// <summary>An unacknowledged alarm escalated; the host notifies <paramref name="PrescriberId"/>.</summary>
public sealed record AlarmEscalated(string AlarmId, AlarmPriority Priority, bool NotifyPrescriber, string PrescriberId) : EngineDecision;

/// <summary>Alarm audio paused until <paramref name="Until"/>.</summary>
public sealed record AlarmAudioPaused(string By, DateTimeOffset Until) : EngineDecision;

/// <summary>Audio sounds again: the pause expired with alarms unacknowledged, or a higher priority broke through.</summary>
public sealed record AlarmAudioResounded(string Reason, string? AlarmId) : EngineDecision;

/// <summary>An attestation was recorded.</summary>
public sealed record AttestationRecorded(string Item, string By) : EngineDecision;

/// <summary>Discharge readiness or the set of met criteria changed; carries the full evidence.</summary>
public sealed record DischargeReadinessChanged(DischargeReadiness Readiness) : EngineDecision;

/// <summary>The therapist signed off; <paramref name="Override"/> when the state was not ready.</summary>
public sealed record DischargeCleared(string By, bool Override, string? OverrideReason, DischargeReadiness Evidence) : EngineDecision;
