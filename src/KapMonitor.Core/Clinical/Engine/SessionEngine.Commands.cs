using KapMonitor.Core.Clinical.Decisions;
using KapMonitor.Core.Clinical.Sessions;

namespace KapMonitor.Core.Clinical.Engine;

// Commands from people and the host. A command that does not fit the state is rejected with a reason,
// never half-applied.
public sealed partial class SessionEngine
{
    private void OnCommand(SessionCommand command)
    {
        switch (command)
        {
            case StartSession start:
                Start(start);
                break;
            case RecordDose dose:
                Dose(dose);
                break;
            case EndInfusion end:
                EndInfusionAt(end);
                break;
            case OverrideGate gateOverride:
                Override(gateOverride);
                break;
            case AcknowledgeAlarm acknowledge:
                Acknowledge(acknowledge);
                break;
            case PauseAudio pause:
                PauseAudioFor(pause);
                break;
            case Attest attest:
                AttestItem(attest);
                break;
            case SignOffDischarge signOff:
                SignOff(signOff);
                break;
            case EndSession end:
                End(end);
                break;
            default:
                Reject(command, "unknown command");
                break;
        }
    }

    private void Start(StartSession command)
    {
        if (_phase != SessionPhase.NotStarted)
        {
            Reject(command, "the session has already started");
            return;
        }

        if (command.Session.Profile != _profile.Ref)
        {
            Reject(command, $"the session pins {command.Session.Profile} but the engine runs {_profile.Ref}");
            return;
        }

        if (command.Session.Route != _profile.Route)
        {
            Reject(command, $"the session route {command.Session.Route} does not match the profile route {_profile.Route}");
            return;
        }

        _session = command.Session;
        _deviceArms = command.DeviceArms;
        _phase = SessionPhase.PreDose;
        _startedAt = _now;
        Emit(new SessionStarted(command.Session, _profile.Ref));
        Emit(new MeasurementDue(MeasurementKind.Baseline, "baseline", _now, Hint));
        EvaluateGate();
    }

    private void Dose(RecordDose command)
    {
        if (_phase == SessionPhase.Monitoring)
        {
            Emit(new DoseRecorded(command.By, command.Description, IsFirst: false, GateState.Closed));
            return;
        }

        var gate = ComputeGateState();
        if (gate is not (GateState.Clear or GateState.Overridden))
        {
            Reject(command, gate == GateState.Held
                ? "pre-dose gate held: baseline above limits; a prescriber must override with a reason"
                : "pre-dose gate awaiting a valid baseline BP and SpO2 within the window");
            return;
        }

        FreezeBaseline();
        _firstDoseAt = _now;
        _phase = SessionPhase.Monitoring;
        Emit(new DoseRecorded(command.By, command.Description, IsFirst: true, gate));
        _gateAtDose = gate;
        EmitGate(BuildGateStatus(GateState.Closed));
        RecomputeSchedule();
        _dischargeDirty = true;
    }

    private void EndInfusionAt(EndInfusion command)
    {
        if (_phase != SessionPhase.Monitoring || _infusionEndAt is not null)
        {
            Reject(command, _infusionEndAt is null ? "no infusion has started" : "the infusion already ended");
            return;
        }

        _infusionEndAt = _now;
        Emit(new InfusionEnded(command.By));
        RecomputeSchedule();
        _dischargeDirty = true;
    }

    private void Override(OverrideGate command)
    {
        if (string.IsNullOrWhiteSpace(command.Reason) || string.IsNullOrWhiteSpace(command.PrescriberId))
        {
            Reject(command, "a gate override needs the prescriber id and a reason");
            return;
        }

        if (_phase != SessionPhase.PreDose || ComputeGateState() != GateState.Held)
        {
            Reject(command, "the pre-dose gate is not held");
            return;
        }

        _overrideBy = command.PrescriberId;
        _overrideReason = command.Reason;
        EvaluateGate();
    }

    private void AttestItem(Attest command)
    {
        var items = _profile.Discharge.Attestations;
        var index = -1;
        for (var i = 0; i < items.Count; i++)
        {
            if (string.Equals(items[i], command.Item, StringComparison.Ordinal))
            {
                index = i;
            }
        }

        if (index < 0)
        {
            Reject(command, $"unknown attestation item '{command.Item}'; the profile asks for: {string.Join(", ", items)}");
            return;
        }

        if (_phase != SessionPhase.Monitoring)
        {
            Reject(command, "attestations are made after the dose");
            return;
        }

        _attestedBy[index] = command.TherapistId;
        _attestedAt[index] = _now;
        Emit(new AttestationRecorded(command.Item, command.TherapistId));
        _dischargeDirty = true;
    }

    private void SignOff(SignOffDischarge command)
    {
        if (_phase != SessionPhase.Monitoring || _dischargeClearedAt is not null)
        {
            Reject(command, _dischargeClearedAt is null ? "no dose has been recorded" : "discharge already signed off");
            return;
        }

        var readiness = BuildReadiness();
        var isOverride = !readiness.Ready;
        if (isOverride && string.IsNullOrWhiteSpace(command.OverrideReason))
        {
            Reject(command, "not discharge-ready; signing off needs an override reason");
            return;
        }

        _dischargeClearedAt = _now;
        _dischargeOverride = isOverride;
        _lastReadinessAtSignOff = readiness;
        Emit(new DischargeCleared(command.TherapistId, isOverride, isOverride ? command.OverrideReason : null, readiness));
        RecomputeSchedule(); // the patient is leaving: nothing more is due
    }

    private void End(EndSession command)
    {
        _endedAt = _now;
        _phase = SessionPhase.Ended;
        Emit(new SessionEnded(command.By, _firstDoseAt is null ? null : MinutesSince(_firstDoseAt)));
    }
}
